package tabular

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// The output formats.
const (
	Table = "table"
	CSV   = "csv"
	JSON  = "json"
)

// Formats lists the output formats, in the order help texts name them.
var Formats = []string{Table, CSV, JSON}

// Writer writes rows of cells under a header of column names. A cell is
// nil (missing: empty text, JSON null), a string, a bool or a number
// (int, int64 or float64: a JSON number; a float64 is shown with four
// significant digits in a table and in full in CSV and JSON).
type Writer struct {
	out     *bufio.Writer
	format  string
	columns []string
	widths  []int       // table: column widths; nil until measured
	held    [][]string  // table without widths: rows kept to measure them
	csv     *csv.Writer // csv
	keys    []string    // json: `"name": ` per column
	rows    int         // rows written
	text    []string    // reused cell texts
}

// NewWriter starts writing rows with the given columns to w in format.
// For the table format, widths gives each column's width, so rows stream
// (a longer value pushes its line out); nil widths keep the rows until
// Close to fit each column to its longest value. Close must be called.
func NewWriter(w io.Writer, format string, columns []string, widths []int) (*Writer, error) {
	t := &Writer{out: bufio.NewWriterSize(w, 1<<16), format: format, columns: columns, widths: widths}
	switch format {
	case Table:
		if widths != nil {
			t.writeHeader()
		}
	case CSV:
		t.csv = csv.NewWriter(t.out)
		if err := t.csv.Write(columns); err != nil {
			return nil, err
		}
	case JSON:
		t.keys = make([]string, len(columns))
		for i, c := range columns {
			k, _ := json.Marshal(c)
			t.keys[i] = string(k) + ": "
		}
		t.out.WriteString("[")
	default:
		return nil, fmt.Errorf("unknown format %q (allowed: %s)", format, strings.Join(Formats, ", "))
	}
	return t, nil
}

// Write writes one row; its cells are in the order of the columns.
func (t *Writer) Write(cells []any) error {
	t.rows++
	switch t.format {
	case CSV:
		t.text = t.text[:0]
		for _, v := range cells {
			if f, ok := v.(float64); ok {
				t.text = append(t.text, fmt.Sprint(f)) // full precision for scripts
			} else {
				t.text = append(t.text, tableText(v))
			}
		}
		return t.csv.Write(t.text)
	case JSON:
		return t.writeJSON(cells)
	}
	text := make([]string, len(cells))
	for i, v := range cells {
		text[i] = tableText(v)
	}
	if t.widths == nil {
		t.held = append(t.held, text)
		return nil
	}
	t.line(text)
	return nil
}

// Close writes what is left (a measured table, the end of the JSON
// array) and flushes the output.
func (t *Writer) Close() error {
	switch t.format {
	case Table:
		if t.widths == nil {
			t.measure()
			t.writeHeader()
			for _, text := range t.held {
				t.line(text)
			}
			t.held = nil
		}
	case CSV:
		t.csv.Flush()
		if err := t.csv.Error(); err != nil {
			return err
		}
	case JSON:
		t.out.WriteString("\n]\n")
	}
	return t.out.Flush()
}

// tableText is a cell as a table shows it.
func tableText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return fmt.Sprintf("%.4g", x)
	case string:
		return x
	default:
		return fmt.Sprint(x)
	}
}

func (t *Writer) writeJSON(cells []any) error {
	if t.rows > 1 {
		t.out.WriteString(",")
	}
	t.out.WriteString("\n  {")
	for i, v := range cells {
		if i > 0 {
			t.out.WriteString(", ")
		}
		val, err := json.Marshal(v)
		if err != nil {
			return fmt.Errorf("column %s: %w", t.columns[i], err)
		}
		t.out.WriteString(t.keys[i])
		t.out.Write(val)
	}
	t.out.WriteString("}")
	return nil
}

// measure fits each column of a held table to its longest text.
func (t *Writer) measure() {
	t.widths = make([]int, len(t.columns))
	for i, c := range t.columns {
		t.widths[i] = utf8.RuneCountInString(c)
	}
	for _, text := range t.held {
		for i, s := range text {
			t.widths[i] = max(t.widths[i], utf8.RuneCountInString(s))
		}
	}
}

// writeHeader writes the column names and a rule under them.
func (t *Writer) writeHeader() {
	t.line(t.columns)
	rule := make([]string, len(t.columns))
	for i := range rule {
		rule[i] = strings.Repeat("-", t.widths[i])
	}
	t.line(rule)
}

// line writes one table line: cells padded to their column's width, two
// spaces apart, without trailing spaces.
func (t *Writer) line(cells []string) {
	var b strings.Builder
	for i, s := range cells {
		if i > 0 {
			b.WriteString("  ")
		}
		b.WriteString(s)
		if i < len(cells)-1 {
			if pad := t.widths[i] - utf8.RuneCountInString(s); pad > 0 {
				b.WriteString(strings.Repeat(" ", pad))
			}
		}
	}
	t.out.WriteString(strings.TrimRight(b.String(), " "))
	t.out.WriteString("\n")
}
