package exports

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
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// The data sheets' rows are written by rowsXML below rather than by
// excelize's StreamWriter.SetRow: for 200,000 responses SetRow spent most
// of the export escaping each cell twice and matching a regular expression
// against it (BENCHMARKS.md has the figures). excelize still writes
// everything around the rows — the sheet's views, widths, hyperlinks,
// Excel Table and page set-up — with a header-only sheet; when the
// workbook is zipped, sheetZip splices the rows into that sheet's XML,
// generated on one core while the other compresses.

// rowSource writes the data rows of one sheet part as SpreadsheetML
// <row> elements, starting at row 2.
type rowSource func(w *bufio.Writer) error

// sheetZip is the zip writer excelize saves through: klauspost's deflate
// at its fastest level, with row sources spliced into their sheets. It
// holds every entry excelize writes (all small: the rows come later) and
// writes them at Close sorted by name, with [Content_Types].xml in a
// canonical order, because excelize emits both in map order: so the same
// data and SOURCE_DATE_EPOCH give the same bytes.
type sheetZip struct {
	w       io.Writer
	sources map[string]rowSource // zip entry name → rows
	entries map[string]*bytes.Buffer
}

func newSheetZip(w io.Writer, sources map[string]rowSource) *sheetZip {
	return &sheetZip{w: w, sources: sources, entries: map[string]*bytes.Buffer{}}
}

// Create starts an entry; its bytes are kept until Close.
func (z *sheetZip) Create(name string) (io.Writer, error) {
	b := &bytes.Buffer{}
	z.entries[name] = b
	return b, nil
}

// AddFS is part of excelize's ZipWriter interface; excelize does not use
// it when saving a new workbook.
func (z *sheetZip) AddFS(fs.FS) error {
	return fmt.Errorf("sheetZip: AddFS is not supported")
}

// Close writes the archive.
func (z *sheetZip) Close() error {
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
		if name == contentTypes {
			data = sortedOverrides(data)
		}
		if err := z.writeEntry(zw, name, data); err != nil {
			return err
		}
	}
	return zw.Close()
}

const contentTypes = "[Content_Types].xml"

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

// writeEntry writes one entry; a sheet with a row source gets its XML up
// to the end of its sheetData, the rows, then the rest.
func (z *sheetZip) writeEntry(zw *zip.Writer, name string, xml []byte) error {
	out, err := zw.Create(name)
	if err != nil {
		return err
	}
	src, ok := z.sources[name]
	if !ok {
		_, err := out.Write(xml)
		return err
	}
	cut := bytes.Index(xml, []byte("</sheetData>"))
	if cut < 0 {
		return fmt.Errorf("sheet %s: no sheetData to fill", name)
	}
	if _, err := out.Write(xml[:cut]); err != nil {
		return err
	}
	// Generate on one goroutine, compress on this one.
	pr, pw := io.Pipe()
	go func() {
		bw := bufio.NewWriterSize(pw, 256<<10)
		err := src(bw)
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

// rowXML builds one row's XML in a reused buffer.
type rowXML struct {
	b    []byte
	cols [][]byte // column letters
}

func newRowXML(ncols int) *rowXML {
	r := &rowXML{cols: make([][]byte, ncols)}
	for i := range r.cols {
		name, _ := excelize.ColumnNumberToName(i + 1)
		r.cols[i] = []byte(name)
	}
	return r
}

// appendRowStart appends a row's start tag, with its height when the row
// must be taller than one line.
func appendRowStart(b []byte, row int, height float64) []byte {
	b = append(b, `<row r="`...)
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, '"')
	if height > 0 {
		b = append(b, ` ht="`...)
		b = strconv.AppendFloat(b, height, 'f', -1, 64)
		b = append(b, `" customHeight="1"`...)
	}
	return append(b, '>')
}

func (r *rowXML) cellStart(col, row, style int, typ string) {
	r.b = append(r.b, `<c r="`...)
	r.b = append(r.b, r.cols[col]...)
	r.b = strconv.AppendInt(r.b, int64(row), 10)
	r.b = append(r.b, `" s="`...)
	r.b = strconv.AppendInt(r.b, int64(style), 10)
	r.b = append(r.b, '"')
	if typ != "" {
		r.b = append(r.b, ` t="`...)
		r.b = append(r.b, typ...)
		r.b = append(r.b, '"')
	}
	r.b = append(r.b, '>')
}

// number writes a numeric cell (integers, Excel date serials).
func (r *rowXML) number(col, row, style int, v int64) {
	r.cellStart(col, row, style, "")
	r.b = append(r.b, "<v>"...)
	r.b = strconv.AppendInt(r.b, v, 10)
	r.b = append(r.b, "</v></c>"...)
}

func (r *rowXML) boolean(col, row, style int, v bool) {
	r.cellStart(col, row, style, "b")
	if v {
		r.b = append(r.b, "<v>1</v></c>"...)
	} else {
		r.b = append(r.b, "<v>0</v></c>"...)
	}
}

// text writes an inline-string cell. The value is always text: whatever it
// starts with ("=", "+", "-", "@"), an inline string is never a formula.
func (r *rowXML) text(col, row, style int, s string) {
	r.cellStart(col, row, style, "inlineStr")
	r.b = append(r.b, "<is><t"...)
	if s != "" && (isXMLSpace(s[0]) || isXMLSpace(s[len(s)-1])) {
		r.b = append(r.b, ` xml:space="preserve"`...)
	}
	r.b = append(r.b, '>')
	r.b = appendCellText(r.b, s)
	r.b = append(r.b, "</t></is></c>"...)
}

// flush writes the row: its start tag, the cells built in r.b, the end.
func (r *rowXML) flush(w *bufio.Writer, head []byte) error {
	w.Write(head)
	w.Write(r.b)
	_, err := w.WriteString("</row>")
	r.b = r.b[:0]
	return err
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// maxCellChars is Excel's limit on the characters of one cell.
const maxCellChars = 32767

// appendCellText escapes s for a SpreadsheetML text element: XML's special
// characters as entities, characters XML 1.0 forbids (and literal
// "_xHHHH_" sequences, which Excel would decode) in Excel's _xHHHH_ form,
// invalid UTF-8 as U+FFFD, and text past Excel's cell limit cut off.
func appendCellText(b []byte, s string) []byte {
	n := 0
	for i := 0; i < len(s); {
		if n == maxCellChars {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r', c == 0x7f:
				b = fmt.Appendf(b, "_x%04X_", c)
			case c == '_' && looksEscaped(s[i:]):
				b = append(b, "_x005F_"...)
			default:
				b = append(b, c)
			}
			i++
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, r == 0xFFFE, r == 0xFFFF:
			b = utf8.AppendRune(b, utf8.RuneError)
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
		n++
		if r > 0xFFFF {
			n++ // Excel counts UTF-16 units
		}
	}
	return b
}

// looksEscaped reports whether s starts with _xHHHH_.
func looksEscaped(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	return strings.IndexFunc(s[2:6], func(r rune) bool {
		return !('0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F')
	}) < 0
}
