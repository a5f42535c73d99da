package events

import (
	"io"

	"github.com/rejoinder/rejoinder/internal/tabular"
)

// Output formats of WritePairs: the formats of exports.WriteFrame, written
// by the same writer.
//
// Deprecated: use exports.FormatTable, exports.FormatCSV and
// exports.FormatJSON (the same strings).
const (
	FormatTable = tabular.Table
	FormatCSV   = tabular.CSV
	FormatJSON  = tabular.JSON
)

// cells returns the row's values: ids and the lag as numbers, nil for an
// absent response (empty in a table or CSV, null in JSON).
func (p *Pair) cells(out []any) []any {
	out = append(out[:0], p.Accusation.ID, text(p.Accusation.Date.String()), text(p.Accuser), text(p.Accused), text(p.Accusation.Code))
	if !p.Answered {
		return append(out, nil, nil, nil, nil, nil, nil, nil)
	}
	return append(out, p.Response.ID, text(p.Response.Date.String()), text(p.Accused), text(p.Accuser),
		text(p.Response.Code), text(p.Type), p.Lag)
}

// text is a text cell, nil when empty: an empty value is an absent one.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// tableWidths are the column widths of the table format: streamed rows
// cannot be measured first, so each column gets room for its usual
// values (longer ones push the line out).
var tableWidths = []int{13, 15, 8, 7, 15, 13, 13, 9, 15, 13, 18, 8}

// WritePairs streams the pairs table src yields to w as csv, json (an
// array of objects keyed by PairColumns; absent values null) or table,
// without holding it in memory, and returns the number of rows.
func WritePairs(w io.Writer, src Source, format string) (int64, error) {
	t, err := tabular.NewWriter(w, format, PairColumns, tableWidths)
	if err != nil {
		return 0, err
	}
	var n int64
	var cells []any
	err = src.Each(func(p Pair) error {
		n++
		cells = p.cells(cells)
		return t.Write(cells)
	})
	if cerr := t.Close(); err == nil {
		err = cerr
	}
	return n, err
}
