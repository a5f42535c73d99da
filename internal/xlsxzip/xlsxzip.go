package xlsxzip

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// Rows writes the rows of one worksheet that excelize did not: they are
// spliced in before the sheet's </sheetData>.
type Rows struct {
	// Write writes SpreadsheetML <row> elements.
	Write func(w *bufio.Writer) error
	// FirstRow (1-based) is the first row Write writes: every row
	// excelize wrote must come before it, or the rows would be out of
	// order (a file Excel repairs). 0 skips the check.
	FirstRow int
	// LastRow and LastCol (1-based) bound the cells Write writes, so that
	// the sheet's dimension, which comes before its rows, covers them
	// without the rows being held in memory.
	LastRow, LastCol int
}

// ErrExcelizeOutput is the error of a workbook whose XML, as excelize
// wrote it, is not of the shape this package edits (after an excelize
// upgrade, say): the save stops with it rather than write a file that
// Excel must repair or that silently lacks rows.
var ErrExcelizeOutput = errors.New("xlsxzip: excelize's output is not of the shape it expects")

// shapeError is an ErrExcelizeOutput naming the zip entry and what in it
// was not as expected.
func shapeError(name, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrExcelizeOutput, name, fmt.Sprintf(format, args...))
}

// Save writes f to w through a [Writer]: sources maps a worksheet's zip
// entry name (xl/worksheets/sheetN.xml) to rows to splice in; nil for
// none. Nothing of the archive is held in memory but the small entries
// excelize writes (excelize's own Write builds the whole file in a
// buffer first).
func Save(f *excelize.File, w io.Writer, sources map[string]Rows) error {
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return New(w, sources) })
	_, err := f.WriteToBuffer() // the buffer stays empty: entries go to w
	return err
}

// Writer is an excelize.ZipWriter: klauspost's deflate at its fastest
// level; every entry is held until Close, then written sorted by name,
// with [Content_Types].xml first in a canonical order, worksheets with
// their real dimension and their rows spliced in.
type Writer struct {
	w       io.Writer
	sources map[string]Rows
	entries map[string]*bytes.Buffer
}

// New returns a Writer that writes the archive to w at Close.
func New(w io.Writer, sources map[string]Rows) *Writer {
	return &Writer{w: w, sources: sources, entries: map[string]*bytes.Buffer{}}
}

// Create starts an entry; its bytes are kept until Close.
func (z *Writer) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	z.entries[name] = b
	return b, nil
}

// AddFS is part of excelize's ZipWriter interface; excelize does not use
// it when saving a new workbook.
func (z *Writer) AddFS(fs.FS) error {
	return fmt.Errorf("xlsxzip: AddFS is not supported")
}

