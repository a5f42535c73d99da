package events

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// A byte that is not UTF-8 (a Latin-1 é, 0xE9) in text ingest keeps (the
// source URL, an actor code) makes the line malformed, counted and listed
// with file, line and column like any other, instead of reaching Parquet,
// which DuckDB then refuses to read. The report itself stays UTF-8.
func TestIngestCountsInvalidUTF8AsMalformed(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "v2.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	base, err := Ingest([]string{filepath.Join("testdata", "v2.tsv")}, t.TempDir(), IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	for _, tc := range []struct {
		name string
		col  int
	}{{"source URL", ColumnsV2}, {"actor code", ColActor1Code}} {
		t.Run(tc.name, func(t *testing.T) {
			edited := append([]string(nil), lines...)
			cols := strings.Split(strings.TrimSuffix(edited[0], "\n"), "\t")
			if len(cols) != ColumnsV2 || ColSourceURL(len(cols)) != ColumnsV2 {
				t.Fatalf("line 1 of v2.tsv has %d columns, want a GDELT 2.0 line", len(cols))
			}
			cols[tc.col-1] += "caf\xe9"
			edited[0] = strings.Join(cols, "\t") + "\n"
			path := filepath.Join(t.TempDir(), "latin1.tsv")
			if err := os.WriteFile(path, []byte(strings.Join(edited, "")), 0o644); err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			rep, err := Ingest([]string{path}, out, IngestOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Kept != base.Kept-1 || rep.Malformed != base.Malformed+1 || rep.Lines != base.Lines {
				t.Errorf("%d lines, %d kept, %d malformed; want %d, %d, %d", rep.Lines, rep.Kept, rep.Malformed,
					base.Lines, base.Kept-1, base.Malformed+1)
			}
			if len(rep.Problems) == 0 || rep.Problems[0].Line != 1 || rep.Problems[0].Column != tc.col ||
				!errors.Is(rep.Problems[0], ErrUTF8) || !strings.Contains(rep.Problems[0].Error(), `\xe9`) {
				t.Fatalf("problems %v; want line 1, column %d not UTF-8 first", rep.Problems, tc.col)
			}
			report, err := os.ReadFile(filepath.Join(out, MalformedFile))
			if err != nil || !utf8.Valid(report) || !strings.Contains(string(report), `caf\xe9`) {
				t.Errorf("malformed.csv (%v) is not UTF-8 or does not show the byte:\n%q", err, report)
			}
			if _, err := ParseLine([]byte(strings.TrimSuffix(edited[0], "\n"))); !errors.Is(err, ErrUTF8) {
				t.Errorf("ParseLine: %v, want ErrUTF8", err)
			}
		})
	}
}
