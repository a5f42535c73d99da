package analysis

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/parquetio"
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
							// Both paths fail alike: nothing matches, or a case the data
							// does not hold.
							if err == nil || errors.Is(err, ErrEmptySelection) != errors.Is(wantErr, ErrEmptySelection) ||
								errors.Is(err, ErrBadFilter) != errors.Is(wantErr, ErrBadFilter) {
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
// profile and the columnar view (which similar, dynamics and compare read)
// refuse it with validate's problems, whatever the filter. Profile by case
// does not read the organ, the response ids or the accusations: those are
// the columnar view's alone (columnsOnly).
func TestParquetReadersRefuseWhatValidateRejects(t *testing.T) {
	tests := []struct {
		name        string
		write       func(t *testing.T, ds *dataset.Dataset, dir string)
		kind        error
		value       string
		columnsOnly bool
	}{
		{"an observed response without strategies", func(t *testing.T, ds *dataset.Dataset, dir string) {
			ds.Responses[0].Strategies = nil
			if _, err := ds.WriteParquet(dir); err != nil {
				t.Fatal(err)
			}
		}, schema.ErrNoStrategy, "", false},
		{"a partition of no case", func(t *testing.T, ds *dataset.Dataset, dir string) {
			if _, err := ds.WriteParquetPartitioned(dir, []string{"case_id"}); err != nil {
				t.Fatal(err)
			}
			root := filepath.Join(dir, "responses")
			first := "case_id=" + ds.Responses[0].CaseID
			if err := os.Rename(filepath.Join(root, first), filepath.Join(root, "case_id=..%2F..%2Fx")); err != nil {
				t.Fatal(err)
			}
		}, schema.ErrDangling, "../../x", false},
		{"a response id twice", func(t *testing.T, ds *dataset.Dataset, dir string) {
			ds.Responses[1].ResponseID = ds.Responses[0].ResponseID
			for i := range ds.Responses[1].Quotes { // its quotes follow it, under ids of their own
				q := &ds.Responses[1].Quotes[i]
				q.UnitID, q.QuoteID = ds.Responses[1].ResponseID, fmt.Sprintf("%s-q%d", ds.Responses[1].ResponseID, 10+i)
			}
			if _, err := ds.WriteParquet(dir); err != nil {
				t.Fatal(err)
			}
		}, schema.ErrDuplicateID, "", true},
		{"an unknown organ", func(t *testing.T, ds *dataset.Dataset, dir string) {
			ds.Responses[0].Organ = "press_office"
			if _, err := ds.WriteParquet(dir); err != nil {
				t.Fatal(err)
			}
		}, schema.ErrUnknownCode, "press_office", true},
		{"unknown evidence", func(t *testing.T, ds *dataset.Dataset, dir string) {
			ds.Accusations[0].EvidenceCited = []string{"dna"}
			if _, err := ds.WriteParquet(dir); err != nil {
				t.Fatal(err)
			}
		}, schema.ErrUnknownCode, "dna", true},
		{"an accusation id twice", func(t *testing.T, ds *dataset.Dataset, dir string) {
			ds.Accusations[1].AccusationID = ds.Accusations[0].AccusationID
			if _, err := ds.WriteParquet(dir); err != nil {
				t.Fatal(err)
			}
		}, schema.ErrDuplicateID, "", true},
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
			if !tt.columnsOnly && !hasKind(perr, tt.kind, tt.value) {
				t.Errorf("ProfileParquet: %v, want %v", perr, tt.kind)
			}
			_, cerr := ReadColumns(dir)
			if !hasKind(cerr, tt.kind, tt.value) {
				t.Errorf("ReadColumns: %v, want %v", cerr, tt.kind)
			}
			// A filter prunes what is read, not what is checked: with
			// only another case selected (its partition alone read),
			// the bad data is refused all the same.
			other := ""
			for _, r := range ds.Responses {
				if r.CaseID != ds.Responses[0].CaseID {
					other = r.CaseID
					break
				}
			}
			if other == "" {
				t.Fatal("the fixture has responses of one case only")
			}
			only := Filter{Cases: []string{other}}
			if _, err := ProfileParquet(dir, ProfileOptions{By: ByCase, Filter: only}); !tt.columnsOnly && !hasKind(err, tt.kind, tt.value) {
				t.Errorf("ProfileParquet of %s: %v, want %v", other, err, tt.kind)
			}
			if _, err := ReadColumnsWhere(dir, only); !hasKind(err, tt.kind, tt.value) {
				t.Errorf("ReadColumnsWhere of %s: %v, want %v", other, err, tt.kind)
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

// ProfileParquet checks the rows it reads with validate's own rules
// (schema.CheckField, CheckReference, CheckObserved) on the columns it
// reads, not by validating the directory: each spoiled value below sits
// in a column the grouping reads (or in a partition's directory name,
// checked for every grouping), and profile refuses it with the problem
// validate reports, at the same file and row.
func TestProfileParquetChecksTheValuesItReads(t *testing.T) {
	tests := []struct {
		name  string
		by    Grouping
		spoil func(ds *dataset.Dataset)
		parts []string // partition keys; nil for one file
		kind  error
		value string
	}{
		{"a responder that is no country", ByResponder, func(ds *dataset.Dataset) { ds.Responses[0].Responder = "XXX" }, nil, schema.ErrBadCountry, "XXX"},
		{"a strategy given twice", ByYear, func(ds *dataset.Dataset) { ds.Responses[1].Strategies = []string{"denial", "denial"} }, nil, schema.ErrBadValue, "denial"},
		{"a declined comment with a denial", ByYear, func(ds *dataset.Dataset) { ds.Responses[1].Observed = "declined_comment" }, nil, schema.ErrInconsistent, "denial"},
		{"an observed response without strategies", ByResponder, func(ds *dataset.Dataset) { ds.Responses[2].Strategies = nil }, nil, schema.ErrNoStrategy, ""},
		{"an unknown observed code", ByYear, func(ds *dataset.Dataset) { ds.Responses[2].Observed = "answered" }, nil, schema.ErrUnknownCode, "answered"},
		{"a case id of no case", ByCase, func(ds *dataset.Dataset) { ds.Responses[3].CaseID = "tst-c9-2020" }, nil, schema.ErrDangling, "tst-c9-2020"},
		{"a responds_to of no accusation", ByAccuser, func(ds *dataset.Dataset) { ds.Responses[3].RespondsTo = "tst-c2-2020-a9" }, nil, schema.ErrDangling, "tst-c2-2020-a9"},
		{"an accuser that is no country or body", ByAccuser, func(ds *dataset.Dataset) { ds.Accusations[1].Accuser = "XXX" }, nil, schema.ErrBadActor, "XXX"},
		{"an unknown instrument", ByInstrument, func(ds *dataset.Dataset) { ds.Accusations[1].Instrument = "tweet" }, nil, schema.ErrUnknownCode, "tweet"},
		{"a partition value that is no country", ByYear, func(ds *dataset.Dataset) { ds.Responses[0].Responder = "XXX" }, []string{"responder"}, schema.ErrBadCountry, "XXX"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := fixture(t)
			tt.spoil(ds)
			dir := t.TempDir()
			if _, err := ds.WriteParquetPartitioned(dir, tt.parts); err != nil {
				t.Fatal(err)
			}
			_, verr := dataset.ReadParquet(dir)
			want := findKind(verr, tt.kind, tt.value)
			if want == nil {
				t.Fatalf("validate's reader: %v, want %v %q", verr, tt.kind, tt.value)
			}
			_, perr := ProfileParquet(dir, ProfileOptions{By: tt.by})
			got := findKind(perr, tt.kind, tt.value)
			if got == nil {
				t.Fatalf("ProfileParquet by %s: %v, want %v %q", tt.by, perr, tt.kind, tt.value)
			}
			if tt.parts == nil && (got.File != want.File || got.Line != want.Line || got.Field != want.Field) {
				t.Errorf("ProfileParquet: %s: row %d: %s; validate: %s: row %d: %s", got.File, got.Line, got.Field, want.File, want.Line, want.Field)
			}
		})
	}
}

// The boundary of profile's checks (analysis package doc): a problem in a
// table profile does not read (here a quote's text) is validate's to
// report; profile counts the responses as if the quote were right.
func TestProfileParquetLeavesUnreadTablesToValidate(t *testing.T) {
	ds := fixture(t)
	clean := t.TempDir()
	if _, err := ds.WriteParquet(clean); err != nil {
		t.Fatal(err)
	}
	ds.Responses[0].Quotes[0].Text = " " + ds.Responses[0].Quotes[0].Text
	spoiled := t.TempDir()
	if _, err := ds.WriteParquet(spoiled); err != nil {
		t.Fatal(err)
	}
	if _, err := dataset.ReadParquet(spoiled); !hasKind(err, schema.ErrBadValue, ds.Responses[0].Quotes[0].Text) {
		t.Fatalf("validate's reader accepted a quote with leading white space: %v", err)
	}
	want, err := ProfileParquet(clean, ProfileOptions{By: ByResponder})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ProfileParquet(spoiled, ProfileOptions{By: ByResponder})
	if err != nil {
		t.Fatalf("profile refused a problem in a table it does not read: %v", err)
	}
	if fmt.Sprint(got.Records()) != fmt.Sprint(want.Records()) {
		t.Errorf("profile with a bad quote:\n%v\nwant\n%v", got.Records(), want.Records())
	}
}

// findKind returns the first problem of the kind (with the value, when
// one is given) that err lists, or nil.
func findKind(err, kind error, value string) *schema.FieldError {
	var list schema.ErrorList
	if !errors.As(err, &list) {
		return nil
	}
	for _, p := range list {
		if errors.Is(p, kind) && (value == "" || p.Value == value) {
			return p
		}
	}
	return nil
}

// A responses file of several row groups, profiled from Parquet with
// responder, case and date filters (the scan then skips the row groups
// the filter excludes), gives exactly the profile of the same dataset in
// memory, for every grouping and many filters.
func TestProfileParquetRowGroupsMatchMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 200,000 responses; internal/parquetio's TestScanColumnsPrunedSkipsRowGroups covers the skipping")
	}
	gen, err := synth.Generate(synth.Options{Cases: 40, Responses: 3*parquetio.RowGroupRows + 5000, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := gen.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	p, err := parquetio.Open(filepath.Join(dir, dataset.ParquetFile(schema.TableResponses)), parquetio.Limit, false, pqarrow.ArrowReadProperties{})
	if err != nil {
		t.Fatal(err)
	}
	groups := p.PF.NumRowGroups()
	p.Close()
	if groups < 4 {
		t.Fatalf("responses written in %d row groups, want at least 4", groups)
	}
	var filters []Filter
	for _, r := range []string{"CHN", "IRN", "PRK", "RUS"} {
		filters = append(filters, Filter{Responders: []string{r}})
		for y := 2010; y <= 2025; y += 5 {
			filters = append(filters,
				Filter{Responders: []string{r}, From: schema.DayDate(y, 1, 1), To: schema.DayDate(y, 12, 31)},
				Filter{Responders: []string{r}, From: schema.Date{Year: y, Precision: schema.PrecisionYear}},
				Filter{Responders: []string{r}, To: schema.Date{Year: y, Month: 6, Precision: schema.PrecisionMonth}})
		}
	}
	filters = append(filters,
		Filter{Responders: []string{"PRK", "IRN"}, From: schema.DayDate(2016, 3, 1), To: schema.DayDate(2017, 2, 28)},
		Filter{From: schema.DayDate(2018, 1, 1), To: schema.DayDate(2018, 12, 31)},
		Filter{Responders: []string{"PRK"}, Verified: true, From: schema.DayDate(2015, 1, 1)},
		Filter{Responders: []string{"RUS"}, Accusers: []string{"USA"}, To: schema.DayDate(2019, 1, 1)},
		Filter{Cases: []string{gen.Cases[0].CaseID, gen.Cases[len(gen.Cases)-1].CaseID}},
		Filter{Cases: []string{gen.Cases[1].CaseID}, From: schema.DayDate(2000, 1, 1), To: schema.DayDate(2030, 1, 1)})
	memory := ColumnsOf(gen) // the dataset in memory, built once
	compared := 0
	for _, by := range []Grouping{ByResponder, ByYear} {
		for _, f := range filters {
			opts := ProfileOptions{By: by, Filter: f}
			want, wantErr := Profile(memory, opts)
			got, err := Profile(Parquet(dir), opts)
			label := fmt.Sprintf("%s %v", by, f)
			if wantErr != nil {
				if err == nil || errors.Is(err, ErrEmptySelection) != errors.Is(wantErr, ErrEmptySelection) {
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
	if compared < len(filters) {
		t.Errorf("only %d non-empty profiles compared of %d", compared, 2*len(filters))
	}

	// The scan really skips: a response no rule allows (responded, with
	// no strategy) in a row group without a PRK response of 2018 makes
	// the unfiltered profile fail, and is not seen by the filtered one,
	// whose counts are still those of the data in memory.
	f := Filter{Responders: []string{"PRK"}, From: schema.DayDate(2018, 1, 1), To: schema.DayDate(2018, 12, 31)}
	victim := rowInGroupWithout(t, filepath.Join(dir, dataset.ParquetFile(schema.TableResponses)), f)
	bad := *gen
	bad.Responses = slices.Clone(gen.Responses)
	for i := range bad.Responses {
		if bad.Responses[i].ResponseID == victim {
			bad.Responses[i].Observed, bad.Responses[i].Strategies = observedResponded, nil
		}
	}
	badDir := t.TempDir()
	if _, err := bad.WriteParquet(badDir); err != nil {
		t.Fatal(err)
	}
	if _, err := Profile(Parquet(badDir), ProfileOptions{}); err == nil {
		t.Fatalf("response %s, responded without a strategy, accepted unfiltered", victim)
	}
	want, err := Profile(memory, ProfileOptions{Filter: f})
	if err != nil {
		t.Fatal(err)
	}
	got, err := Profile(Parquet(badDir), ProfileOptions{Filter: f})
	if err != nil {
		t.Fatalf("filtered profile read the row group it excludes: %v", err)
	}
	if a, b := fmtRecords(got.Records()), fmtRecords(want.Records()); a != b {
		t.Errorf("%v: profile differs:\n%.400s\nwant\n%.400s", f, a, b)
	}
}

// rowInGroupWithout returns the response id of the first row of the
// first row group of path in which no row passes f's responders and dates.
func rowInGroupWithout(t *testing.T, path string, f Filter) string {
	t.Helper()
	m, err := f.matcher(schema.Default())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var match []bool
	err = dataset.ScanColumns(path, schema.TableResponses, []string{"response_id", "responder", "date", "date_precision"},
		func(cols []arrow.Array, _, n int) error {
			id, resp := cols[0].(*array.String), cols[1].(*array.String)
			date, prec := cols[2].(*array.Date32), cols[3].(*array.String)
			for i := range n {
				ids = append(ids, id.Value(i))
				match = append(match, m.responders.has(resp.Value(i)) && m.inRange(dateAt(date, prec, i)))
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	for lo := 0; lo < len(ids); lo += parquetio.RowGroupRows {
		if !slices.Contains(match[lo:min(lo+parquetio.RowGroupRows, len(ids))], true) {
			return ids[lo]
		}
	}
	t.Fatalf("%s: every row group holds a row of %v", path, f)
	return ""
}
