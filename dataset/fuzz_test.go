package dataset

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rejoinder/rejoinder/schema"
)

// FuzzDecodeRecordFile feeds arbitrary bytes to the record-file decoder:
// it must report problems, never panic.
func FuzzDecodeRecordFile(f *testing.F) {
	// Small seeds only: the fuzzer minimises every new input it finds, and
	// minimising a 60 KB case file takes minutes.
	for _, dir := range []string{"testdata/minimal", "testdata/invalid"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("case: &a [*a]"))
	f.Add([]byte("responses:\n- quotes: {text: 1}\n"))
	// Syntax errors that syntaxError places and explains, and repeated keys.
	f.Add([]byte("case:\n  title: 'it's'\n  summary: \"a\\qb\"\n"))
	f.Add([]byte("responses:\n- response_id: x\n  strategies:\n  - denial\n summary: y\n"))
	f.Add([]byte("case:\n\ttitle: a\x01b\xff\n"))
	f.Add([]byte("case:\n  title: a\n  title: b\ncase: {}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rf, problems := decodeRecordFile("fuzz.yaml", data)
		if rf == nil && len(problems) == 0 {
			t.Fatal("no records and no problems")
		}
		for _, p := range problems {
			_ = p.Error()
			if errors.Is(p, schema.ErrSyntax) && p.Line < 1 {
				t.Fatalf("syntax error without a line: %v", p)
			}
		}
	})
}

// FuzzReadCSV feeds arbitrary bytes to the CSV importer as the responses
// table of an otherwise valid directory: it must accept the input or
// report problems that name a CSV file, never panic.
func FuzzReadCSV(f *testing.F) {
	ds, err := Load("testdata/minimal")
	if err != nil {
		f.Fatal(err)
	}
	base := f.TempDir()
	for _, table := range Tables {
		writeTestCSV(f, ds, base, table)
	}
	others := map[string][]byte{}
	for _, table := range Tables {
		b, err := os.ReadFile(filepath.Join(base, table+".csv"))
		if err != nil {
			f.Fatal(err)
		}
		if table == "responses" {
			f.Add(b)
			f.Add(bytes.Replace(b, []byte("day"), []byte("month"), 1))
			f.Add(bytes.Replace(b, []byte("true"), []byte("maybe"), 1))
			f.Add([]byte("response_id\n\"unterminated"))
			// Not UTF-8 (Latin-1 é), an unknown column, a repeated one.
			f.Add(bytes.Replace(b, []byte("day"), []byte("d\xe9y"), 1))
			f.Add(bytes.Replace(b, []byte("Denies"), []byte("D\xe9nies"), 1)) // in free text
			f.Add(bytes.Replace(b, []byte("\n"), []byte(",remarks\n"), 1))
			f.Add(bytes.Replace(b, []byte("response_id,"), []byte("response_id,response_id,"), 1))
			f.Add(append([]byte{0xFF, 0xFE}, bytes.ReplaceAll(b, []byte(","), []byte(",\x00"))...)) // UTF-16-like
			continue
		}
		others[table] = b
	}
	f.Add([]byte("\uFEFF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		for table, b := range others {
			if err := os.WriteFile(filepath.Join(dir, table+".csv"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "responses.csv"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadCSV(dir)
		if err != nil {
			if !strings.Contains(err.Error(), ".csv") {
				t.Fatalf("problem names no file: %v", err)
			}
			return
		}
		if got == nil || got.Validate().Err() != nil {
			t.Fatal("accepted a dataset that does not validate")
		}
		// Nothing that is not UTF-8 gets through to be written as Parquet.
		got.Scan(schema.TableResponses, func(row []any) error {
			for _, v := range row {
				switch x := v.(type) {
				case string:
					if !utf8.ValidString(x) {
						t.Fatalf("accepted text that is not UTF-8: %q", x)
					}
				case []string:
					for _, s := range x {
						if !utf8.ValidString(s) {
							t.Fatalf("accepted a list item that is not UTF-8: %q", s)
						}
					}
				}
			}
			return nil
		})
	})
}

// FuzzListCell checks that list items survive a CSV cell: SplitList
// undoes JoinList whatever the items hold.
func FuzzListCell(f *testing.F) {
	f.Add("denial", "identity_dispute")
	f.Add("Gatwick; Heathrow", `back\slash`)
	f.Add("", ";")
	f.Add("a;; b", ";  ;")
	f.Fuzz(func(t *testing.T, a, b string) {
		// A cell with no escape splits as the escape-undoing path splits it.
		for _, plain := range []string{a, b, a + ListSeparator + b} {
			if !strings.Contains(plain, `\`) && !slices.Equal(SplitList(plain), splitEscaped(plain)) {
				t.Fatalf("SplitList(%q) = %q, the escape-undoing split gives %q", plain, SplitList(plain), splitEscaped(plain))
			}
		}
		cell := JoinList([]string{a, b})
		if got := SplitList(cell); len(got) != 2 || got[0] != a || got[1] != b {
			t.Fatalf("%q, %q -> %q -> %q", a, b, cell, got)
		}
	})
}

// FuzzReadParquet feeds arbitrary bytes to the Parquet readers as the
// responses file of an otherwise valid directory: ReadParquet and
// ScanParquet (the path every analysis takes) must return data or an
// error, never panic. Seeds: the real file, and it cut short and bit-flipped
// in its footer.
func FuzzReadParquet(f *testing.F) {
	ds, err := Load("testdata/minimal")
	if err != nil {
		f.Fatal(err)
	}
	base := f.TempDir()
	if _, err := ds.WriteParquet(base); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(filepath.Join(base, ParquetFile("responses")))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	flipped := bytes.Clone(good)
	flipped[len(flipped)-12] ^= 0x40
	f.Add(flipped)
	f.Add([]byte("PAR1PAR1"))
	// A summary that is not UTF-8 (Latin-1 é).
	bad := *ds
	bad.Responses = slices.Clone(ds.Responses)
	bad.Responses[0].Summary = "D\xe9nies"
	latin1 := f.TempDir()
	if _, err := bad.WriteParquet(latin1); err != nil {
		f.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(latin1, ParquetFile("responses"))); err == nil {
		f.Add(b)
	}
	// As DuckDB writes it: every column and list element nullable.
	nullable := f.TempDir()
	duckDBStyleCopy(f, base, nullable)
	if b, err := os.ReadFile(filepath.Join(nullable, ParquetFile("responses"))); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		for _, table := range Tables {
			src := filepath.Join(base, ParquetFile(table))
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if table == "responses" {
				b = data
			}
			if err := os.WriteFile(filepath.Join(dir, ParquetFile(table)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := ReadParquet(dir)
		if err == nil && got == nil {
			t.Fatal("no dataset and no error")
		}
		if got == nil {
			got = &Dataset{}
		}
		for _, r := range got.Responses {
			if !utf8.ValidString(r.Summary) || !utf8.ValidString(r.Notes) {
				t.Fatalf("accepted text that is not UTF-8: %q, %q", r.Summary, r.Notes)
			}
		}
		if err != nil && !strings.Contains(err.Error(), "responses") {
			t.Errorf("error does not name the responses file: %v", err)
		}
		rows := 0
		err = ScanParquet(dir, "responses", func([]any) error { rows++; return nil })
		if err != nil && !strings.Contains(err.Error(), "responses") {
			t.Errorf("scan error does not name the responses file: %v", err)
		}
	})
}
