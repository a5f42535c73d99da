package exports

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/xlsxzip"
)

// The data sheets' rows are spliced into the sheets excelize writes, and
// internal/xlsxzip edits other parts of its output (see sheetxml.go). The
// tests here pin each assumption those edits make about excelize's
// output, on the real workbook, so that an excelize upgrade that changes
// it fails here, saying which, before it breaks a researcher's workbook.

// teeWriter is xlsxzip's Writer that also keeps each entry as excelize
// wrote it, before any edit.
type teeWriter struct {
	*xlsxzip.Writer
	raw map[string]*bytes.Buffer
}

func (t teeWriter) Create(name string) (io.Writer, error) {
	w, err := t.Writer.Create(name)
	b := &bytes.Buffer{}
	t.raw[name] = b
	return io.MultiWriter(w, b), err
}

// excelizeOutput builds ds's workbook and returns excelize's own entries,
// the rows spliced per entry, and the saved workbook's entries.
func excelizeOutput(t *testing.T, ds *dataset.Dataset, opts WorkbookOptions) (raw map[string]string, sources map[string]xlsxzip.Rows, saved map[string]string) {
	t.Helper()
	bufs := map[string]*bytes.Buffer{}
	saveArchive = func(f *excelize.File, w io.Writer, s map[string]xlsxzip.Rows) error {
		sources = s
		f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return teeWriter{xlsxzip.New(w, s), bufs} })
		_, err := f.WriteToBuffer()
		return err
	}
	t.Cleanup(func() { saveArchive = xlsxzip.Save })
	saved = zipParts(t, buildWorkbook(t, ds, opts))
	raw = map[string]string{}
	for name, b := range bufs {
		raw[name] = b.String()
	}
	return raw, sources, saved
}

// excelizeVersion names the excelize the test was built with, for the
// failure messages.
func excelizeVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == "github.com/xuri/excelize/v2" {
				return "excelize " + d.Version
			}
		}
	}
	return "excelize"
}

// outline is the names of the root's children in order, with the root's
// own name and namespace.
func outline(t *testing.T, doc string) (root xml.Name, children []string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return root, children
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				root = e.Name
			} else if depth == 1 {
				children = append(children, e.Name.Local)
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
}

const spreadsheetML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

var (
	rowStart  = regexp.MustCompile(`<row r="([0-9]+)"`)
	cellStart = regexp.MustCompile(`<c r="([A-Z]+)([0-9]+)"`)
	styleAttr = regexp.MustCompile(`<c r="[A-Z]+[0-9]+" s="([0-9]+)"`)
	tableRef  = regexp.MustCompile(`<table [^>]*ref="([^"]+)"`)
	dimRef    = regexp.MustCompile(`<dimension ref="([^"]+)"/>`)
)

