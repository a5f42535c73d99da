package coding

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rejoinder/rejoinder/dataset"
)

// partText returns a part of a workbook as text.
func partText(t *testing.T, file, name string) string {
	t.Helper()
	r, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	f, err := r.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// edited writes a part as the template's part changed by edit.
func edited(t *testing.T, tpl, name string, edit func(string) string) func(io.Writer) {
	text := edit(partText(t, tpl, name))
	return func(w io.Writer) { io.WriteString(w, text) }
}

// sharedStringsOf writes a shared strings part of n strings, each s.
func sharedStringsOf(n int, s string) func(io.Writer) {
	return func(w io.Writer) {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, n, n)
		for range n {
			fmt.Fprint(w, `<si><t>`+s+`</t></si>`)
		}
		fmt.Fprint(w, `</sst>`)
	}
}

// A workbook is refused for what it is, not only for what its parts are
// called: macros by relationship type and content type (issue 16, item
// 15); an old .xls or an encrypted file, and a damaged zip, say so and
// what to do (item 13); the shared strings are counted and measured while
// they stream, before excelize holds them (item 11); a pipe is refused
// before it is opened (item 10).
func TestImportRefusesByContent(t *testing.T) {
	ds := dataset.MustDefault()
	dir := t.TempDir()
	tpl := filepath.Join(dir, "template.xlsx")
	if err := SaveTemplate(tpl, ds, TemplateOptions{Coder: "mallory", Units: []string{"prk-park-2018-r1"}}); err != nil {
		t.Fatal(err)
	}
	const rels, types = "xl/_rels/workbook.xml.rels", "[Content_Types].xml"
	vbaRel := `<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="stuff.bin"/></Relationships>`
	for _, tc := range []struct {
		name     string
		write    func(path string) // makes the file at path
		limits   Limits
		want     error
		wantText []string
	}{
		{name: "VBA relationship to a part not named vbaProject.bin", write: func(path string) {
			repack(t, tpl, path, map[string]func(io.Writer){rels: edited(t, tpl, rels, func(s string) string {
				return strings.Replace(s, "</Relationships>", vbaRel, 1)
			})}, map[string]func(io.Writer){"xl/stuff.bin": zeros(100)})
		}, want: ErrMacros, wantText: []string{"relationship http://schemas.microsoft.com/office/2006/relationships/vbaProject"}},
		{name: "VBA content type", write: func(path string) {
			repack(t, tpl, path, map[string]func(io.Writer){types: edited(t, tpl, types, func(s string) string {
				return strings.Replace(s, "</Types>", `<Override PartName="/xl/stuff.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>`, 1)
			})}, map[string]func(io.Writer){"xl/stuff.bin": zeros(100)})
		}, want: ErrMacros, wantText: []string{"xl/stuff.bin has content type application/vnd.ms-office.vbaproject"}},
		{name: "macro-enabled workbook", write: func(path string) {
			repack(t, tpl, path, map[string]func(io.Writer){types: edited(t, tpl, types, func(s string) string {
				return strings.Replace(s, "spreadsheetml.sheet.main+xml", "sheet.macroEnabled.main+xml", 1)
			})}, nil)
		}, want: ErrMacros, wantText: []string{"xl/workbook.xml has content type"}},
		{name: "external link by relationship", write: func(path string) {
			repack(t, tpl, path, map[string]func(io.Writer){rels: edited(t, tpl, rels, func(s string) string {
				return strings.Replace(s, "</Relationships>", `<Relationship Id="rId98" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="links/l1.xml"/></Relationships>`, 1)
			})}, map[string]func(io.Writer){"xl/links/l1.xml": func(w io.Writer) { io.WriteString(w, "<externalLink/>") }})
		}, want: ErrExternalLinks, wantText: []string{"break the links"}},
		{name: "old xls or encrypted", write: func(path string) {
			body := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 4096)...)
			if err := os.WriteFile(path, body, 0o644); err != nil {
				t.Fatal(err)
			}
		}, want: ErrLegacyWorkbook, wantText: []string{"old Excel 97-2003 .xls", "password", "save it as an Excel Workbook (.xlsx)"}},
		{name: "size header lies", write: func(path string) { lieAboutSize(t, tpl, path, "xl/worksheets/sheet1.xml", 1000) },
			want: ErrDamagedWorkbook, wantText: []string{"part xl/worksheets/sheet1.xml cannot be read", "damaged", "fresh copy"}},
		{name: "too many shared strings", write: func(path string) {
			repack(t, tpl, path, map[string]func(io.Writer){"xl/sharedStrings.xml": sharedStringsOf(1000, "x")}, nil)
		}, limits: Limits{SharedStrings: 500}, want: ErrLimit,
			wantText: []string{"limit SharedStrings exceeded in xl/sharedStrings.xml: 501, more than 500 (raise it with --max-shared-strings"}},
		{name: "shared strings under another name", write: func(path string) {
			repack(t, tpl, path, map[string]func(io.Writer){
				"xl/sharedStrings.xml": nil,
				rels:                   edited(t, tpl, rels, func(s string) string { return strings.Replace(s, "/xl/sharedStrings.xml", "strings2.xml", 1) }),
				types:                  edited(t, tpl, types, func(s string) string { return strings.Replace(s, "/xl/sharedStrings.xml", "/xl/strings2.xml", 1) }),
			}, map[string]func(io.Writer){"xl/strings2.xml": sharedStringsOf(1000, "x")})
		}, limits: Limits{SharedStrings: 500}, want: ErrLimit, wantText: []string{"limit SharedStrings exceeded in xl/strings2.xml"}},
		{name: "one enormous shared string", write: func(path string) {
			repack(t, tpl, path, map[string]func(io.Writer){"xl/sharedStrings.xml": sharedStringsOf(1, strings.Repeat("x", 64<<20))}, nil)
		}, want: ErrLimit, wantText: []string{"limit CellChars exceeded in xl/sharedStrings.xml (string 1 takes more than", "--max-cell-chars"}},
		{name: "named pipe", write: func(path string) {
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Skip("no FIFOs here:", err)
			}
		}, want: dataset.ErrNotRegularFile, wantText: []string{"give the .xlsx file itself"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "w.xlsx")
			tc.write(path)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			done := make(chan error, 1)
			go func() { _, err := ImportLimited(ds, tc.limits, path); done <- err }()
			var err error
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("import did not return within 30 s")
			}
			runtime.ReadMemStats(&after)
			t.Log(err)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			for _, w := range append(tc.wantText, path) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("err = %v\nwant it to say %q", err, w)
				}
			}
			// Refused while streaming: nothing near a 64 MB string is held.
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 48<<20 {
				t.Errorf("the import allocated %d MB before refusing", grew>>20)
			}
		})
	}

	// The unchanged template passes the package checks: none of the above
	// is refused for something every workbook has.
	if _, err := Import(ds, tpl); !errors.Is(err, ErrNoCodings) {
		t.Errorf("the blank template: %v, want only ErrNoCodings", err)
	}
}

// lieAboutSize copies a workbook, declaring one part extra bytes larger
// than it is (its data and checksum unchanged).
func lieAboutSize(t *testing.T, src, dst, part string, extra uint64) {
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
	for _, f := range r.File {
		if f.Name != part {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		h := f.FileHeader
		h.UncompressedSize64 += extra
		raw, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateRaw(&h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, raw); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
}
