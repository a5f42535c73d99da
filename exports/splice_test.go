package exports

import (
	"bufio"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/internal/interoptest"
	"github.com/rejoinder/rejoinder/internal/xlsxzip"
)

// splicedTexts are texts that test the rows' own escaping: formula-like
// starts, spaces at the ends, CR and LF, characters XML forbids, a literal
// _xHHHH_, markup, invalid UTF-8, a character beyond the BMP, and a text
// longer than a cell holds.
var splicedTexts = []string{
	"=1+2", "+1", "-1", "@SUM(A1)", "\tstarts with a tab", "\rstarts with a CR",
	"  spaces at both ends  ", "line one\r\nline two\nthree", "bell\x07 and NUL\x00 and DEL\x7f",
	"_x0041_ is not A", "<b>&amp;</b> \"quoted\" 'single'", "bad \xff byte", "emoji 😀 and ü",
	strings.Repeat("long text ", 4000),
}

// splicedWorkbook writes a workbook whose sheet "Rows" has excelize's
// frame (header, Excel Table) and the rows of splicedTexts spliced in by
// xlsxzip: each row a text, its index and whether it is even.
func splicedWorkbook(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	wb, err := newWorkbook(f)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Rows"); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Rows")
	if err != nil {
		t.Fatal(err)
	}
	last := len(splicedTexts) + 1
	if err := sw.SetRow("A1", []any{"text", "index", "even"}); err != nil {
		t.Fatal(err)
	}
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + cell(3, last), Name: "Rows"}); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := ""
	for id, name := range f.GetSheetMap() {
		if name == "Rows" {
			path = "xl/worksheets/sheet" + itoa(id) + ".xml"
		}
	}
	rows := xlsxzip.Rows{FirstRow: 2, LastRow: last, LastCol: 3, Write: func(w *bufio.Writer) error {
		rx := newRowXML(3)
		for i, s := range splicedTexts {
			row := i + 2
			rx.text(0, row, wb.wrap, s)
			rx.number(1, row, wb.top, int64(i))
			rx.boolean(2, row, wb.top, i%2 == 0)
			if err := rx.flush(w, appendRowStart(nil, row, float64(15*(i%3)))); err != nil {
				return err
			}
		}
		return nil
	}}
	out := filepath.Join(t.TempDir(), "spliced.xlsx")
	file, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	if err := xlsxzip.Save(f, file, map[string]xlsxzip.Rows{path: rows}); err != nil {
		t.Fatal(err)
	}
	return out
}

// splicedWant is what a reader should see of splicedTexts: the text as a
// cell holds it (cut to fit, invalid UTF-8 as U+FFFD).
func splicedWant(s string) string {
	s, _ = fitCell(s)
	return strings.ToValidUTF8(s, "\uFFFD")
}

// openpyxlSees is the text openpyxl gives for s: it does not decode
// Excel's _xHHHH_ escapes (Excel and excelize do), so it sees the text as
// written in the XML, its entities decoded.
func openpyxlSees(t *testing.T, s string) string {
	t.Helper()
	var v struct {
		T string `xml:",chardata"`
	}
	if err := xml.Unmarshal(append(appendCellText([]byte("<t>"), splicedWant(s)), "</t>"...), &v); err != nil {
		t.Fatal(err)
	}
	return v.T
}

// Rows spliced into excelize's frame read back the same through
// excelize's own reader and through openpyxl, loaded fully and with
// read_only=True: every row, in order, each text as text (never a
// formula), numbers as numbers, flags as booleans.
func TestSplicedRowsRoundTrip(t *testing.T) {
	path := splicedWorkbook(t)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Rows", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(splicedTexts)+1 {
		t.Fatalf("excelize reads %d rows, want %d", len(rows), len(splicedTexts)+1)
	}
	for i, s := range splicedTexts {
		want := []string{splicedWant(s), itoa(i), map[bool]string{true: "1", false: "0"}[i%2 == 0]}
		if got := rows[i+1]; strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("excelize row %d: %q, want %q", i+2, got, want)
		}
		if formula, _ := f.GetCellFormula("Rows", cell(1, i+2)); formula != "" {
			t.Errorf("excelize row %d: a formula %q", i+2, formula)
		}
	}
	for _, mode := range []string{"full", "read-only"} {
		args := []string{path}
		if mode == "read-only" {
			args = []string{"--read-only", path}
		}
		var got cellsOf
		interoptest.Python(t, "read_cells.py", []string{"openpyxl"}, &got, args...)
		sheet := got["Rows"]
		if len(sheet) != len(splicedTexts)+1 {
			t.Fatalf("openpyxl %s reads %d rows, want %d", mode, len(sheet), len(splicedTexts)+1)
		}
		for i, s := range splicedTexts {
			r := sheet[i+1]
			want := [][2]any{{"str", openpyxlSees(t, s)}, {"int", float64(i)}, {"bool", i%2 == 0}}
			if len(r) != 3 || r[0] != want[0] || r[1] != want[1] || r[2] != want[2] {
				t.Errorf("openpyxl %s row %d: %.200q, want %.200q", mode, i+2, r, want)
			}
		}
	}
}
