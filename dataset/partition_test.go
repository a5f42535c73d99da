package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/internal/interoptest"
	"github.com/rejoinder/rejoinder/schema"
)

var responderYear = []string{"responder", PartitionYear}

func writePartitioned(t *testing.T, ds *Dataset) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	paths, err := ds.WriteParquetPartitioned(dir, responderYear)
	if err != nil {
		t.Fatal(err)
	}
	return dir, paths
}

// A partitioned dataset reads back to the same records, and the same
// dataset gives the same files, byte for byte.
func TestPartitionedRoundTrip(t *testing.T) {
	ds := MustDefault()
	dir, paths := writePartitioned(t, ds)
	back, err := ReadParquet(dir)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]schema.Response{}
	for _, r := range withoutPositions(back.Records).Responses {
		byID[r.ResponseID] = r
	}
	if len(byID) != len(ds.Responses) {
		t.Fatalf("read back %d responses, want %d", len(byID), len(ds.Responses))
	}
	for _, r := range withoutPositions(ds.Records).Responses {
		if !reflect.DeepEqual(byID[r.ResponseID], r) {
			t.Errorf("%s differs after the round trip:\n got %+v\nwant %+v", r.ResponseID, byID[r.ResponseID], r)
		}
	}
	if !strings.Contains(strings.Join(paths, "\n"), filepath.Join("responses", "responder=PRK", "year=2018", PartitionFile)) {
		t.Errorf("no PRK 2018 partition among %v", paths)
	}
	dir2, paths2 := writePartitioned(t, ds)
	if len(paths2) != len(paths) {
		t.Fatalf("second write gave %d files, first %d", len(paths2), len(paths))
	}
	for i := range paths {
		a, _ := os.ReadFile(paths[i])
		b, _ := os.ReadFile(paths2[i])
		rel, _ := filepath.Rel(dir, paths[i])
		rel2, _ := filepath.Rel(dir2, paths2[i])
		if rel != rel2 || !bytes.Equal(a, b) || len(a) == 0 {
			t.Errorf("%s: not byte-identical across writes", rel)
		}
	}
}

