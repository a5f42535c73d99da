package coding

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/dataset"
)

// FuzzImportWorkbook feeds arbitrary bytes to the Excel coding import as
// a filled template: it must return codings or problems that name the
// file, never panic, and never read past its limits. Seeds: a real
// filled template, and it cut short.
func FuzzImportWorkbook(f *testing.F) {
	ds := dataset.MustDefault()
	dir := f.TempDir()
	tpl := filepath.Join(dir, "seed.xlsx")
	if err := SaveTemplate(tpl, ds, TemplateOptions{Coder: "fuzz", Units: []string{"prk-park-2018-r1", "rus-skripal-2018-r1"}}); err != nil {
		f.Fatal(err)
	}
	x, err := excelize.OpenFile(tpl)
	if err != nil {
		f.Fatal(err)
	}
	for cell, v := range map[string]string{"K2": "yes", "L2": "no", "K3": "maybe"} {
		if err := x.SetCellValue("Coding", cell, v); err != nil {
			f.Fatal(err)
		}
	}
	if err := x.SaveAs(tpl); err != nil {
		f.Fatal(err)
	}
	x.Close()
	b, err := os.ReadFile(tpl)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add(b[:len(b)/2])
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	lim := Limits{FileBytes: 1 << 20, UnzippedBytes: 4 << 20, PartBytes: 2 << 20, Parts: 64, Rows: 500, CellChars: 1000}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		codings, err := ImportLimited(ds, lim, path)
		if err == nil {
			for _, c := range codings {
				if c.Coder == "" || c.UnitID == "" {
					t.Fatalf("coding without coder or unit: %+v", c)
				}
			}
			return
		}
		var list ImportErrors
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("err = %v, want ImportErrors", err)
		}
		for _, e := range list {
			if e.File != path || e.Err == nil {
				t.Fatalf("problem without file or cause: %+v", e)
			}
		}
	})
}

// FuzzCodingSheetXML fuzzes the Coding sheet's XML inside an otherwise
// valid template, where FuzzImportWorkbook's byte flips mostly stop at
// the zip's checksums: the sheet parser, cell references and values.
func FuzzCodingSheetXML(f *testing.F) {
	ds := dataset.MustDefault()
	dir := f.TempDir()
	tpl := filepath.Join(dir, "seed.xlsx")
	if err := SaveTemplate(tpl, ds, TemplateOptions{Coder: "fuzz", Units: []string{"prk-park-2018-r1"}}); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>unit_id</t></is></c><c r="B1" t="inlineStr"><is><t>strategies:denial</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>prk-park-2018-r1</t></is></c><c r="B2" t="b"><v>1</v></c></row>` +
		`</sheetData></worksheet>`))
	f.Add([]byte(`<worksheet><sheetData><row r="1048577"><c r="XFE1"><v>1E+400</v></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<worksheet><sheetData><row><c t="s"><v>99999</v></c></row></sheetData></worksheet>`))
	lim := Limits{Rows: 500, CellChars: 1000}
	f.Fuzz(func(t *testing.T, sheet []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.xlsx")
		repack(t, tpl, path, map[string]func(io.Writer){"xl/worksheets/sheet1.xml": func(w io.Writer) { w.Write(sheet) }}, nil)
		_, err := ImportLimited(ds, lim, path)
		var list ImportErrors
		if err != nil && (!errors.As(err, &list) || len(list) == 0 || list[0].File != path) {
			t.Fatalf("err = %v, want ImportErrors naming the file", err)
		}
	})
}
