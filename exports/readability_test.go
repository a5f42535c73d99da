package exports

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/interoptest"
)

// cellsWhere calls fn for every cell of a sheet with its reference and
// excelize's type of it.
func cellsWhere(t *testing.T, f *excelize.File, sheet string, fn func(ref string, typ excelize.CellType)) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c := range row {
			ref := cell(c+1, r+1)
			typ, err := f.GetCellType(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			fn(ref, typ)
		}
	}
}

// styleOf returns the style of a cell.
func styleOf(t *testing.T, f *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// Numbers and booleans beside wrapped text sit at the top of their rows,
// as the text does, so that each reads as part of its own row; booleans
// carry a number format that shows TRUE or FALSE in LibreOffice, which
// shows a boolean cell through its format.
func TestWorkbookNumbersAtTopBooleansShown(t *testing.T) {
	f := openWorkbook(t, buildWorkbook(t, dataset.MustDefault(), WorkbookOptions{}))
	for _, sheet := range []string{SheetCodebook, SheetDynamics, SheetComparison, SheetResponses, SheetAccusations} {
		checked := 0
		cellsWhere(t, f, sheet, func(ref string, typ excelize.CellType) {
			if typ != excelize.CellTypeBool && typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				return
			}
			if typ == excelize.CellTypeUnset && !strings.HasPrefix(ref, "B") {
				return // an unset type is a number; B holds dates on Dynamics
			}
			st := styleOf(t, f, sheet, ref)
			if st.Alignment == nil || st.Alignment.Vertical != "top" {
				t.Errorf("%s!%s: a number or boolean not at the top of its row", sheet, ref)
			}
			if typ == excelize.CellTypeBool {
				checked++
				if st.CustomNumFmt == nil || *st.CustomNumFmt != `"TRUE";"TRUE";"FALSE"` {
					t.Errorf("%s!%s: a boolean without the TRUE/FALSE format", sheet, ref)
				}
			}
		})
		if sheet == SheetCodebook && checked == 0 {
			t.Errorf("%s: no boolean cell checked", sheet)
		}
	}
}

// Dynamics' first_accusation is a real date, as every other date is.
func TestWorkbookDynamicsDates(t *testing.T) {
	ds := dataset.MustDefault()
	book := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(book, buildWorkbook(t, ds, WorkbookOptions{}), 0o644); err != nil {
		t.Fatal(err)
	}
	sheet := readCells(t, book)[SheetDynamics]
	col := slices.IndexFunc(sheet[0], func(c [2]any) bool { return c[1] == "first_accusation" })
	if col < 0 {
		t.Fatal("no first_accusation column")
	}
	for i, row := range sheet[1:] {
		if row[col][0] != "datetime" && row[col][0] != "NoneType" {
			t.Errorf("Dynamics row %d: first_accusation is %s %v, want a date", i+2, row[col][0], row[col][1])
		}
	}
}

// The sheet XML and charts say what is true: no filterMode where no
// filter is applied, and the Timeline's x values a numeric reference.
func TestWorkbookFilterModeAndScatterX(t *testing.T) {
	parts := zipParts(t, buildWorkbook(t, dataset.MustDefault(), WorkbookOptions{}))
	scatters := 0
	for name, xml := range parts {
		if strings.HasPrefix(name, "xl/worksheets/sheet") && strings.Contains(xml, `filterMode="true"`) && !strings.Contains(xml, "<filterColumn") {
			t.Errorf("%s: filterMode with no filter applied", name)
		}
		if strings.HasPrefix(name, "xl/charts/") && strings.Contains(xml, "<scatterChart>") {
			scatters++
			if strings.Contains(xml, "<xVal><strRef>") || !strings.Contains(xml, "<xVal><numRef>") {
				t.Errorf("%s: a scatter series' x values are not a numeric reference", name)
			}
		}
	}
	if scatters == 0 {
		t.Error("no scatter chart")
	}
}