// A data sheet excelize writes, before the splice, is exactly the frame
// the splice expects: the sheet at the path its sheet id gives, in the
// default SpreadsheetML namespace, its children in the schema's order
// with one sheetData holding the header row alone, each cell written
// <c r="..." first, and excelize's one-cell <dimension ref="A1"></dimension>. After
// the splice the sheet is well-formed, its rows run 1..n in order, its
// dimension and its Excel Table cover them, and every style a spliced
// cell names exists.
func TestExcelizeFrameOfDataSheets(t *testing.T) {
	ds := dataset.MustDefault()
	raw, spliced, saved := excelizeOutput(t, ds, WorkbookOptions{MaxRows: max(len(ds.Responses)/2, 1)})
	v := excelizeVersion()
	// The Timeline's rows are spliced too, into an analysis sheet's frame
	// (TestExcelizeFrameOfTimeline): the data sheets are the others.
	timeline := sheetPath(t, saved, SheetTimeline)
	sources := maps.Clone(spliced)
	delete(sources, timeline)
	if len(sources) < len(dataset.Tables)+1 {
		t.Fatalf("%d sheets spliced, want the %d tables with responses split", len(sources), len(dataset.Tables))
	}
	xfs := regexp.MustCompile(`<cellXfs count="([0-9]+)"`).FindStringSubmatch(saved["xl/styles.xml"])
	if xfs == nil {
		t.Fatalf("%s: no <cellXfs count> in styles.xml", v)
	}
	nxf, _ := strconv.Atoi(xfs[1])
	want := []string{"sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "pageSetup", "tableParts"}
	withLinks := slices.Insert(slices.Clone(want), 6, "hyperlinks")
	for name, src := range sources {
		frame, ok := raw[name]
		if !ok {
			t.Errorf("%s wrote no %s, where the sheet id puts it", v, name)
			continue
		}
		root, children := outline(t, frame)
		if root != (xml.Name{Space: spreadsheetML, Local: "worksheet"}) || !strings.Contains(frame, `<worksheet xmlns="`+spreadsheetML+`"`) {
			t.Errorf("%s: %s writes the root %v, want <worksheet> in the default SpreadsheetML namespace", name, v, root)
		}
		if !slices.Equal(children, want) && !slices.Equal(children, withLinks) {
			t.Errorf("%s: %s writes the children %v, want %v (hyperlinks after sheetData when there are links)", name, v, children, want)
		}
		for _, s := range []string{"<sheetData>", "</sheetData>", `<dimension ref="A1"></dimension>`} {
			if n := strings.Count(frame, s); n != 1 {
				t.Errorf("%s: %s writes %s %d times, want once", name, v, s, n)
			}
		}
		data := frame[strings.Index(frame, "<sheetData>"):strings.Index(frame, "</sheetData>")]
		rows, cells := rowStart.FindAllStringSubmatch(data, -1), cellStart.FindAllStringSubmatch(data, -1)
		if len(rows) != 1 || rows[0][1] != "1" {
			t.Errorf("%s: %s writes the rows %v before the splice, want row 1 alone", name, v, rows)
		}
		if n := strings.Count(data, "<c "); n != src.LastCol || len(cells) != n {
			t.Errorf("%s: %s writes %d header cells, %d of them <c r=\"..\" first; want %d", name, v, n, len(cells), src.LastCol)
		}

		sheet := saved[name]
		outline(t, sheet) // well-formed
		var got []int
		for _, m := range rowStart.FindAllStringSubmatch(sheet, -1) {
			n, _ := strconv.Atoi(m[1])
			got = append(got, n)
		}
		if len(got) != src.LastRow || !slices.IsSorted(got) || got[0] != 1 || got[len(got)-1] != src.LastRow {
			t.Errorf("%s: rows after the splice run %v..., want 1..%d in order", name, got[:min(len(got), 3)], src.LastRow)
		}
		end, _ := excelize.CoordinatesToCellName(src.LastCol, src.LastRow)
		if d := dimRef.FindStringSubmatch(sheet); d == nil || d[1] != "A1:"+end {
			t.Errorf("%s: dimension %v, want A1:%s", name, d, end)
		}
		for _, m := range styleAttr.FindAllStringSubmatch(sheet, -1) {
			if s, _ := strconv.Atoi(m[1]); s >= nxf {
				t.Errorf("%s: a cell has style %d; styles.xml has %d", name, s, nxf)
				break
			}
		}
	}
	tables := 0
	for name, part := range saved {
		if !strings.HasPrefix(name, "xl/tables/") {
			continue
		}
		tables++
		ref := tableRef.FindStringSubmatch(part)
		if ref == nil {
			t.Errorf("%s: %s writes no <table ref>", name, v)
			continue
		}
		found := false
		for sheet := range sources {
			if d := dimRef.FindStringSubmatch(saved[sheet]); d != nil && d[1] == ref[1] {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: the table's ref %s is no spliced sheet's dimension", name, ref[1])
		}
	}
	if tables != len(sources) {
		t.Errorf("%d Excel Tables, want one per spliced sheet (%d)", tables, len(sources))
	}
}

// sheetPath is the zip path of the named sheet, from xl/workbook.xml (the
// path its sheet id gives, as sheetPaths assumes).
func sheetPath(t *testing.T, saved map[string]string, name string) string {
	t.Helper()
	m := regexp.MustCompile(`<sheet name="` + regexp.QuoteMeta(name) + `" sheetId="([0-9]+)"`).FindStringSubmatch(saved["xl/workbook.xml"])
	if m == nil {
		t.Fatalf("xl/workbook.xml names no sheet %s", name)
	}
	return "xl/worksheets/sheet" + m[1] + ".xml"
}

// The Timeline's frame, as excelize writes it, holds its header row (and
// the note beside it) alone, so that the rows spliced from row 2 come
// after it; after the splice its rows run 1..n in order and its
// dimension covers them and the note.
func TestExcelizeFrameOfTimeline(t *testing.T) {
	raw, sources, saved := excelizeOutput(t, dataset.MustDefault(), WorkbookOptions{})
	name := sheetPath(t, saved, SheetTimeline)
	src, ok := sources[name]
	if !ok {
		t.Fatalf("the Timeline (%s) is not spliced", name)
	}
	frame := raw[name]
	data := frame[strings.Index(frame, "<sheetData>"):strings.Index(frame, "</sheetData>")]
	if rows := rowStart.FindAllStringSubmatch(data, -1); len(rows) != 1 || rows[0][1] != "1" {
		t.Errorf("%s writes the Timeline's rows %v before the splice, want row 1 alone", excelizeVersion(), rows)
	}
	sheet := saved[name]
	outline(t, sheet) // well-formed
	var got []int
	for _, m := range rowStart.FindAllStringSubmatch(sheet, -1) {
		n, _ := strconv.Atoi(m[1])
		got = append(got, n)
	}
	if src.LastRow < 2 || len(got) != src.LastRow || !slices.IsSorted(got) || got[len(got)-1] != src.LastRow {
		t.Errorf("Timeline rows after the splice run %v..., want 1..%d in order", got[:min(len(got), 3)], src.LastRow)
	}
	// The note stands in F1, right of the four columns.
	if d := dimRef.FindStringSubmatch(sheet); d == nil || d[1] != fmt.Sprintf("A1:F%d", src.LastRow) {
		t.Errorf("Timeline dimension %v, want A1:F%d", d, src.LastRow)
	}
}

// The other parts xlsxzip edits are of the shape its expressions match:
// every <Default> and <Override> of [Content_Types].xml written as
// excelize writes them today; the scatter chart's x values string
// references (which xlsxzip makes numeric: when excelize writes them
// numeric itself, that edit can go); filterMode on the sheetPr of a
// filtered sheet only.
func TestExcelizeOtherPartsShape(t *testing.T) {
	raw, _, saved := excelizeOutput(t, dataset.MustDefault(), WorkbookOptions{})
	v := excelizeVersion()
	types := raw["[Content_Types].xml"]
	for _, tag := range []string{"Default", "Override"} {
		n := strings.Count(types, "<"+tag)
		m := len(regexp.MustCompile(`<`+tag+` [^>]*></`+tag+`>`).FindAllString(types, -1))
		if n == 0 || n != m {
			t.Errorf("%s writes %d <%s> elements in [Content_Types].xml, %d of the form <%s ...></%s>", v, n, tag, m, tag, tag)
		}
	}
	scatters := 0
	for name, chart := range raw {
		if !strings.HasPrefix(name, "xl/charts/") || !strings.Contains(chart, "scatterChart") {
			continue
		}
		scatters++
		n := strings.Count(chart, "<xVal>")
		if !strings.Contains(chart, "<scatterChart>") || n == 0 || strings.Count(chart, "<xVal><strRef><f>") != n {
			t.Errorf("%s: %s writes a scatter chart's %d x values not as <xVal><strRef><f>: %.300s", name, v, n, chart[strings.Index(chart, "scatterChart"):])
		}
		if got := strings.Count(saved[name], "<xVal><numRef><f>"); got != n {
			t.Errorf("%s: %d of %d x values numeric after the save", name, got, n)
		}
	}
	if scatters == 0 {
		t.Errorf("%s writes no scatter chart: the Timeline chart is gone", v)
	}
	filtered := 0
	for name, sheet := range raw {
		if !xlsxzip.IsWorksheet(name) || !strings.Contains(sheet, "<autoFilter") {
			continue
		}
		filtered++
		head, _, _ := strings.Cut(sheet, "<sheetData")
		if strings.Count(sheet, `filterMode="true"`) != 1 || !strings.Contains(head, `<sheetPr filterMode="true"`) {
			t.Errorf("%s: %s writes no filterMode=\"true\" on the sheetPr of a filtered sheet (%.200s)", name, v, head[strings.Index(head, "<sheetPr"):])
		}
		if strings.Contains(saved[name], `filterMode="true"`) {
			t.Errorf("%s: filterMode left on a sheet whose filter hides nothing", name)
		}
	}
	if filtered == 0 {
		t.Errorf("%s writes no sheet with an autoFilter", v)
	}
}
