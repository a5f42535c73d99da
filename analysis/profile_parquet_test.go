package analysis

import (
	"errors"
	"fmt"
	"os"
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
	_, err := ProfileParquet(dir, ProfileOptions{By: ByYear})
	var fe *schema.FieldError
	if !errors.As(err, &fe) || !errors.Is(err, schema.ErrUnknownCode) || fe.Value != "denail" || fe.Line != 2 || fe.Field != "strategies" {
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