// Close writes the archive.
func (z *Writer) Close() error {
	zw := zip.NewWriter(z.w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.BestSpeed)
	})
	names := make([]string, 0, len(z.entries))
	for name := range z.entries {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		// [Content_Types].xml first, as Office writes it.
		if (a == contentTypes) != (b == contentTypes) {
			if a == contentTypes {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	for name := range z.sources {
		if _, ok := z.entries[name]; !ok {
			return shapeError(name, "excelize wrote no such worksheet to splice rows into (its worksheets are %s)", strings.Join(worksheets(names), ", "))
		}
	}
	// Every entry is edited, and so checked, before the first byte is
	// written: a shape error leaves w empty.
	edited := make([][]byte, len(names))
	cuts := make([]int, len(names))
	for i, name := range names {
		var err error
		if edited[i], cuts[i], err = z.edit(name, z.entries[name].Bytes()); err != nil {
			return err
		}
	}
	for i, name := range names {
		if err := z.writeEntry(zw, name, edited[i], cuts[i]); err != nil {
			return err
		}
	}
	return zw.Close()
}

// edit makes this package's changes to one entry and returns, for a
// sheet with rows to splice, where they go (else -1).
func (z *Writer) edit(name string, data []byte) ([]byte, int, error) {
	switch {
	case name == contentTypes:
		data, err := sortedOverrides(data)
		return data, -1, err
	case IsWorksheet(name):
		src, splice := z.sources[name]
		data, err := SetDimension(data, src.LastRow, src.LastCol)
		if err != nil {
			return nil, 0, shapeError(name, "%v", err)
		}
		data = dropIdleFilterMode(data)
		if !splice || src.Write == nil {
			return data, -1, nil
		}
		data, cut, err := spliceAt(data, src.FirstRow)
		if err != nil {
			return nil, 0, shapeError(name, "%v", err)
		}
		return data, cut, nil
	case strings.HasPrefix(name, "xl/charts/chart"):
		data, err := NumericScatterX(data)
		if err != nil {
			return nil, 0, shapeError(name, "%v", err)
		}
		return data, -1, nil
	}
	return data, -1, nil
}

// worksheets is the worksheet entries among names.
func worksheets(names []string) []string {
	var out []string
	for _, n := range names {
		if IsWorksheet(n) {
			out = append(out, n)
		}
	}
	return out
}

const contentTypes = "[Content_Types].xml"

// IsWorksheet reports whether a zip entry is a worksheet's XML.
func IsWorksheet(name string) bool {
	return strings.HasPrefix(name, "xl/worksheets/") && strings.HasSuffix(name, ".xml") && !strings.Contains(name, "/_rels/")
}

// The elements of [Content_Types].xml, whose order carries no meaning.
var (
	defaultElem  = regexp.MustCompile(`<Default [^>]*></Default>|<Default [^>]*/>`)
	overrideElem = regexp.MustCompile(`<Override [^>]*></Override>|<Override [^>]*/>`)
)

// sortedOverrides puts the <Default> and the <Override> elements of
// [Content_Types].xml each in sorted order. Every element must be of the
// form the expressions match: one left out would keep its place among
// sorted ones, and the file its map order.
func sortedOverrides(data []byte) ([]byte, error) {
	for _, e := range []struct {
		tag  string
		elem *regexp.Regexp
	}{{"<Default", defaultElem}, {"<Override", overrideElem}} {
		if n, m := bytes.Count(data, []byte(e.tag)), len(e.elem.FindAllIndex(data, -1)); n != m {
			return nil, shapeError(contentTypes, "%d %s elements, %d of the form %s", n, e.tag[1:], m, e.elem)
		}
		data = sortElems(data, e.elem)
	}
	return data, nil
}

// sortElems sorts the matches of elem in place, keeping what lies between.
func sortElems(data []byte, elem *regexp.Regexp) []byte {
	locs := elem.FindAllIndex(data, -1)
	if len(locs) < 2 {
		return data
	}
	elems := make([]string, len(locs))
	for i, l := range locs {
		elems[i] = string(data[l[0]:l[1]])
	}
	slices.Sort(elems)
	var out bytes.Buffer
	out.Write(data[:locs[0][0]])
	for i, l := range locs {
		out.WriteString(elems[i])
		if i+1 < len(locs) {
			out.Write(data[l[1]:locs[i+1][0]])
		}
	}
	out.Write(data[locs[len(locs)-1][1]:])
	return out.Bytes()
}

// dimensionElem is a worksheet's <dimension> element.
var dimensionElem = regexp.MustCompile(`<dimension ref="[^"]*"\s*/>|<dimension ref="[^"]*"\s*></dimension>`)

// cellRef finds the reference of each cell in a worksheet's XML.
var cellRef = regexp.MustCompile(`<c r="([A-Z]{1,3})([0-9]+)"`)

// SetDimension rewrites a worksheet's <dimension ref> to the range from A1
// to the last row and column holding a cell, in the XML or (lastRow,
// lastCol) for rows not yet in it; "A1" for an empty sheet. A sheet
// without a dimension element gets one, where the schema puts it: after
// <sheetPr>, before <sheetViews>. It fails when a cell or the dimension
// is written in a form it does not read, rather than give a range that
// would hide cells from a reader that trusts it.
func SetDimension(xml []byte, lastRow, lastCol int) ([]byte, error) {
	refs := cellRef.FindAllSubmatch(xml, -1)
	if n := bytes.Count(xml, []byte("<c ")) + bytes.Count(xml, []byte("<c>")) + bytes.Count(xml, []byte("<c/>")); n != len(refs) {
		return nil, fmt.Errorf("%d cells, %d of them written <c r=\"A1\" ...>", n, len(refs))
	}
	for _, m := range refs {
		col, err := excelize.ColumnNameToNumber(string(m[1]))
		if err != nil {
			continue
		}
		row, _ := strconv.Atoi(string(m[2]))
		lastRow, lastCol = max(lastRow, row), max(lastCol, col)
	}
	ref := "A1"
	if lastRow > 0 && lastCol > 0 && (lastRow > 1 || lastCol > 1) {
		end, _ := excelize.CoordinatesToCellName(lastCol, lastRow)
		ref = "A1:" + end
	}
	elem := []byte(`<dimension ref="` + ref + `"/>`)
	dims := dimensionElem.FindAllIndex(xml, -1)
	if n := bytes.Count(xml, []byte("<dimension")); n != len(dims) || n > 1 {
		return nil, fmt.Errorf("%d dimension elements, %d of the form %s; want at most one", n, len(dims), dimensionElem)
	}
	if dims != nil {
		return slices.Concat(xml[:dims[0][0]], elem, xml[dims[0][1]:]), nil
	}
	at := bytes.Index(xml, []byte("<sheetViews"))
	if at < 0 {
		at = bytes.Index(xml, []byte("<sheetFormatPr"))
	}
	if at < 0 {
		at = bytes.Index(xml, []byte("<sheetData"))
	}
	if at < 0 {
		return nil, fmt.Errorf("no <sheetViews>, <sheetFormatPr> or <sheetData> to put the dimension before")
	}
	return slices.Concat(xml[:at], elem, xml[at:]), nil
}

// writeEntry writes one entry; a sheet with rows to splice at cut (not
// -1) gets its XML up to there, the rows, then the rest.
func (z *Writer) writeEntry(zw *zip.Writer, name string, xml []byte, cut int) error {
	out, err := zw.Create(name)
	if err != nil {
		return err
	}
	if cut < 0 {
		_, err := out.Write(xml)
		return err
	}
	src := z.sources[name]
	if _, err := out.Write(xml[:cut]); err != nil {
		return err
	}
	// Generate on one goroutine, compress on this one.
	pr, pw := io.Pipe()
	go func() {
		bw := bufio.NewWriterSize(pw, 256<<10)
		err := src.Write(bw)
		if err == nil {
			err = bw.Flush()
		}
		pw.CloseWithError(err)
	}()
	if _, err := io.Copy(out, pr); err != nil {
		pr.CloseWithError(err)
		return fmt.Errorf("sheet %s: %w", name, err)
	}
	_, err = out.Write(xml[cut:])
	return err
}

// lastRowElem finds the number of each row excelize wrote.
var lastRowElem = regexp.MustCompile(`<row r="([0-9]+)"`)

// spliceAt returns where in a worksheet's XML the rows that start at
// firstRow go: just before its one </sheetData>, an empty <sheetData/>
// being opened up first. The sheet must have one sheetData, in the
// default namespace (as the spliced rows are), whose rows all come
// before firstRow (0: not checked).
func spliceAt(xml []byte, firstRow int) ([]byte, int, error) {
	const open, end, empty = "<sheetData", "</sheetData>", "<sheetData/>"
	if n := bytes.Count(xml, []byte(open)); n != 1 {
		return nil, 0, fmt.Errorf("%d elements %s...>, want exactly one (a namespace prefix on it?)", n, open)
	}
	if bytes.Count(xml, []byte(empty)) == 1 {
		at := bytes.Index(xml, []byte(empty))
		return slices.Concat(xml[:at], []byte(open+">"+end), xml[at+len(empty):]), at + len(open+">"), nil
	}
	if n := bytes.Count(xml, []byte(end)); n != 1 {
		return nil, 0, fmt.Errorf("%d %s, want exactly one", n, end)
	}
	cut := bytes.Index(xml, []byte(end))
	start := bytes.Index(xml, []byte(open))
	if start > cut {
		return nil, 0, fmt.Errorf("%s comes before %s", end, open)
	}
	if firstRow > 0 {
		for _, m := range lastRowElem.FindAllSubmatch(xml[start:cut], -1) {
			if r, _ := strconv.Atoi(string(m[1])); r >= firstRow {
				return nil, 0, fmt.Errorf("excelize wrote row %d, where the spliced rows start at row %d", r, firstRow)
			}
		}
	}
	return xml, cut, nil
}

// dropIdleFilterMode removes filterMode="true" from a sheet whose
// autoFilter filters nothing: excelize sets it with every filter range,
// and it tells a reader that rows are hidden by a filter when none are.
func dropIdleFilterMode(xml []byte) []byte {
	if !bytes.Contains(xml, []byte(`filterMode="true"`)) || bytes.Contains(xml, []byte("<filterColumn")) {
		return xml
	}
	head, rest, ok := bytes.Cut(xml, []byte("<sheetData"))
	if !ok {
		return xml
	}
	head = bytes.Replace(head, []byte(` filterMode="true"`), nil, 1)
	return slices.Concat(head, []byte("<sheetData"), rest)
}

// scatterX is the x values of a scatter series as excelize writes them:
// a string reference, which Excel may plot as the points 1..n.
var scatterX = regexp.MustCompile(`<xVal><strRef><f>([^<]*)</f></strRef></xVal>`)

// NumericScatterX makes the x values of a scatter chart's series numeric
// references, so that the points stand at their values. It fails when an
// x value is left in a form it does not know, rather than let the chart
// plot 1..n silently.
func NumericScatterX(xml []byte) ([]byte, error) {
	if !bytes.Contains(xml, []byte("scatterChart")) {
		return xml, nil
	}
	if !bytes.Contains(xml, []byte("<scatterChart>")) {
		return nil, fmt.Errorf("a scatter chart not written <scatterChart> (a namespace prefix?)")
	}
	xml = scatterX.ReplaceAll(xml, []byte(`<xVal><numRef><f>$1</f></numRef></xVal>`))
	if n, m := bytes.Count(xml, []byte("<xVal")), bytes.Count(xml, []byte("<xVal><numRef><f>")); n != m {
		return nil, fmt.Errorf("%d scatter series' x values, %d of them made numeric references (the rest are not of the form %s)", n, m, scatterX)
	}
	return xml, nil
}
