package dataset

import (
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rejoinder/rejoinder/schema"
)

// editCSV rewrites a CSV file through fn, which gets its rows (header
// first) and returns the rows to write.
func editCSV(t *testing.T, path string, fn func(rows [][]string) [][]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(out)
	w.WriteAll(fn(rows))
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// Nothing in an imported CSV is dropped or changed on the way: a column
// the table does not have, a column named twice, and text that is not
// UTF-8 (a Latin-1 é, byte 0xE9, as a spreadsheet saving "Western" text
// writes it) are each a problem with file, line, column, field and what
// is allowed, and nothing is read.
func TestReadCSVRejectsWhatItCannotKeep(t *testing.T) {
	ds, err := Load("testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	summary := slices.IndexFunc(ds.codebook().Columns(schema.TableCases), func(c schema.Column) bool { return c.Field.Name == "summary" })
	if summary < 0 {
		t.Fatal("no summary column in cases")
	}
	optional := slices.IndexFunc(ds.codebook().Columns(schema.TableCases), func(c schema.Column) bool {
		return !c.Variable.Required && !c.Precision && c.Variable.Name != "quotes"
	})
	if optional < 0 {
		t.Fatal("no optional column in cases")
	}
	optionalName := ds.codebook().Columns(schema.TableCases)[optional].Field.Name
	for _, tc := range []struct {
		name   string
		edit   func(rows [][]string) [][]string
		err    error
		field  string
		line   int
		column int      // 0: any column > 0
		want   []string // in the message
	}{{
		// The rows of cases.csv are not read, so every accusation's case
		// would dangle: the header's problem is reported alone, and the
		// column is not called required.
		name: "optional column missing",
		edit: func(rows [][]string) [][]string {
			for i := range rows {
				rows[i] = slices.Delete(rows[i], optional, optional+1)
			}
			return rows
		},
		err: schema.ErrMissingColumn, field: optionalName, line: 1, column: -1,
		want: []string{"cases.csv:1: cases: " + optionalName + ": column missing from the header", "is an optional column, but every column must be in the header"},
	}, {
		name: "unknown column",
		edit: func(rows [][]string) [][]string {
			for i := range rows {
				rows[i] = append(rows[i], "a note")
			}
			rows[0][len(rows[0])-1] = "remarks"
			return rows
		},
		err: schema.ErrUnknownField, field: "remarks", line: 1,
		want: []string{"cases.csv:1:", "header column", "not a column of the cases table", "allowed: the columns rejoinder export csv writes: case_id, title, summary"},
	}, {
		name: "column named twice",
		edit: func(rows [][]string) [][]string {
			for i := range rows {
				rows[i] = append(rows[i], "another summary")
			}
			rows[0][len(rows[0])-1] = "summary"
			return rows
		},
		err: schema.ErrBadValue, field: "summary", line: 1,
		want: []string{"cases.csv:1:", "repeats column " + strconv.Itoa(summary+1), "allowed: each column once"},
	}, {
		name: "Latin-1 cell",
		edit: func(rows [][]string) [][]string {
			rows[1][summary] = "Caf\xe9 " + rows[1][summary]
			return rows
		},
		err: schema.ErrBadValue, field: "summary", line: 2,
		want: []string{"cases.csv:2:", `"Caf\xe9 `, "byte 0xE9 at byte 4 is not valid UTF-8"},
	}, {
		name: "Latin-1 header",
		edit: func(rows [][]string) [][]string {
			rows[0] = append(rows[0], "r\xe9sum\xe9")
			for i := 1; i < len(rows); i++ {
				rows[i] = append(rows[i], "")
			}
			return rows
		},
		err: schema.ErrBadValue, field: "", line: 1,
		want: []string{"cases.csv:1:", "byte 0xE9 at byte 2 is not valid UTF-8"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, table := range Tables {
				writeTestCSV(t, ds, dir, table)
			}
			if _, err := ReadCSV(dir); err != nil {
				t.Fatalf("unedited tables: %v", err)
			}
			editCSV(t, filepath.Join(dir, "cases.csv"), tc.edit)
			got, err := ReadCSV(dir)
			if got != nil {
				t.Fatal("read a dataset from the edited tables")
			}
			var list schema.ErrorList
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("err = %v, want a schema.ErrorList of one problem (the cause, not its consequences)", err)
			}
			i := slices.IndexFunc(list, func(e *schema.FieldError) bool {
				return errors.Is(e, tc.err) && e.Field == tc.field && e.Line == tc.line && (e.Column > 0 || tc.column < 0)
			})
			if i < 0 {
				t.Fatalf("err = %v; want %v at line %d in %q with a column", err, tc.err, tc.line, tc.field)
			}
			for _, w := range tc.want {
				if !strings.Contains(list[i].Error(), w) {
					t.Errorf("problem %q, want it to say %q", list[i], w)
				}
			}
			if strings.Contains(list[i].Error(), "required") && tc.err == schema.ErrMissingColumn {
				t.Errorf("problem %q calls an optional column required", list[i])
			}
		})
	}
}

// datapackage.json, where import csv finds the metadata, must be UTF-8
// too: encoding/json would turn a Latin-1 byte into U+FFFD unseen.
func TestReadCSVRejectsPackageNotUTF8(t *testing.T) {
	ds, err := Load("testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, table := range Tables {
		writeTestCSV(t, ds, dir, table)
	}
	pkg := "{\n  \"name\": \"x\",\n  \"title\": \"Caf\xe9\"\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "datapackage.json"), []byte(pkg), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = ReadCSV(dir)
	var fe *schema.FieldError
	if !errors.As(err, &fe) || fe.Line != 3 || fe.Column != 16 || !strings.Contains(err.Error(), "datapackage.json:3:16: ") ||
		!strings.Contains(err.Error(), "byte 0xE9") {
		t.Errorf("err = %v; want datapackage.json:3:16 and the byte 0xE9", err)
	}
}

// A table saved as UTF-16 (Excel's "Unicode text"), with or without its
// byte-order mark, is one problem saying so, not a problem for every
// column and every reference to its rows.
func TestReadCSVRejectsUTF16(t *testing.T) {
	ds, err := Load("testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	for _, bom := range []bool{true, false} {
		dir := t.TempDir()
		for _, table := range Tables {
			writeTestCSV(t, ds, dir, table)
		}
		p := filepath.Join(dir, "cases.csv")
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		units := utf16.Encode([]rune(string(text)))
		if bom {
			units = append([]uint16{0xFEFF}, units...)
		}
		b := make([]byte, 0, 2*len(units))
		for _, u := range units {
			b = append(b, byte(u), byte(u>>8)) // little-endian, as Windows writes it
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err = ReadCSV(dir)
		var list schema.ErrorList
		var fe *schema.FieldError
		if errors.As(err, &list) || !errors.As(err, &fe) || !errors.Is(err, schema.ErrSyntax) || fe.File != p ||
			!strings.Contains(err.Error(), "UTF-16") || !strings.Contains(err.Error(), "save it as UTF-8") {
			t.Errorf("byte-order mark %v: err = %v; want one syntax error naming %s as UTF-16", bom, err, p)
		}
	}
}

// A table in Latin-1 has a bad cell in row after row: the first
// maxListedNotUTF8 are listed, each placed, and the rest counted in one
// more problem, so the report stays readable.
func TestReadCSVCapsCellsNotUTF8(t *testing.T) {
	ds, err := Load("testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, table := range Tables {
		writeTestCSV(t, ds, dir, table)
	}
	const extra = 7
	n := maxListedNotUTF8 + extra
	editCSV(t, filepath.Join(dir, "cases.csv"), func(rows [][]string) [][]string {
		row := rows[1]
		for i := 0; i < n; i++ {
			r := slices.Clone(row)
			r[0] = fmt.Sprintf("tst-latin-%d", i)
			r[1] = "Caf\xe9"
			rows = append(rows, r)
		}
		return rows
	})
	_, err = ReadCSV(dir)
	var list schema.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want a list", err)
	}
	var placed, counted int
	for _, e := range list {
		switch {
		case strings.Contains(e.Detail, "byte 0xE9") && e.Line > 0:
			placed++
		case strings.Contains(e.Detail, fmt.Sprintf("%d more cells are not valid UTF-8", extra)):
			counted++
		}
	}
	if placed != maxListedNotUTF8 || counted != 1 {
		t.Errorf("%d placed problems and %d counts, want %d and 1:\n%v", placed, counted, maxListedNotUTF8, err)
	}
}

// The escapes of CSV for spreadsheet programs are undone exactly, for
// every value, hostile ones included: an apostrophe at the start is always
// one that was added, and ="…" wraps only digits. A cell that is not text
// (a list, a date) is never wrapped.
func TestExcelCellEscapesRoundTrip(t *testing.T) {
	tests := []struct {
		value, written string
	}{
		{"=1+1", "'=1+1"},
		{"'quoted", "''quoted"},
		{"'", "''"},
		{"''", "'''"},
		{"016", `="016"`},
		{"0", `="0"`},
		{`="016"`, `'="016"`},
		{"'=1+1", "''=1+1"},
		{"-5", "'-5"},
		{"+44 20", "'+44 20"},
		{"@x", "'@x"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"plain text, with 'quotes' inside", "plain text, with 'quotes' inside"},
		{"16a", "16a"},
		{"", ""},
	}
	for _, tt := range tests {
		written := EscapeExcelCell(tt.value, true)
		if written != tt.written {
			t.Errorf("EscapeExcelCell(%q) = %q, want %q", tt.value, written, tt.written)
		}
		if back := UnescapeExcelCell(written); back != tt.value {
			t.Errorf("UnescapeExcelCell(%q) = %q, want %q", written, back, tt.value)
		}
	}
	// A list or a date of digits is not text: it is not wrapped.
	if got := EscapeExcelCell("016", false); got != "016" {
		t.Errorf("a list cell 016 written as %q", got)
	}
	// A spreadsheet program that saved the file evaluated ="016" to 016,
	// and may have dropped the added apostrophe: what is left is kept.
	for _, saved := range []string{"016", "=1+1"} {
		if got := UnescapeExcelCell(saved); got != saved {
			t.Errorf("UnescapeExcelCell(%q) = %q", saved, got)
		}
	}
}

// A directory with both descriptors cannot be read unambiguously: it is
// an error naming both, not a guess.
func TestReadCSVBothDescriptors(t *testing.T) {
	ds, err := Load("testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, table := range Tables {
		writeTestCSV(t, ds, dir, table)
	}
	for _, f := range []string{"datapackage.json", ExcelCSVFile} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err = ReadCSV(dir)
	var fe *schema.FieldError
	if !errors.As(err, &fe) || !errors.Is(err, schema.ErrInconsistent) || !strings.Contains(err.Error(), "datapackage.json") || !strings.Contains(err.Error(), ExcelCSVFile) {
		t.Errorf("err = %v, want an error naming both descriptors", err)
	}
}

// One list separator: JoinList joins with ListSeparator (its deprecated
// old name is the same constant), and SplitList splits on it only.
func TestListSeparator(t *testing.T) {
	if CSVListSeparator != ListSeparator || ListSeparator != "; " {
		t.Fatalf("ListSeparator %q, CSVListSeparator %q", ListSeparator, CSVListSeparator)
	}
	items := []string{"denial", "identity_dispute", "Gatwick; Heathrow"}
	joined := JoinList(items)
	if want := "denial" + ListSeparator + "identity_dispute" + ListSeparator + `Gatwick\; Heathrow`; joined != want {
		t.Errorf("JoinList = %q, want %q", joined, want)
	}
	if got := SplitList(joined); !slices.Equal(got, items) {
		t.Errorf("SplitList = %q", got)
	}
	if got := SplitList("a;b"); !slices.Equal(got, []string{"a;b"}) {
		t.Errorf("a;b splits to %q: only %q separates", got, ListSeparator)
	}
}
