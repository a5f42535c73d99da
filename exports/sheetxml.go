package exports

import (
	"bufio"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The data sheets' rows are written by rowsXML below rather than by
// excelize's StreamWriter.SetRow: for 200,000 responses SetRow spent most
// of the export escaping each cell twice and matching a regular expression
// against it (BENCHMARKS.md has the figures). excelize still writes
// everything around the rows — the sheet's views, widths, hyperlinks,
// Excel Table and page set-up — with a header-only sheet; when the
// workbook is zipped, internal/xlsxzip splices the rows into that sheet's
// XML, generated on one core while the other compresses, and gives the
// sheet the dimension of its rows.
//
// The splice relies on the shape of excelize's output (one unprefixed
// sheetData holding the header row alone, cells written <c r="..." first,
// the sheet at the path its id gives). excelizeshape_test.go pins each
// assumption against the excelize in go.mod, and xlsxzip checks them
// again as it saves, failing with xlsxzip.ErrExcelizeOutput rather than
// writing a corrupt workbook.

// rowXML builds one row's XML in a reused buffer.
type rowXML struct {
	b    []byte
	cols [][]byte // column letters
	cut  []string // the cells whose text was cut to fit (see fitCell)
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
	s, cut := fitCell(s)
	if cut {
		r.cut = append(r.cut, cell(col+1, row))
	}
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

// maxCellChars is Excel's limit on the characters of one cell, counted
// in UTF-16 code units: a character above U+FFFF counts two.
const maxCellChars = 32767

// cutNote ends a text cut to fit a cell, so that the cut shows in the
// workbook itself; %d is the whole text's length in characters.
const cutNote = "… [cut at Excel's limit of 32,767 characters: the whole text, %d characters, is in the CSV and Parquet files]"

// fitCell returns s as a cell can hold it: whole when it is within
// maxCellChars UTF-16 units, else cut between two characters (never
// inside a surrogate pair) and ended with cutNote, reporting the cut.
// Each character counts as Excel will read it: an invalid byte, written as
// U+FFFD, counts one.
func fitCell(s string) (string, bool) {
	if len(s) <= maxCellChars {
		return s, false // a UTF-8 byte never makes more than one UTF-16 unit
	}
	units, chars := 0, 0
	for _, r := range s {
		units += utf16Units(r)
		chars++
	}
	if units <= maxCellChars {
		return s, false
	}
	note := fmt.Sprintf(cutNote, chars)
	room := maxCellChars - len(utf16.Encode([]rune(note)))
	end := 0
	for i, r := range s {
		if room -= utf16Units(r); room < 0 {
			break
		}
		end = i + utf8.RuneLen(r)
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				end = i + 1 // an invalid byte: one byte, not RuneLen's three
			}
		}
	}
	return s[:end] + note, true
}

// utf16Units is the number of UTF-16 code units r takes.
func utf16Units(r rune) int {
	if r > 0xFFFF {
		return 2
	}
	return 1
}

// appendCellText escapes s for a SpreadsheetML text element: XML's special
// characters as entities, CR as a character reference, characters XML 1.0 forbids (and literal
// "_xHHHH_" sequences, which Excel would decode) in Excel's _xHHHH_ form,
// and invalid UTF-8 as U+FFFD. The text must already fit a cell (fitCell).
func appendCellText(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '\r':
				// XML parsers turn a literal CR (and CR LF) into LF; a
				// character reference reaches the reader as CR, as
				// excelize writes it in the cells it escapes itself.
				b = append(b, "&#xD;"...)
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r', c == 0x7f:
				b = fmt.Appendf(b, "_x%04X_", c)
			case c == '_' && looksEscaped(s[i:]):
				b = append(b, "_x005F_"...)
			default:
				b = append(b, c)
			}
			i++
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
