package exports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/dataset"
)

func buildWorkbook(t *testing.T, ds *dataset.Dataset, opts WorkbookOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, ds, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openWorkbook(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// column returns the 1-based column of a header in row 1.
func column(t *testing.T, f *excelize.File, sheet, header string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.Index(rows[0], header)
	if i < 0 {
		t.Fatalf("%s has no column %s (%v)", sheet, header, rows[0])
	}
	name, _ := excelize.ColumnNumberToName(i + 1)
	return name
}

// row returns the 1-based row whose first cell is id.
func row(t *testing.T, f *excelize.File, sheet, id string) int {
	t.Helper()
	rows, _ := f.GetRows(sheet)
	for i, r := range rows {
		if len(r) > 0 && r[0] == id {
			return i + 1
		}
	}
	t.Fatalf("%s has no row %s", sheet, id)
	return 0
}

func TestWorkbookOfEmbeddedDataset(t *testing.T) {
	ds := dataset.MustDefault()
	f := openWorkbook(t, buildWorkbook(t, ds, WorkbookOptions{Generated: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)}))
	want := []string{SheetAbout, SheetCodebook, SheetCases, SheetAccusations, SheetResponses, SheetQuotes, SheetSources,
		SheetComparison, SheetProfile, SheetSimilarity, SheetDynamics, SheetTimeline, SheetCoOccurs}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets = %v, want %v", got, want)
	}
	rows, _ := f.GetRows(SheetResponses)
	if len(rows) != len(ds.Responses)+1 {
		t.Errorf("Responses has %d rows, want %d", len(rows), len(ds.Responses)+1)
	}
	// A date cell is a real date: a serial number with a date format.
	cell := column(t, f, SheetResponses, "date") + itoa(row(t, f, SheetResponses, "prk-park-2018-r1"))
	raw, _ := f.GetCellValue(SheetResponses, cell, excelize.Options{RawCellValue: true})
	shown, _ := f.GetCellValue(SheetResponses, cell)
	if raw != "43357" || shown != "2018-09-14" {
		t.Errorf("date cell %s: raw %q shown %q; want serial 43357 shown 2018-09-14", cell, raw, shown)
	}
	// A month-precision date shows only its month.
	cell = column(t, f, SheetResponses, "date") + itoa(row(t, f, SheetResponses, "rus-skripal-2018-r14"))
	if shown, _ := f.GetCellValue(SheetResponses, cell); shown != "2018-09" {
		t.Errorf("month date shown as %q", shown)
	}
	cell = column(t, f, SheetResponses, "lag_days") + itoa(row(t, f, SheetResponses, "rus-skripal-2018-r8"))
	if v, _ := f.GetCellValue(SheetResponses, cell); v != "3" {
		t.Errorf("lag of the 23-diplomat expulsion = %q, want 3", v)
	}
	// Sources are clickable.
	cell = column(t, f, SheetSources, "url") + "2"
	if ok, link, _ := f.GetCellHyperLink(SheetSources, cell); !ok || !strings.HasPrefix(link, "http") {
		t.Errorf("source URL %s is not a link (%v %q)", cell, ok, link)
	}
	// The header is frozen and filterable.
	panes, _ := f.GetPanes(SheetResponses)
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v", panes)
	}
	// The comparison has the seed pair; the profile has a chart.
	cmp, _ := f.GetRows(SheetComparison)
	if !slices.Equal(cmp[0], []string{"attribute", "prk-park-2018", "rus-skripal-2018"}) {
		t.Errorf("comparison header = %v", cmp[0])
	}
	about, _ := f.GetRows(SheetAbout)
	joined := ""
	for _, r := range about {
		joined += strings.Join(r, "\t") + "\n"
	}
	for _, s := range []string{"Dataset version\t" + ds.Meta.Version, "Generated\t2026-11-27 12:00 UTC", "How to cite\t" + ds.Meta.Citation} {
		if !strings.Contains(joined, s) {
			t.Errorf("About lacks %q", s)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestWorkbookChartAndNoFormulas(t *testing.T) {
	ds, err := dataset.Load("../dataset/testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	b := buildWorkbook(t, ds, WorkbookOptions{Compare: [2]string{"tst-alpha-2020", "tst-beta-2021"}})
	parts := zipParts(t, b)
	charts := parts["xl/charts/chart1.xml"] + parts["xl/charts/chart2.xml"]
	if !strings.Contains(charts, "<barChart>") || !strings.Contains(charts, "<scatterChart>") {
		t.Error("the workbook lacks its native bar chart (profile) or scatter chart (timeline)")
	}
	for name, xml := range parts {
		if strings.HasPrefix(name, "xl/worksheets/") && strings.Contains(xml, "<f>") {
			t.Errorf("%s contains a formula", name)
		}
	}
	// The quotes that look like formulas are stored as text and read back verbatim.
	f := openWorkbook(t, b)
	for _, q := range []string{"=1+1 is not a formula here", "-starts with a minus", "@starts with an at sign"} {
		found := false
		rows, _ := f.GetRows(SheetQuotes)
		for i, r := range rows {
			if slices.Contains(r, q) {
				found = true
				cell := column(t, f, SheetQuotes, "text") + itoa(i+1)
				if typ, _ := f.GetCellType(SheetQuotes, cell); typ != excelize.CellTypeInlineString {
					t.Errorf("%q stored as cell type %v", q, typ)
				}
				if formula, _ := f.GetCellFormula(SheetQuotes, cell); formula != "" {
					t.Errorf("%q became formula %q", q, formula)
				}
			}
		}
		if !found {
			t.Errorf("quote %q not in the Quotes sheet", q)
		}
	}
	if v, _ := f.GetCellValue(SheetSources, column(t, f, SheetSources, "title")+"2"); !strings.HasPrefix(v, "=HYPERLINK") {
		t.Errorf("formula-like title = %q", v)
	}
}

func zipParts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		parts[zf.Name] = string(data)
	}
	return parts
}

func TestWorkbookTimestampsReproducible(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	ds, _ := dataset.Load("../dataset/testdata/minimal")
	opts := WorkbookOptions{Compare: [2]string{"tst-alpha-2020", "tst-beta-2021"}}
	core := zipParts(t, buildWorkbook(t, ds, opts))["docProps/core.xml"]
	if !regexp.MustCompile(`2023-11-14T22:13:20Z`).MatchString(core) {
		t.Errorf("core properties ignore SOURCE_DATE_EPOCH: %s", core)
	}
}

func TestWorkbookUnknownCase(t *testing.T) {
	ds, _ := dataset.Load("../dataset/testdata/minimal")
	if err := WriteWorkbook(io.Discard, ds, WorkbookOptions{Compare: [2]string{"tst-alpha-2020", "nope"}}); err == nil {
		t.Error("no error for an unknown comparison case")
	}
}

// Rows beyond a sheet's capacity continue on "Responses (2)" and so on,
// each part an Excel Table with the header repeated; nothing is lost.
func TestWorkbookSplitsLongTables(t *testing.T) {
	ds := dataset.MustDefault()
	var progress bytes.Buffer
	f := openWorkbook(t, buildWorkbook(t, ds, WorkbookOptions{MaxRows: 20, Progress: &progress}))
	sheets := f.GetSheetList()
	// The number of parts follows the data: 20 rows a sheet.
	parts := func(table string, rows int) []string {
		names := []string{table}
		for k := 2; k <= (rows+19)/20; k++ {
			names = append(names, fmt.Sprintf("%s (%d)", table, k))
		}
		return names
	}
	responseSheets := parts("Responses", len(ds.Responses))
	quoteSheets, sourceSheets := parts("Quotes", len(ds.Quotes())), parts("Sources", len(ds.Sources))
	for _, want := range append(append(slices.Clone(responseSheets), quoteSheets[len(quoteSheets)-1]), sourceSheets[len(sourceSheets)-1]) {
		if !slices.Contains(sheets, want) {
			t.Errorf("no sheet %q in %v", want, sheets)
		}
	}
	var ids []string
	for _, name := range responseSheets {
		rows, _ := f.GetRows(name)
		if rows[0][0] != "response_id" || len(rows) > 21 {
			t.Errorf("%s: header %q, %d rows", name, rows[0][0], len(rows))
		}
		for _, r := range rows[1:] {
			ids = append(ids, r[0])
		}
	}
	if len(ids) != len(ds.Responses) || ids[0] != ds.Responses[0].ResponseID || ids[len(ids)-1] != ds.Responses[len(ds.Responses)-1].ResponseID {
		t.Errorf("split lost or reordered rows: %d of %d", len(ids), len(ds.Responses))
	}
	// A reference links to the right part: prk-park-2018-r1 answers a1.
	for _, name := range responseSheets {
		rows, _ := f.GetRows(name)
		for i, r := range rows {
			if r[0] == "prk-park-2018-r1" {
				ref := column(t, f, name, "responds_to") + itoa(i+1)
				ok, target, _ := f.GetCellHyperLink(name, ref)
				if !ok || !strings.HasPrefix(target, "'Accusations") {
					t.Errorf("responds_to link = %v %q", ok, target)
				}
			}
		}
	}
	about, _ := f.GetRows(SheetAbout)
	if !strings.Contains(fmt.Sprint(about), fmt.Sprintf("splits responses over %d sheets", len(responseSheets))) {
		t.Error("About does not say the responses are split")
	}
	if want := fmt.Sprintf("writing tables: 100%% (%d rows)", len(ds.Cases)+len(ds.Accusations)+len(ds.Responses)+len(ds.Quotes())+len(ds.Sources)); !strings.Contains(progress.String(), want) {
		t.Errorf("progress: %q", progress.String())
	}
}

func TestWorkbookTablesLinksAndShading(t *testing.T) {
	ds := dataset.MustDefault()
	b := buildWorkbook(t, ds, WorkbookOptions{})
	parts := zipParts(t, b)
	tables := 0
	for name, xml := range parts {
		if strings.HasPrefix(name, "xl/tables/") && strings.Contains(xml, "<tableStyleInfo") {
			tables++
		}
	}
	if tables < 5 {
		t.Errorf("%d Excel Tables, want one per data sheet", tables)
	}
	f := openWorkbook(t, b)
	row := row(t, f, SheetResponses, "rus-skripal-2018-r8")
	for code, want := range map[string]string{"reciprocal_measure": "1", "identity_dispute": "0"} {
		if v, _ := f.GetCellValue(SheetResponses, column(t, f, SheetResponses, code)+itoa(row)); v != want {
			t.Errorf("r8 %s = %q, want %s", code, v, want)
		}
	}
	ok, target, _ := f.GetCellHyperLink(SheetResponses, column(t, f, SheetResponses, "responds_to")+itoa(row))
	if want := fmt.Sprintf("'Accusations'!A%d", rowOfID(t, f, SheetAccusations, "rus-skripal-2018-a2")); !ok || target != want {
		t.Errorf("responds_to link = %v %q, want %q", ok, target, want)
	}
	for _, sheet := range []string{SheetSimilarity, SheetProfile, SheetCoOccurs} {
		idx, _ := f.GetSheetIndex(sheet)
		if xml := parts[fmt.Sprintf("xl/worksheets/sheet%d.xml", idx+1)]; !strings.Contains(xml, "<colorScale>") {
			t.Errorf("%s has no colour scale", sheet)
		}
	}
	sim, _ := f.GetRows(SheetSimilarity)
	if sim[1][0] != "case_id" || len(sim) < 11 {
		t.Errorf("similarity sheet: %v", sim[:2])
	}
}

func rowOfID(t *testing.T, f *excelize.File, sheet, id string) int { return row(t, f, sheet, id) }

// With the generation time fixed, the same data give the same bytes, even
// though excelize emits some parts in map order.
func TestWorkbookDeterministic(t *testing.T) {
	ds := dataset.MustDefault()
	opts := WorkbookOptions{Generated: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	a, b := buildWorkbook(t, ds, opts), buildWorkbook(t, ds, opts)
	if !bytes.Equal(a, b) {
		t.Error("two workbooks of the same data differ")
	}
}

// The workbook streamed from Parquet is byte for byte the workbook of the
// loaded dataset.
func TestWorkbookFromParquetMatches(t *testing.T) {
	ds := dataset.MustDefault()
	dir := t.TempDir()
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	opts := WorkbookOptions{Generated: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), MaxRows: 30}
	var fromParquet bytes.Buffer
	if err := WriteWorkbookFromParquet(&fromParquet, dir, opts); err != nil {
		t.Fatal(err)
	}
	fromRecords := buildWorkbook(t, ds, opts)
	if !bytes.Equal(fromParquet.Bytes(), fromRecords) {
		a, b := zipParts(t, fromParquet.Bytes()), zipParts(t, fromRecords)
		for name := range b {
			if a[name] != b[name] {
				t.Errorf("%s differs", name)
			}
		}
	}
}
