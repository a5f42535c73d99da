package coding

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
)

// repack copies a workbook's parts into a new file, replacing the parts
// in replace (nil: dropped) and adding those in add, each written by its
// function so that big parts are streamed, never held.
func repack(t *testing.T, src, dst string, replace map[string]func(io.Writer), add map[string]func(io.Writer)) {
	t.Helper()
	r, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	write := func(name string, fn func(io.Writer)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		fn(w)
	}
	for _, f := range r.File {
		if fn, ok := replace[f.Name]; ok {
			if fn != nil {
				write(f.Name, fn)
			}
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	for name, fn := range add {
		write(name, fn)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// zeros writes n zero bytes: a part that compresses a thousandfold.
func zeros(n int) func(io.Writer) {
	return func(w io.Writer) {
		buf := make([]byte, 1<<20)
		for n > 0 {
			k := min(n, len(buf))
			w.Write(buf[:k])
			n -= k
		}
	}
}

// codingSheet returns a Coding sheet with the template's header row and
// rows more rows, each with a cell of the given text in column A.
func codingSheet(t *testing.T, tpl string, rows int, text string) func(io.Writer) {
	return codingSheetAt(t, tpl, rows, "A", text)
}

// codingSheetAt is codingSheet with the cells in column col.
func codingSheetAt(t *testing.T, tpl string, rows int, col, text string) func(io.Writer) {
	r, err := zip.OpenReader(tpl)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	f, err := r.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(f)
	f.Close()
	header := regexp.MustCompile(`<row r="1".*?</row>`).Find(b)
	if header == nil {
		t.Fatal("no header row in the template's Coding sheet")
	}
	return func(w io.Writer) {
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
		w.Write(header)
		for i := 2; i < rows+2; i++ {
			fmt.Fprintf(w, `<row r="%d"><c r="%s%d" t="inlineStr"><is><t>%s</t></is></c></row>`, i, col, i, text)
		}
		fmt.Fprint(w, `</sheetData></worksheet>`)
	}
}

// Hostile or oversized workbooks fail fast with an error that names the
// limit hit (and the flag that raises it) or what was refused; none is
// read whole into memory.
func TestImportHostileWorkbooks(t *testing.T) {
	ds := dataset.MustDefault()
	dir := t.TempDir()
	tpl := filepath.Join(dir, "template.xlsx")
	if err := SaveTemplate(tpl, ds, TemplateOptions{Coder: "mallory", Units: []string{"prk-park-2018-r1"}}); err != nil {
		t.Fatal(err)
	}
	small := Limits{PartBytes: 8 << 20, UnzippedBytes: 16 << 20}
	for _, tc := range []struct {
		name             string
		replace, add     map[string]func(io.Writer)
		limits           Limits
		want             error
		wantText, notRaw string
	}{
		{name: "zip bomb in one part", add: map[string]func(io.Writer){"xl/media/image1.png": zeros(64 << 20)},
			limits: small, want: ErrLimit, wantText: "limit PartBytes exceeded in xl/media/image1.png: 67108864, more than 8388608 (raise it with --max-part-mb"},
		{name: "zip bomb over many parts", add: map[string]func(io.Writer){
			"xl/media/a.bin": zeros(6 << 20), "xl/media/b.bin": zeros(6 << 20), "xl/media/c.bin": zeros(6 << 20)},
			limits: small, want: ErrLimit, wantText: "limit UnzippedBytes exceeded"},
		{name: "enormous shared strings", replace: map[string]func(io.Writer){"xl/sharedStrings.xml": func(w io.Writer) {
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
			for range 200_000 {
				fmt.Fprint(w, `<si><t>`+strings.Repeat("denial ", 10)+`</t></si>`)
			}
			fmt.Fprint(w, `</sst>`)
		}}, limits: Limits{PartBytes: 4 << 20}, want: ErrLimit, wantText: "limit PartBytes exceeded in xl/sharedStrings.xml"},
		{name: "a million rows", replace: map[string]func(io.Writer){"xl/worksheets/sheet1.xml": codingSheet(t, tpl, 1_000_000, "")},
			limits: Limits{Rows: 5000}, want: ErrLimit, wantText: `sheet "Coding": limit Rows exceeded: 5001, more than 5000 (raise it with --max-rows`},
		// Each row one cell in Excel's last column: a small file that
		// excelize reads as 16,384 cells a row (400 rows took 2-3.5 s
		// under the fuzz target's limits); refused at its first row.
		{name: "rows padded to the last column", replace: map[string]func(io.Writer){"xl/worksheets/sheet1.xml": codingSheetAt(t, tpl, 400, "XFD", "x")},
			want: ErrLimit, wantText: `sheet "Coding": limit Columns exceeded in row 2: 16384, more than 1024 (raise it with --max-columns`},
		{name: "a giant cell", replace: map[string]func(io.Writer){"xl/worksheets/sheet1.xml": codingSheet(t, tpl, 1, strings.Repeat("x", 40_000))},
			want: ErrLimit, wantText: "limit CellChars exceeded in cell A2: 40000, more than 32767"},
		{name: "macros", add: map[string]func(io.Writer){"xl/vbaProject.bin": zeros(100)},
			want: ErrMacros, wantText: "save it as an Excel Workbook (.xlsx)"},
		{name: "external links", add: map[string]func(io.Writer){"xl/externalLinks/externalLink1.xml": func(w io.Writer) {
			fmt.Fprint(w, `<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`)
		}}, want: ErrExternalLinks, wantText: "break the links"},
		{name: "not a zip", want: nil, wantText: "not an .xlsx file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".xlsx")
			if tc.replace == nil && tc.add == nil {
				if err := os.WriteFile(path, []byte("PK\x03\x04 this is no workbook"), 0o644); err != nil {
					t.Fatal(err)
				}
			} else {
				repack(t, tpl, path, tc.replace, tc.add)
			}
			_, err := ImportLimited(ds, tc.limits, path)
			var list ImportErrors
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("err = %v, want one problem", err)
			}
			if tc.want != nil && !errors.Is(list[0], tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.wantText) || !strings.HasPrefix(err.Error(), path) {
				t.Errorf("err = %v\nwant it to name %s and say %q", err, path, tc.wantText)
			}
		})
	}

	// A million wrong rows: the first thousand problems, then a stop.
	wrong := filepath.Join(dir, "wrong-rows.xlsx")
	repack(t, tpl, wrong, map[string]func(io.Writer){"xl/worksheets/sheet1.xml": codingSheet(t, tpl, 1_000_000, "no-such-unit")}, nil)
	_, err := Import(ds, wrong)
	var list ImportErrors
	if !errors.As(err, &list) || len(list) != maxProblems+1 || !errors.Is(list[0], ErrUnknownUnit) ||
		!errors.Is(list[maxProblems], ErrTooMany) || list[maxProblems].Cell != "A1002" {
		t.Errorf("a million wrong rows: %d problems, last %v", len(list), list[len(list)-1])
	}

	// Within the limits the same file imports: the limits are the cause.
	ok := filepath.Join(dir, "rows-ok.xlsx")
	repack(t, tpl, ok, map[string]func(io.Writer){"xl/worksheets/sheet1.xml": codingSheet(t, tpl, 1, "prk-park-2018-r1")}, nil)
	if _, err := ImportLimited(ds, Limits{Rows: 5000}, ok); !errors.Is(err, ErrNoCodings) { // its one row is blank
		t.Errorf("a workbook within the limits: %v", err)
	}
	wide := filepath.Join(dir, "wide-ok.xlsx")
	repack(t, tpl, wide, map[string]func(io.Writer){"xl/worksheets/sheet1.xml": codingSheetAt(t, tpl, 3, "XFD", "x")}, nil)
	if _, err := ImportLimited(ds, Limits{Columns: 16_384}, wide); err == nil || errors.Is(err, ErrLimit) {
		t.Errorf("wide rows within --max-columns: %v, want the rows' own problems", err)
	}
}

// A zip bomb that lies about its size (a part declared 1 KB that inflates
// to 64 MB) passes the directory check but is caught by the zip reader
// once it inflates past the declared size, and reported as damage.
func TestImportLyingZipBomb(t *testing.T) {
	ds := dataset.MustDefault()
	dir := t.TempDir()
	tpl := filepath.Join(dir, "template.xlsx")
	if err := SaveTemplate(tpl, ds, TemplateOptions{Coder: "mallory", Units: []string{"prk-park-2018-r1"}}); err != nil {
		t.Fatal(err)
	}
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	zeros(64 << 20)(fw)
	fw.Close()
	r, err := zip.OpenReader(tpl)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	path := filepath.Join(dir, "liar.xlsx")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for _, f := range r.File {
		if f.Name == "xl/styles.xml" {
			h := f.FileHeader
			h.CompressedSize64, h.UncompressedSize64 = uint64(deflated.Len()), 1024
			w, err := zw.CreateRaw(&h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(deflated.Bytes())
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	zw.Close()
	out.Close()
	_, err = Import(ds, path)
	if !errors.Is(err, ErrDamagedWorkbook) || !strings.Contains(err.Error(), "part xl/styles.xml cannot be read") {
		t.Errorf("err = %v, want the workbook refused as damaged", err)
	}
}
