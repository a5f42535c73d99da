package analysis

import (
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// Every table comes as a frame with its Arrow schema's columns, codes as
// strings, and the same frame from the records and from the Parquet files
// build writes.
func TestTableFromRecordsAndParquet(t *testing.T) {
	ds := dataset.MustDefault()
	dir := t.TempDir()
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	for _, table := range dataset.Tables {
		fromRecords, err := Table(ds, table)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		var want []string
		for _, c := range ds.Codebook.Columns(table) {
			want = append(want, c.Field.Name)
		}
		if !slices.Equal(fromRecords.Names(), want) {
			t.Errorf("%s columns %v, want the Arrow schema's %v", table, fromRecords.Names(), want)
		}
		if n := len(ds.Rows(table)); table != schema.TableQuotes && fromRecords.Nrow() != n {
			t.Errorf("%s: %d rows, want %d", table, fromRecords.Nrow(), n)
		}
		fromParquet, err := TableParquet(dir, table)
		if err != nil {
			t.Fatalf("%s from Parquet: %v", table, err)
		}
		if a, b := fromRecords.Records(), fromParquet.Records(); !slices.EqualFunc(a, b, slices.Equal[[]string]) {
			t.Errorf("%s: the frame from Parquet differs from the frame from the records", table)
		}
	}
	responses, _ := Table(ds, schema.TableResponses)
	cameo := responses.Col("cameo_code").Records()
	strategies := responses.Col("strategies").Records()
	for i, r := range ds.Responses {
		if cameo[i] != r.CAMEOCode || strategies[i] != strings.Join(r.Strategies, "; ") {
			t.Fatalf("%s: cameo %q strategies %q; record %q %v", r.ResponseID, cameo[i], strategies[i], r.CAMEOCode, r.Strategies)
		}
	}
	if !slices.Contains(cameo, "016") {
		t.Error(`no CAMEO "016" among the responses: the check above proves nothing`)
	}
	if _, err := Table(ds, "response"); err == nil {
		t.Error("an unknown table was accepted")
	}
}
