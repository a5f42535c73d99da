package analysis

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
	"github.com/rejoinder/rejoinder/synth"
)

// ProfileParquet gives exactly the profile of the columnar view, for every
// grouping, scheme and filter kind, on one file and on partitions, on the
// curated data and on synthetic data with silences and undated responses.
func TestProfileParquetMatchesColumns(t *testing.T) {
	gen, err := synth.Generate(synth.Options{Cases: 40, Responses: 3000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	filters := []Filter{
		{},
		{Responders: []string{"RUS", "PRK"}},
		{Accusers: []string{"USA"}},
		{Instruments: []string{"indictment"}},
		{From: schema.DayDate(2018, 1, 1), To: schema.DayDate(2019, 6, 30)},
		{From: schema.Date{Year: 2019, Precision: schema.PrecisionYear}},
		{Verified: true},
		{Cases: []string{"prk-park-2018"}, Responders: []string{"PRK"}},
	}
	for name, ds := range map[string]*dataset.Dataset{"curated": dataset.MustDefault(), "synthetic": gen} {
		plain, parts := t.TempDir(), t.TempDir()
		if _, err := ds.WriteParquet(plain); err != nil {
			t.Fatal(err)
		}
		if _, err := ds.WriteParquetPartitioned(parts, []string{"responder", dataset.PartitionYear}); err != nil {
			t.Fatal(err)
		}
		view, err := ReadColumns(plain)
		if err != nil {
			t.Fatal(err)
		}
		compared := 0
		for _, by := range Groupings {
			for _, scheme := range Schemes {
				for _, f := range filters {
					opts := ProfileOptions{By: by, Scheme: scheme, Filter: f}
					want, wantErr := view.Profile(opts)
					for _, dir := range []string{plain, parts} {
						got, err := ProfileParquet(dir, opts)
						label := fmt.Sprintf("%s %s %s %v (%s)", name, by, scheme, f, dir)
						if wantErr != nil {
							if !errors.Is(err, ErrEmptySelection) || !errors.Is(wantErr, ErrEmptySelection) {
								t.Errorf("%s: err = %v, want %v", label, err, wantErr)
							}
							continue
						}
						if err != nil {
							t.Fatalf("%s: %v", label, err)
						}
						if a, b := fmtRecords(got.Records()), fmtRecords(want.Records()); a != b {
							t.Errorf("%s: profile differs:\n%.400s\nwant\n%.400s", label, a, b)
						}
						compared++
					}
				}
			}
		}
		if compared < 100 {
			t.Errorf("%s: only %d non-empty profiles compared", name, compared)
		}
	}
}

func TestProfileParquetErrors(t *testing.T) {
	ds := fixture(t)
	ds.Responses[1].Strategies = []string{"denial", "denail"}
	dir := t.TempDir()
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	// The problems are validate's: the same list, the same positions.
	_, err := ProfileParquet(dir, ProfileOptions{By: ByYear})
	var list schema.ErrorList
	if !errors.As(err, &list) || len(list) != 1 || !errors.Is(list[0], schema.ErrUnknownCode) || list[0].Value != "denail" || list[0].Line != 2 || list[0].Field != "strategies[1]" {
		t.Errorf("unknown code: err = %v", err)
	}
	if _, err := ProfileParquet(dir, ProfileOptions{By: "decade"}); !errors.Is(err, ErrBadGrouping) {
		t.Errorf("bad grouping: err = %v", err)
	}
	if _, err := ProfileParquet(dir, ProfileOptions{Scheme: "5d"}); !errors.Is(err, ErrBadScheme) {
		t.Errorf("bad scheme: err = %v", err)
	}
	if _, err := ProfileParquet(dir, ProfileOptions{Filter: Filter{Responders: []string{"Russia"}}}); !errors.Is(err, ErrBadFilter) {
		t.Errorf("bad filter: err = %v", err)
	}
	if _, err := ProfileParquet(t.TempDir(), ProfileOptions{}); err == nil {
		t.Error("an empty directory gave a profile")
	}
	if err := os.WriteFile(dir+"/responses.parquet", []byte("PAR1 not really"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ProfileParquet(dir, ProfileOptions{}); err == nil {
		t.Error("a broken file gave a profile")
	}
}

// Parquet that validate rejects is not counted either (issue 16, item 9):
// profile and the columnar view refuse it with validate's problems.
func TestParquetReadersRefuseWhatValidateRejects(t *testing.T) {
	tests := []struct {
		name  string
		write func(t *testing.T, ds *dataset.Dataset, dir string)
		kind  error
		value string
	}{
		{"an observed response without strategies", func(t *testing.T, ds *dataset.Dataset, dir string) {
			ds.Responses[0].Strategies = nil
			if _, err := ds.WriteParquet(dir); err != nil {
				t.Fatal(err)
			}
		}, schema.ErrNoStrategy, ""},
		{"a partition of no case", func(t *testing.T, ds *dataset.Dataset, dir string) {
			if _, err := ds.WriteParquetPartitioned(dir, []string{"case_id"}); err != nil {
				t.Fatal(err)
			}
			root := filepath.Join(dir, "responses")
			first := "case_id=" + ds.Responses[0].CaseID
			if err := os.Rename(filepath.Join(root, first), filepath.Join(root, "case_id=..%2F..%2Fx")); err != nil {
				t.Fatal(err)
			}
		}, schema.ErrDangling, "../../x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := fixture(t)
			if ds.Responses[0].Observed != "responded" {
				t.Fatalf("the fixture's first response is %s; the test needs a responded one", ds.Responses[0].Observed)
			}
			dir := t.TempDir()
			tt.write(t, ds, dir)
			_, verr := dataset.ReadParquet(dir)
			if !hasKind(verr, tt.kind, tt.value) {
				t.Fatalf("validate's reader: %v, want %v", verr, tt.kind)
			}
			_, perr := ProfileParquet(dir, ProfileOptions{By: ByCase})
			if !hasKind(perr, tt.kind, tt.value) {
				t.Errorf("ProfileParquet: %v, want %v", perr, tt.kind)
			}
			_, cerr := ReadColumns(dir)
			if !hasKind(cerr, tt.kind, tt.value) {
				t.Errorf("ReadColumns: %v, want %v", cerr, tt.kind)
			}
		})
	}
}

// hasKind reports whether err lists a problem of the kind (with the value,
// when one is given).
func hasKind(err, kind error, value string) bool {
	var list schema.ErrorList
	if !errors.As(err, &list) {
		return false
	}
	for _, p := range list {
		if errors.Is(p, kind) && (value == "" || p.Value == value) {
			return true
		}
	}
	return false
}
