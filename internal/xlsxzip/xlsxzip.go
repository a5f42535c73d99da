package xlsxzip

import (
	"archive/zip"
	"bufio"
	"bytes"
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
	// LastRow and LastCol (1-based) bound the cells Write writes, so that
	// the sheet's dimension, which comes before its rows, covers them
	// without the rows being held in memory.
	LastRow, LastCol int
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
	for _, name := range names {
		data := z.entries[name].Bytes()
		switch {
		case name == contentTypes:
			data = sortedOverrides(data)
		case IsWorksheet(name):
			src := z.sources[name]
			data = dropIdleFilterMode(SetDimension(data, src.LastRow, src.LastCol))
		case strings.HasPrefix(name, "xl/charts/chart"):
			data = NumericScatterX(data)
		}
		if err := z.writeEntry(zw, name, data); err != nil {
			return err
		}
	}
	return zw.Close()
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
// [Content_Types].xml each in sorted order.
func sortedOverrides(data []byte) []byte {
	return sortElems(sortElems(data, defaultElem), overrideElem)
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
// <sheetPr>, before <sheetViews>.
func SetDimension(xml []byte, lastRow, lastCol int) []byte {
	for _, m := range cellRef.FindAllSubmatch(xml, -1) {
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
	if loc := dimensionElem.FindIndex(xml); loc != nil {
		return slices.Concat(xml[:loc[0]], elem, xml[loc[1]:])
	}
	at := bytes.Index(xml, []byte("<sheetViews"))
	if at < 0 {
		at = bytes.Index(xml, []byte("<sheetFormatPr"))
	}
	if at < 0 {
		at = bytes.Index(xml, []byte("<sheetData"))
	}
	if at < 0 {
		return xml
	}
	return slices.Concat(xml[:at], elem, xml[at:])
}

// writeEntry writes one entry; a sheet with rows to splice gets its XML
// up to the end of its sheetData, the rows, then the rest.
func (z *Writer) writeEntry(zw *zip.Writer, name string, xml []byte) error {
	out, err := zw.Create(name)
	if err != nil {
		return err
	}
	src, ok := z.sources[name]
	if !ok || src.Write == nil {
		_, err := out.Write(xml)
		return err
	}
	cut := bytes.Index(xml, []byte("</sheetData>"))
	if cut < 0 {
		// An empty sheetData is written <sheetData/>.
		if empty := bytes.Index(xml, []byte("<sheetData/>")); empty >= 0 {
			xml = slices.Concat(xml[:empty], []byte("<sheetData></sheetData>"), xml[empty+len("<sheetData/>"):])
			cut = empty + len("<sheetData>")
		} else {
			return fmt.Errorf("sheet %s: no sheetData to fill", name)
		}
	}
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
// references, so that the points stand at their values.
func NumericScatterX(xml []byte) []byte {
	if !bytes.Contains(xml, []byte("<scatterChart>")) {
		return xml
	}
	return scatterX.ReplaceAll(xml, []byte(`<xVal><numRef><f>$1</f></numRef></xVal>`))
}
