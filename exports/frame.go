package exports

import (
	"io"
	"slices"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/internal/tabular"
)

// Formats accepted by WriteFrame (and events.WritePairs, which writes
// through the same writer).
const (
	FormatTable = tabular.Table
	FormatCSV   = tabular.CSV
	FormatJSON  = tabular.JSON
)

// Formats lists the output formats of result-printing commands.
var Formats = slices.Clone(tabular.Formats)

// WriteFrame renders a DataFrame: "table" as aligned text for people,
// "csv" as RFC 4180 CSV with a header row, "json" as an array of objects
// keyed by column name (numbers as numbers, missing values as null). The
// output is deterministic: the same frame gives the same bytes.
func WriteFrame(w io.Writer, df dataframe.DataFrame, format string) error {
	if df.Err != nil {
		return df.Err
	}
	t, err := tabular.NewWriter(w, format, df.Names(), nil)
	if err != nil {
		return err
	}
	for _, row := range rowsOf(df) {
		if err := t.Write(row); err != nil {
			return err
		}
	}
	return t.Close()
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