// The streaming scan of a partitioned table yields every response with its
// partition columns filled in.
func TestScanParquetPartitioned(t *testing.T) {
	ds := MustDefault()
	dir, _ := writePartitioned(t, ds)
	cols := schema.Default().Columns(schema.TableResponses)
	iID := slices.IndexFunc(cols, func(c schema.Column) bool { return c.Field.Name == "response_id" })
	iResp := slices.IndexFunc(cols, func(c schema.Column) bool { return c.Field.Name == "responder" })
	got := map[string]string{}
	err := ScanParquet(dir, schema.TableResponses, func(row []any) error {
		got[row[iID].(string)] = row[iResp].(string)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range ds.Responses {
		if got[r.ResponseID] != r.Responder {
			t.Errorf("%s: responder %q, want %q", r.ResponseID, got[r.ResponseID], r.Responder)
		}
	}
}

// DuckDB reads the partitioned directory as one table: every column of
// the codebook plus the derived year, with the counts per partition the
// records give.
func TestDuckDBReadsPartitions(t *testing.T) {
	ds := MustDefault()
	dir, _ := writePartitioned(t, ds)
	var got struct {
		Columns [][2]string
		Groups  [][3]any
	}
	interoptest.RunJSON(t, "read_partitioned.mjs", "@duckdb/node-api", &got, filepath.Join(dir, "responses"), "responder,year")
	want := map[string]int{}
	for _, r := range ds.Responses {
		year := ""
		if !r.Date.IsZero() {
			year = fmt.Sprint(r.Date.Year)
		}
		want[r.Responder+"/"+year]++
	}
	gotCounts := map[string]int{}
	for _, g := range got.Groups {
		gotCounts[fmt.Sprintf("%v/%v", g[0], g[1])] = int(g[2].(float64))
	}
	if !reflect.DeepEqual(gotCounts, want) {
		t.Errorf("DuckDB counts %v, want %v", gotCounts, want)
	}
	if n := len(schema.Default().Columns(schema.TableResponses)) + 1; len(got.Columns) != n {
		t.Errorf("DuckDB sees %d columns, want %d (the codebook's and year)", len(got.Columns), n)
	}
	if last := got.Columns[len(got.Columns)-1]; last != [2]string{"year", "BIGINT"} {
		t.Errorf("year column: %v", last)
	}
}

func TestParsePartitionKeys(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		err  string
	}{
		{"", nil, ""},
		{"responder,year", responderYear, ""},
		{" case_id , organ ", []string{"case_id", "organ"}, ""},
		{"responder,summary", nil, `invalid partition key "summary" (allowed: case_id,`},
		{"year,year", nil, `"year": given twice`},
		{"response_id", nil, `invalid partition key "response_id"`},
	} {
		got, err := ParsePartitionKeys(tc.in)
		if tc.err != "" {
			if err == nil || !errors.Is(err, ErrPartitionKey) || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want one containing %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%q: %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

// Each form of the responses table replaces the other, so a directory
// never holds the responses twice; a foreign directory is never removed.
func TestPartitionedReplacesSingleFile(t *testing.T) {
	ds := MustDefault()
	dir := t.TempDir()
	single := filepath.Join(dir, ParquetFile(schema.TableResponses))
	parts := filepath.Join(dir, PartitionDir(schema.TableResponses))
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := ds.WriteParquetPartitioned(dir, responderYear); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(single); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("responses.parquet still there beside the partitions: %v", err)
	}
	if _, err := ds.WriteParquetPartitioned(dir, []string{"case_id"}); err != nil {
		t.Fatal(err)
	}
	if files, err := ListPartitions(parts); err != nil || len(files) != len(ds.Cases) || files[0].Keys[0] != "case_id" {
		t.Errorf("repartitioned by case: %d files, %v", len(files), err)
	}
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(parts); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("partitions still there beside responses.parquet: %v", err)
	}
	// A directory named responses that rejoinder did not write stays.
	os.Remove(single)
	if err := os.MkdirAll(parts, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(parts, "mine.txt"), []byte("keep"), 0o644)
	if _, err := ds.WriteParquetPartitioned(dir, responderYear); err == nil || !strings.Contains(err.Error(), "not a partitioned table") {
		t.Errorf("overwrote a foreign directory: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(parts, "mine.txt")); string(b) != "keep" {
		t.Error("foreign file lost")
	}
}

func TestListPartitionsRejects(t *testing.T) {
	for name, files := range map[string][]string{
		"stray file":      {"responder=PRK/part-0.parquet", "README.txt"},
		"not key=value":   {"PRK/part-0.parquet"},
		"mixed keys":      {"responder=PRK/part-0.parquet", "case_id=x/part-0.parquet"},
		"bad escape":      {"responder=%G1/part-0.parquet"},
		"no files":        {},
		"non-parquet":     {"responder=PRK/part-0.csv"},
		"file at the top": {"part-0.parquet"},
	} {
		root := t.TempDir()
		for _, f := range files {
			p := filepath.Join(root, f)
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, nil, 0o644)
		}
		if _, err := ListPartitions(root); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// Partition values survive the trip through a directory name.
func FuzzPartitionValue(f *testing.F) {
	for _, s := range []string{"PRK", "", "a/b", "x=y", "100%", HiveNull, "é", "%41"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		dir := escapePartition(v)
		if strings.ContainsAny(dir, "/=\\") {
			t.Fatalf("%q escapes to %q, not one directory name", v, dir)
		}
		back, err := unescapePartition(dir)
		if v == HiveNull {
			return // the null marker itself reads as null, as in Hive
		}
		if err != nil || back != v {
			t.Fatalf("%q -> %q -> %q, %v", v, dir, back, err)
		}
	})
}
