package exports

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/interoptest"
)

// cellsOf is what interop/read_cells.py prints: per sheet, rows of
// [type, value] pairs as openpyxl reads them.
type cellsOf map[string][][][2]any

// readCells runs read_cells.py on a workbook.
func readCells(t *testing.T, path string) cellsOf {
	t.Helper()
	var got cellsOf
	interoptest.Python(t, "read_cells.py", []string{"openpyxl"}, &got, path)
	return got
}

// convertWithLibreOffice converts a file headless with LibreOffice's
// default import options (those a user gets on opening it) and returns
// the converted file's path.
func convertWithLibreOffice(t *testing.T, path, format string) string {
	t.Helper()
	soffice := interoptest.LibreOffice(t)
	dir := t.TempDir()
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", format, "--outdir", dir, path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))+"."+format)
}

// The spreadsheet-ready CSV opens in LibreOffice with CAMEO codes as the
// text they are: 016 stays "016", not the number 16 (another code).
func TestExcelCSVKeepsCodesAsTextInLibreOffice(t *testing.T) {
	interoptest.LibreOffice(t)
	ds := dataset.MustDefault()
	dir := t.TempDir()
	if _, err := WriteExcelCSV(dir, ds); err != nil {
		t.Fatal(err)
	}
	got := readCells(t, convertWithLibreOffice(t, filepath.Join(dir, "responses.csv"), "xlsx"))["responses"]
	if len(got) != len(ds.Responses)+1 {
		t.Fatalf("LibreOffice reads %d rows, want a header and %d responses", len(got), len(ds.Responses))
	}
	col := slices.IndexFunc(got[0], func(c [2]any) bool { return c[1] == "cameo_code" })
	if col < 0 {
		t.Fatalf("no cameo_code column in %v", got[0])
	}
	zeros := 0
	for i, r := range ds.Responses {
		cell := got[i+1][col]
		if r.CAMEOCode == "" {
			if cell[1] != nil {
				t.Errorf("%s: cameo_code %v, want empty", r.ResponseID, cell)
			}
			continue
		}
		if strings.HasPrefix(r.CAMEOCode, "0") {
			zeros++
		}
		if cell[0] != "str" || cell[1] != r.CAMEOCode {
			t.Errorf("%s: LibreOffice reads cameo_code as %s %v, want the text %q", r.ResponseID, cell[0], cell[1], r.CAMEOCode)
		}
	}
	if zeros == 0 {
		t.Fatal("no CAMEO code with a leading zero: the test checks nothing")
	}
}

// A table written by export csv --excel and saved again by LibreOffice
// (with its default options) still reads back exactly once the escapes
// are undone: LibreOffice keeps a leading apostrophe of a CSV cell as
// text and saves ="016" as 016, both of which dataset.UnescapeExcelCell
// handles; it drops the byte-order mark, which is why the marker is a
// file and not the byte-order mark.
func TestExcelCSVSurvivesLibreOfficeSave(t *testing.T) {
	interoptest.LibreOffice(t)
	ds := dataset.MustDefault()
	hostile := []string{"=1+1", "'quoted", "016", "-5", "@x", "''", `="016"`, "'=1+1"}
	for i, v := range hostile {
		ds.Responses[i%len(ds.Responses)].Notes = v
	}
	dir := t.TempDir()
	if _, err := WriteExcelCSV(dir, ds); err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile(convertWithLibreOffice(t, filepath.Join(dir, "responses.csv"), "csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(saved, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(ds.Responses)+1 {
		t.Fatalf("LibreOffice saved %d rows, want a header and %d responses", len(rows), len(ds.Responses))
	}
	notes, summary, cameo := slices.Index(rows[0], "notes"), slices.Index(rows[0], "summary"), slices.Index(rows[0], "cameo_code")
	for i, r := range ds.Responses {
		for _, c := range []struct {
			col  int
			want string
		}{{notes, r.Notes}, {summary, r.Summary}, {cameo, r.CAMEOCode}} {
			if got := dataset.UnescapeExcelCell(rows[i+1][c.col]); got != c.want {
				t.Errorf("%s: %s saved by LibreOffice as %q, read back as %q, want %q", r.ResponseID, rows[0][c.col], rows[i+1][c.col], got, c.want)
			}
		}
	}
}