// Layout: the matrices' column headers stand upright in a header row tall
// enough for the longest, so none is cut or spills over the first row;
// About's wrapped rows are tall enough for their text; the Profile chart
// stands right of the footnote, which wraps within the tables' columns.
func TestWorkbookLayout(t *testing.T) {
	f := openWorkbook(t, buildWorkbook(t, dataset.MustDefault(), WorkbookOptions{}))
	for _, sheet := range []string{SheetSimilarity, SheetCoOccurs} {
		rows, _ := f.GetRows(sheet)
		longest := 0
		for c, h := range rows[1][1:] {
			longest = max(longest, utf8.RuneCountInString(h))
			if st := styleOf(t, f, sheet, cell(c+2, 2)); st.Alignment == nil || st.Alignment.TextRotation != 90 {
				t.Errorf("%s: header %s not upright", sheet, h)
			}
		}
		if ht, _ := f.GetRowHeight(sheet, 2); ht < float64(longest)*7 {
			t.Errorf("%s: header row %.0f points high for a %d-character header", sheet, ht, longest)
		}
	}
	about, _ := f.GetRows(SheetAbout)
	width, _ := f.GetColWidth(SheetAbout, "B")
	for r, row := range about {
		if len(row) < 2 || float64(utf8.RuneCountInString(row[1])) <= width*1.25 { // surely wraps beyond
			continue
		}
		if ht, _ := f.GetRowHeight(SheetAbout, r+1); ht < 30 {
			t.Errorf("About row %d: %.0f points high for %d characters at width %.0f", r+1, ht, utf8.RuneCountInString(row[1]), width)
		}
	}
	profile, _ := f.GetRows(SheetProfile)
	noteRow := slices.IndexFunc(profile, func(r []string) bool { return len(r) > 0 && strings.HasPrefix(r[0], "A response may use") })
	if noteRow < 0 {
		t.Fatal("no footnote on Profile")
	}
	merged, _ := f.GetMergeCells(SheetProfile)
	noteEnd := 0
	for _, m := range merged {
		if m.GetStartAxis() == cell(1, noteRow+1) {
			noteEnd, _, _ = excelize.CellNameToCoordinates(m.GetEndAxis())
		}
	}
	parts := zipParts(t, buildWorkbook(t, dataset.MustDefault(), WorkbookOptions{}))
	chartCol := -1
	rels := parts["xl/worksheets/_rels/sheet"+profileSheetIndex(t, f)+".xml.rels"]
	if m := regexp.MustCompile(`Target="\.\./(drawings/drawing\d+\.xml)"`).FindStringSubmatch(rels); m != nil {
		if from := regexp.MustCompile(`<xdr:from><xdr:col>(\d+)</xdr:col>`).FindStringSubmatch(parts["xl/"+m[1]]); from != nil {
			chartCol, _ = strconv.Atoi(from[1])
		}
	}
	if chartCol < 0 {
		t.Fatal("no chart on Profile")
	}
	if noteEnd == 0 || noteEnd > chartCol {
		t.Errorf("Profile: the footnote runs to column %d, under the chart from column %d", noteEnd, chartCol+1)
	}
}

// A data sheet too wide for one readable page prints across several, its
// first column repeated on each (fitted to one, LibreOffice cut its last
// columns onto a page without the ids).
func TestWorkbookWideSheetsPrintAcross(t *testing.T) {
	f := openWorkbook(t, buildWorkbook(t, dataset.MustDefault(), WorkbookOptions{}))
	wide := 0
	for _, sheet := range []string{SheetCases, SheetAccusations, SheetResponses, SheetQuotes, SheetSources} {
		cols, _ := f.GetCols(sheet)
		total := 0.0
		for c := range cols {
			name, _ := excelize.ColumnNumberToName(c + 1)
			w, _ := f.GetColWidth(sheet, name)
			total += w
		}
		layout, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var refers string
		for _, d := range f.GetDefinedName() {
			if d.Name == "_xlnm.Print_Titles" && d.Scope == sheet {
				refers = d.RefersTo
			}
		}
		if total <= pageChars {
			continue
		}
		wide++
		if *layout.FitToWidth < 2 || !strings.Contains(refers, "$A:$A") {
			t.Errorf("%s: %.0f characters wide printed %d page(s) across, titles %q", sheet, total, *layout.FitToWidth, refers)
		}
	}
	if wide == 0 {
		t.Error("no sheet wider than a page: the test checks nothing")
	}
}

// profileSheetIndex is the N of the Profile sheet's xl/worksheets/sheetN.xml.
func profileSheetIndex(t *testing.T, f *excelize.File) string {
	t.Helper()
	for id, name := range f.GetSheetMap() {
		if name == SheetProfile {
			return strconv.Itoa(id)
		}
	}
	t.Fatal("no Profile sheet")
	return ""
}

// LibreOffice renders the workbook to PDF with a sane number of pages
// (every sheet starts a page; none has more pages than rows), and the
// rendered pages show every boolean cell as TRUE or FALSE, not 0 or 1.
func TestWorkbookRendersInLibreOffice(t *testing.T) {
	pdftotext := interoptest.Command(t, "pdftotext", "poppler-utils")
	ds := dataset.MustDefault()
	b := buildWorkbook(t, ds, WorkbookOptions{})
	book := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(book, b, 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := convertWithLibreOffice(t, book, "pdf")
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	f := openWorkbook(t, b)
	rows, booleans, words := 0, 0, 0
	word := regexp.MustCompile(`\b(TRUE|FALSE)\b`)
	for _, sheet := range f.GetSheetList() {
		r, _ := f.GetRows(sheet)
		rows += len(r)
		cellsWhere(t, f, sheet, func(ref string, typ excelize.CellType) {
			if typ == excelize.CellTypeBool {
				booleans++
			} else if v, _ := f.GetCellValue(sheet, ref); typ != excelize.CellTypeBool {
				words += len(word.FindAllString(v, -1)) // the words in text, if any
			}
		})
	}
	if n := len(f.GetSheetList()); len(pages) < n || len(pages) > rows {
		t.Errorf("LibreOffice renders %d pages for %d sheets of %d rows", len(pages), n, rows)
	}
	if got := len(word.FindAllString(string(out), -1)); got != booleans+words {
		t.Errorf("the rendered pages show TRUE or FALSE %d times, want %d (one per boolean cell)", got, booleans+words)
	}
}
