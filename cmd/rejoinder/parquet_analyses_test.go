package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// similar, dynamics and compare over a Parquet directory read only the
// columns they need, with validate's checks on each value they read
// (analysis.ReadColumnsWhere), not validate's whole check: each refuses,
// with status 1 and validate's problem, the Parquet validate refuses —
// whatever case they are asked about, so a partition they do not read
// (case_id=../../x) is refused too.
func TestParquetAnalysesRefuseWhatValidateRejects(t *testing.T) {
	const alpha, beta = "tst-alpha-2020", "tst-beta-2021"
	tests := []struct {
		name  string
		spoil func(t *testing.T, ds *dataset.Dataset, dir string)
		kind  error
		value string
	}{
		{"an observed response without strategies", func(t *testing.T, ds *dataset.Dataset, dir string) {
			ds.Responses[0].Strategies = nil
			writeParquet(t, ds, dir, nil)
		}, schema.ErrNoStrategy, ""},
		{"a partition of no case", func(t *testing.T, ds *dataset.Dataset, dir string) {
			writeParquet(t, ds, dir, []string{"case_id"})
			root := filepath.Join(dir, "responses")
			if err := os.Rename(filepath.Join(root, "case_id="+alpha), filepath.Join(root, "case_id=..%2F..%2Fx")); err != nil {
				t.Fatal(err)
			}
		}, schema.ErrDangling, `"../../x"`},
		{"an unknown organ", func(t *testing.T, ds *dataset.Dataset, dir string) {
			ds.Responses[0].Organ = "press_office"
			writeParquet(t, ds, dir, nil)
		}, schema.ErrUnknownCode, `"press_office"`},
		{"a response id twice", func(t *testing.T, ds *dataset.Dataset, dir string) {
			ds.Responses[1].ResponseID = ds.Responses[0].ResponseID
			for i := range ds.Responses[1].Quotes { // its quotes follow it, under ids of their own
				q := &ds.Responses[1].Quotes[i]
				q.UnitID, q.QuoteID = ds.Responses[1].ResponseID, fmt.Sprintf("%s-q%d", ds.Responses[1].ResponseID, 10+i)
			}
			writeParquet(t, ds, dir, nil)
		}, schema.ErrDuplicateID, ""},
		{"unknown evidence", func(t *testing.T, ds *dataset.Dataset, dir string) {
			ds.Accusations[0].EvidenceCited = []string{"dna"}
			writeParquet(t, ds, dir, nil)
		}, schema.ErrUnknownCode, `"dna"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := dataset.Load("../../dataset/testdata/minimal")
			if err != nil {
				t.Fatal(err)
			}
			if ds.Responses[0].CaseID != alpha || ds.Responses[0].Observed != "responded" {
				t.Fatalf("the fixture's first response is %s's, %s; the test needs a responded one of %s", ds.Responses[0].CaseID, ds.Responses[0].Observed, alpha)
			}
			dir := filepath.Join(t.TempDir(), "parquet")
			tt.spoil(t, ds, dir)
			for _, args := range [][]string{
				{"validate"},
				{"similar", beta},
				{"similar", "--matrix"},
				{"dynamics"},
				{"dynamics", beta},
				{"compare", alpha, beta},
			} {
				code, out, errs := runCLI(t, append(args, "--data", dir)...)
				if code != exitInvalid || !strings.Contains(errs, tt.kind.Error()) || !strings.Contains(errs, tt.value) {
					t.Errorf("%v: exit %d, stdout %q, stderr:\n%s\nwant %d and %q %s", args, code, out, errs, exitInvalid, tt.kind, tt.value)
				}
			}
		})
	}
}

// writeParquet writes ds as Parquet into dir, its responses partitioned
// by keys (nil: one file).
func writeParquet(t *testing.T, ds *dataset.Dataset, dir string, keys []string) {
	t.Helper()
	if _, err := ds.WriteParquetPartitioned(dir, keys); err != nil {
		t.Fatal(err)
	}
}

// compare over Parquet gives what it gives over the records the Parquet
// was built from, reading only the small tables whole.
func TestCompareParquetMatchesRecords(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "parquet")
	if code, _, errs := runCLI(t, "build", "--out", dir); code != 0 {
		t.Fatal(errs)
	}
	_, want, errs := runCLI(t, "compare", "prk-park-2018", "rus-skripal-2018", "--format", "csv")
	if want == "" {
		t.Fatal(errs)
	}
	code, got, errs := runCLI(t, "compare", "prk-park-2018", "rus-skripal-2018", "--format", "csv", "--data", dir)
	if code != 0 || got != want {
		t.Errorf("compare over Parquet: exit %d: %s\n%s\nwant\n%s", code, errs, got, want)
	}
	if code, _, errs := runCLI(t, "compare", "prk-park-2018", "no-such-1999", "--data", dir); code != exitInvalid || !strings.Contains(errs, "no-such-1999") {
		t.Errorf("an unknown case over Parquet: exit %d: %s", code, errs)
	}
}
