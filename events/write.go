package events

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Output formats of WritePairs, the same names and layouts as
// exports.WriteFrame uses for DataFrames.
const (
	FormatTable = "table"
	FormatCSV   = "csv"
	FormatJSON  = "json"
)

// cells returns the row's values as text, "" for an absent response.
func (p *Pair) cells(out []string) []string {
	out = append(out[:0], strconv.FormatInt(p.Accusation.ID, 10), p.Accusation.Date.String(), p.Accuser, p.Accused, p.Accusation.Code)
	if !p.Answered {
		return append(out, "", "", "", "", "", "", "")
	}
	return append(out, strconv.FormatInt(p.Response.ID, 10), p.Response.Date.String(), p.Accused, p.Accuser,
		p.Response.Code, p.Type, strconv.Itoa(p.Lag))
}

// tableWidths are the column widths of the table format: streamed rows
// cannot be measured first, so each column gets room for its usual
// values (longer ones push the line out).
var tableWidths = []int{13, 15, 8, 7, 15, 13, 13, 9, 15, 13, 18, 8}

// WritePairs streams the pairs table src yields to w as csv, json (an
// array of objects keyed by PairColumns; absent values null) or table,
// without holding it in memory, and returns the number of rows.
func WritePairs(w io.Writer, src Source, format string) (int64, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	var n int64
	var cells []string
	var err error
	switch format {
	case FormatCSV:
		cw := csv.NewWriter(bw)
		cw.Write(PairColumns)
		err = src.Each(func(p Pair) error {
			n++
			cells = p.cells(cells)
			return cw.Write(cells)
		})
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
	case FormatJSON:
		keys := make([]string, len(PairColumns))
		for i, c := range PairColumns {
			k, _ := json.Marshal(c)
			keys[i] = string(k) + ": "
		}
		bw.WriteString("[")
		err = src.Each(func(p Pair) error {
			if n > 0 {
				bw.WriteString(",")
			}
			n++
			cells = p.cells(cells)
			bw.WriteString("\n  {")
			for i, c := range cells {
				if i > 0 {
					bw.WriteString(", ")
				}
				bw.WriteString(keys[i])
				switch {
				case c == "":
					bw.WriteString("null")
				case i == 0 || i == 5 || i == 11: // ids and the lag are numbers
					bw.WriteString(c)
				default:
					v, _ := json.Marshal(c)
					bw.Write(v)
				}
			}
			bw.WriteString("}")
			return nil
		})
		bw.WriteString("\n]\n")
	case FormatTable:
		line := func(cells []string) {
			var b strings.Builder
			for i, c := range cells {
				if i > 0 {
					b.WriteString("  ")
				}
				b.WriteString(c)
				if i < len(cells)-1 && len(c) < tableWidths[i] {
					b.WriteString(strings.Repeat(" ", tableWidths[i]-len(c)))
				}
			}
			bw.WriteString(strings.TrimRight(b.String(), " "))
			bw.WriteString("\n")
		}
		line(PairColumns)
		rule := make([]string, len(PairColumns))
		for i := range rule {
			rule[i] = strings.Repeat("-", tableWidths[i])
		}
		line(rule)
		err = src.Each(func(p Pair) error {
			n++
			line(p.cells(cells))
			return nil
		})
	default:
		return 0, fmt.Errorf("unknown format %q (allowed: table, csv, json)", format)
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	return n, err
}
