package coding

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// storedZip is a zip package of the given parts, stored uncompressed so
// that the fuzzer's byte changes reach the parts' contents and the zip's
// headers rather than stopping at the inflater.
func storedZip(tb testing.TB, parts ...[2]string) []byte {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: zip.Store})
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := io.WriteString(w, p[1]); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

const (
	fuzzContentTypes = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`
	fuzzWorkbookRels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings/sst.xml"/></Relationships>`
	fuzzSharedStrings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si><si><r><t>b</t></r></si></sst>`
)

// fuzzLimits are small limits, so that inputs the fuzzer can build reach them.
var fuzzLimits = Limits{FileBytes: 1 << 20, UnzippedBytes: 64 << 10, PartBytes: 32 << 10, Parts: 16, Rows: 100, CellChars: 100, SharedStrings: 4}

// packageRefusal reports whether err is one of the ways checkPackage
// refuses a workbook, each of which says what is wrong and what to do.
func packageRefusal(err error) bool {
	var le *LimitError
	return errors.As(err, &le) || errors.Is(err, ErrMacros) || errors.Is(err, ErrExternalLinks) ||
		errors.Is(err, ErrLegacyWorkbook) || errors.Is(err, ErrDamagedWorkbook) ||
		strings.Contains(err.Error(), "not an .xlsx file (a zip package)")
}

// FuzzCheckPackage feeds arbitrary bytes to the package check Import runs
// before excelize: it must refuse with one of its documented errors or
// accept, never panic; and a package it accepts can be read through
// within the limits it checked, holds no part named vbaProject.bin, and
// has no more shared strings than the limit.
func FuzzCheckPackage(f *testing.F) {
	f.Add(storedZip(f, [2]string{"[Content_Types].xml", fuzzContentTypes}, [2]string{"xl/_rels/workbook.xml.rels", fuzzWorkbookRels},
		[2]string{"xl/strings/sst.xml", fuzzSharedStrings}, [2]string{"xl/workbook.xml", "<workbook/>"}))
	f.Add(storedZip(f, [2]string{"xl/_rels/workbook.xml.rels", strings.Replace(fuzzWorkbookRels, "sharedStrings", "vbaProject", 1)},
		[2]string{"xl/stuff.bin", "x"}))
	f.Add(storedZip(f, [2]string{"[Content_Types].xml", fuzzContentTypes}, [2]string{"xl/stuff.bin", "x"}))
	f.Add(storedZip(f, [2]string{"xl/externalLinks/externalLink1.xml", "<externalLink/>"}))
	f.Add(storedZip(f, [2]string{"xl/sharedStrings.xml", strings.Repeat("<si/>", 5)}))
	f.Add(append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 64)...))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, data []byte) {
		file := filepath.Join(t.TempDir(), "fuzz.xlsx")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		err := checkPackage(file, fuzzLimits)
		if err != nil {
			if !packageRefusal(err) {
				t.Fatalf("checkPackage: undocumented error %v", err)
			}
			return
		}
		assertPackageWithinLimits(t, file, fuzzLimits)
	})
}

// assertPackageWithinLimits reads an accepted package through and fails
// the test where it breaks a limit checkPackage promised to enforce.
func assertPackageWithinLimits(t *testing.T, file string, lim Limits) {
	t.Helper()
	z, err := zip.OpenReader(file)
	if err != nil {
		t.Fatalf("accepted, but not a zip: %v", err)
	}
	defer z.Close()
	if len(z.File) > lim.Parts {
		t.Fatalf("accepted with %d parts, limit %d", len(z.File), lim.Parts)
	}
	var total int64
	for _, f := range z.File {
		if strings.EqualFold(filepath.Base(f.Name), "vbaProject.bin") {
			t.Fatalf("accepted with a VBA project %s", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("accepted, but part %s cannot be opened: %v", f.Name, err)
		}
		n, err := io.Copy(io.Discard, io.LimitReader(rc, lim.PartBytes+1))
		rc.Close()
		if err != nil || n > lim.PartBytes {
			t.Fatalf("accepted, but part %s reads %d bytes (limit %d), %v", f.Name, n, lim.PartBytes, err)
		}
		if total += n; total > lim.UnzippedBytes {
			t.Fatalf("accepted with %d bytes unzipped, limit %d", total, lim.UnzippedBytes)
		}
	}
}

// FuzzSharedStrings fuzzes the shared strings part of a workbook, the
// part checkPackage streams rather than hands to excelize: the part is
// refused as damaged XML or over a limit, or accepted, never a panic;
// an accepted part is well-formed XML with at most the limit's count of
// strings (<si> elements), and one refused for its count has more.
func FuzzSharedStrings(f *testing.F) {
	for _, s := range []string{
		fuzzSharedStrings,
		"<sst>" + strings.Repeat("<si><t>x</t></si>", 5) + "</sst>",
		`<sst><si><t>&#x10FFFF;&amp;</t></si><x:si xmlns:x="u"/></sst>`,
		"<sst><si><t>unclosed</sst>",
		"<?xml version=\"1.0\" encoding=\"UTF-16\"?><sst/>",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, sst []byte) {
		file := filepath.Join(t.TempDir(), "fuzz.xlsx")
		pkg := storedZip(t, [2]string{"[Content_Types].xml", fuzzContentTypes}, [2]string{"xl/_rels/workbook.xml.rels", fuzzWorkbookRels},
			[2]string{"xl/strings/sst.xml", string(sst)})
		if err := os.WriteFile(file, pkg, 0o644); err != nil {
			t.Fatal(err)
		}
		err := checkPackage(file, fuzzLimits)
		count, xmlErr := countSharedStrings(sst)
		var le *LimitError
		switch {
		case err == nil:
			if xmlErr != nil {
				t.Fatalf("accepted shared strings that are not XML: %v", xmlErr)
			}
			if count > fuzzLimits.SharedStrings {
				t.Fatalf("accepted %d shared strings, limit %d", count, fuzzLimits.SharedStrings)
			}
		case errors.As(err, &le) && le.Limit == "SharedStrings":
			if count <= fuzzLimits.SharedStrings {
				t.Fatalf("refused %d shared strings as over the limit %d: %v", count, fuzzLimits.SharedStrings, err)
			}
		case !packageRefusal(err):
			t.Fatalf("checkPackage: undocumented error %v", err)
		}
	})
}

// countSharedStrings counts the <si> elements of a shared strings part
// the way a reader would, up to the first XML error.
func countSharedStrings(sst []byte) (int, error) {
	d := xml.NewDecoder(bytes.NewReader(sst))
	n := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "si" {
			n++
		}
	}
}
