package exports

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// Formats accepted by WriteFrame.
const (
	FormatTable = "table"
	FormatCSV   = "csv"
	FormatJSON  = "json"
)

// Formats lists the output formats of result-printing commands.
var Formats = []string{FormatTable, FormatCSV, FormatJSON}

// WriteFrame renders a DataFrame: "table" as aligned text for people,
// "csv" as RFC 4180 CSV with a header row, "json" as an array of objects
// keyed by column name (numbers as numbers, missing values as null). The
// output is deterministic: the same frame gives the same bytes.
func WriteFrame(w io.Writer, df dataframe.DataFrame, format string) error {
	if df.Err != nil {
		return df.Err
	}
	switch format {
	case FormatTable:
		return writeTable(w, df)
	case FormatCSV:
		return writeCSV(w, df)
	case FormatJSON:
		return writeJSON(w, df)
	}
	return fmt.Errorf("unknown format %q (allowed: %s)", format, strings.Join(Formats, ", "))
}

func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return fmt.Sprintf("%.4g", x)
	default:
		return fmt.Sprint(x)
	}
}

func rowsOf(df dataframe.DataFrame) [][]any {
	cols := columnsOf(df)
	rows := make([][]any, df.Nrow())
	for r := range rows {
		rows[r] = make([]any, len(cols))
		for c, col := range cols {
			rows[r][c] = frameValue(col.Elem(r))
		}
	}
	return rows
}

// columnsOf returns a DataFrame's columns, taken once: gota's Col copies
// the whole column on every call, so reading cells through it is
// quadratic in the rows (a 10,000-row frame allocated gigabytes).
func columnsOf(df dataframe.DataFrame) []series.Series {
	names := df.Names()
	cols := make([]series.Series, len(names))
	for i, n := range names {
		cols[i] = df.Col(n)
	}
	return cols
}

func writeTable(w io.Writer, df dataframe.DataFrame) error {
	names := df.Names()
	rows := rowsOf(df)
	widths := make([]int, len(names))
	for c, n := range names {
		widths[c] = utf8.RuneCountInString(n)
	}
	text := make([][]string, len(rows))
	for r, row := range rows {
		text[r] = make([]string, len(row))
		for c, v := range row {
			text[r][c] = cellText(v)
			widths[c] = max(widths[c], utf8.RuneCountInString(text[r][c]))
		}
	}
	line := func(cells []string) error {
		var b strings.Builder
		for c, s := range cells {
			if c > 0 {
				b.WriteString("  ")
			}
			b.WriteString(s)
			if c < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[c]-utf8.RuneCountInString(s)))
			}
		}
		_, err := fmt.Fprintln(w, b.String())
		return err
	}
	if err := line(names); err != nil {
		return err
	}
	rule := make([]string, len(names))
	for c := range rule {
		rule[c] = strings.Repeat("-", widths[c])
	}
	if err := line(rule); err != nil {
		return err
	}
	for _, t := range text {
		if err := line(t); err != nil {
			return err
		}
	}
	return nil
}

func writeCSV(w io.Writer, df dataframe.DataFrame) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(df.Names()); err != nil {
		return err
	}
	for _, row := range rowsOf(df) {
		rec := make([]string, len(row))
		for c, v := range row {
			if f, ok := v.(float64); ok {
				rec[c] = fmt.Sprint(f) // full precision for scripts
			} else {
				rec[c] = cellText(v)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeJSON(w io.Writer, df dataframe.DataFrame) error {
	names := df.Names()
	var b strings.Builder
	b.WriteString("[")
	for r, row := range rowsOf(df) {
		if r > 0 {
			b.WriteString(",")
		}
		b.WriteString("\n  {")
		for c, v := range row {
			if c > 0 {
				b.WriteString(", ")
			}
			k, _ := json.Marshal(names[c])
			val, err := json.Marshal(v)
			if err != nil {
				return err
			}
			b.Write(k)
			b.WriteString(": ")
			b.Write(val)
		}
		b.WriteString("}")
	}
	b.WriteString("\n]\n")
	_, err := io.WriteString(w, b.String())
	return err
}
