package exports

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// Excel's limits that shape the data sheets.
const (
	// ExcelMaxRows is the number of rows a worksheet holds; with the
	// header, a sheet carries one fewer data row.
	ExcelMaxRows = 1048576
	// ExcelMaxLinks is the number of hyperlinks Excel keeps on one sheet;
	// a sheet that would need more gets its ids as plain text.
	ExcelMaxLinks = 65530
)

// sheetPart is one worksheet of a table that may span several.
type sheetPart struct {
	name       string // "Responses", "Responses (2)", ...
	first, end int    // data rows [first, end) of the table
}

// parts splits n rows into sheets of at most max data rows each; a table
// with no rows still gets one (empty) sheet.
func parts(base string, n, max int) []sheetPart {
	var ps []sheetPart
	for first := 0; first < n || len(ps) == 0; first += max {
		name := base
		if len(ps) > 0 {
			name = fmt.Sprintf("%s (%d)", base, len(ps)+1)
		}
		ps = append(ps, sheetPart{name: name, first: first, end: min(first+max, n)})
		if n == 0 {
			break
		}
	}
	return ps
}

// location finds the sheet and row of each row of a table, for links that
// jump to the row a reference names.
type location struct {
	parts []sheetPart
	row   map[string]int // id → 0-based data row
}

func (l *location) ref(id string) (string, bool) {
	i, ok := l.row[id]
	if !ok {
		return "", false
	}
	for _, p := range l.parts {
		if i < p.end {
			return fmt.Sprintf("'%s'!A%d", p.name, i-p.first+2), true
		}
	}
	return "", false
}

// dataSheet describes how one table is written.
type dataSheet struct {
	table string
	title string // the sheet's base name
	// extra columns after the codebook's: name and value for row i.
	extra []extraColumn
	// links: column name → the table whose row a value names.
	links map[string]*location
}

type extraColumn struct {
	name  string
	value func(i int) any
}

// rowCount is the number of rows of a table.
func rowCount(ds *dataset.Dataset, table string) int {
	switch table {
	case schema.TableCases:
		return len(ds.Cases)
	case schema.TableAccusations:
		return len(ds.Accusations)
	case schema.TableResponses:
		return len(ds.Responses)
	case schema.TableSources:
		return len(ds.Sources)
	}
	n := 0
	for _, a := range ds.Accusations {
		n += len(a.Quotes)
	}
	for _, r := range ds.Responses {
		n += len(r.Quotes)
	}
	return n
}

// locate indexes the ids of a table by row.
func locate(ds *dataset.Dataset, table string, ps []sheetPart) *location {
	l := &location{parts: ps, row: map[string]int{}}
	i := 0
	_ = ds.Scan(table, func(row []any) error {
		l.row[row[0].(string)] = i
		i++
		return nil
	})
	return l
}

// writeDataSheets streams one table into its sheet parts: an Excel Table
// per part (filter buttons, banded rows), header frozen, widths from a
// sample of rows, dates as dates, ids linking to the rows they name and
// URLs as links while the part stays within Excel's link limit.
func (wb *workbook) writeDataSheets(ds *dataset.Dataset, spec dataSheet, ps []sheetPart, progress io.Writer) error {
	cols := ds.Codebook.Columns(spec.table)
	header := make([]string, 0, len(cols)+len(spec.extra))
	for _, c := range cols {
		header = append(header, c.Field.Name)
	}
	for _, e := range spec.extra {
		header = append(header, e.name)
	}
	widths := wb.sampleWidths(ds, spec, header, cols)
	total := rowCount(ds, spec.table)
	linkCols := 0
	for _, c := range cols {
		if spec.links[c.Field.Name] != nil || c.Variable.Type == schema.TypeURL {
			linkCols++
		}
	}
	var sw *excelize.StreamWriter
	part, row, done := -1, 0, 0
	linksOn := false
	lastPct := -1
	finishPart := func() error {
		if sw == nil {
			return nil
		}
		p := ps[part]
		last := cell(len(header), max(row, 2))
		name := strings.NewReplacer(" ", "_", "(", "", ")", "").Replace(p.name)
		stripes := true
		if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: name, StyleName: "TableStyleLight9", ShowRowStripes: &stripes}); err != nil {
			return fmt.Errorf("sheet %s: %w", p.name, err)
		}
		return sw.Flush()
	}
	startPart := func() error {
		if err := finishPart(); err != nil {
			return err
		}
		part++
		p := ps[part]
		if err := wb.printSetupBefore(p.name); err != nil {
			return err
		}
		var err error
		if sw, err = wb.f.NewStreamWriter(p.name); err != nil {
			return err
		}
		for i, w := range widths {
			if err := sw.SetColWidth(i+1, i+1, float64(w)); err != nil {
				return err
			}
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight",
			Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}}}); err != nil {
			return err
		}
		hcells := make([]any, len(header))
		for i, h := range header {
			hcells[i] = excelize.Cell{StyleID: wb.header, Value: h}
		}
		if err := sw.SetRow("A1", hcells, excelize.RowOpts{Height: 30}); err != nil {
			return err
		}
		row = 1
		linksOn = (p.end-p.first)*linkCols <= ExcelMaxLinks
		return nil
	}
	if err := startPart(); err != nil {
		return err
	}
	out := make([]any, len(header))
	err := ds.Scan(spec.table, func(values []any) error {
		if done >= ps[part].end {
			if err := startPart(); err != nil {
				return err
			}
		}
		row++
		lines := 1
		for i, c := range cols {
			v := values[i]
			if c.Precision {
				if d := v.(schema.Date); !d.IsZero() {
					v = d.Precision.String()
				} else {
					v = ""
				}
			}
			cellValue, style, n := wb.cellFor(v, c, widths[i])
			lines = max(lines, n)
			out[i] = excelize.Cell{StyleID: style, Value: cellValue}
			if s, ok := v.(string); ok && s != "" && linksOn {
				if err := wb.addLink(ps[part].name, i+1, row, s, c, spec.links[c.Field.Name]); err != nil {
					return err
				}
			}
		}
		for j, e := range spec.extra {
			out[len(cols)+j] = excelize.Cell{StyleID: wb.top, Value: e.value(done)}
		}
		var opts []excelize.RowOpts
		if lines > 1 {
			opts = append(opts, excelize.RowOpts{Height: float64(min(lines, 20)) * 15})
		}
		if err := sw.SetRow(cell(1, row), out, opts...); err != nil {
			return err
		}
		done++
		if progress != nil && total > 0 {
			if pct := done * 100 / total; pct != lastPct && (pct%5 == 0 || done == total) {
				lastPct = pct
				fmt.Fprintf(progress, "\rwriting %s: %3d%% (%d of %d rows)", spec.title, pct, done, total)
				if done == total {
					fmt.Fprintln(progress)
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return finishPart()
}

// cellFor converts a value to a cell value and style, and says how many
// lines it needs at the column's width.
func (wb *workbook) cellFor(v any, c schema.Column, width int) (any, int, int) {
	switch x := v.(type) {
	case string:
		if x == "" {
			return nil, wb.top, 1
		}
		if c.Variable.Type == schema.TypeURL {
			return x, wb.link, 1
		}
		return x, wb.wrap, linesAt(x, width)
	case []string:
		s := strings.Join(x, ListSeparator)
		if s == "" {
			return nil, wb.top, 1
		}
		return s, wb.wrap, linesAt(s, width)
	case bool:
		return x, wb.top, 1
	case schema.Date:
		if x.IsZero() {
			return nil, wb.top, 1
		}
		return x.Time(), wb.dateStyle(x.Precision), 1
	}
	return v, wb.top, 1
}

// linesAt estimates the lines a text wraps to in a column of width chars.
func linesAt(s string, width int) int {
	per := max(width-2, 1)
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n += max(1, (utf8.RuneCountInString(line)+per-1)/per)
	}
	return n
}

// link adds a hyperlink to a data cell: a URL opens the page, an id
// jumps to the row it names.
func (wb *workbook) addLink(sheet string, col, row int, value string, c schema.Column, target *location) error {
	ref := cell(col, row)
	if c.Variable.Type == schema.TypeURL {
		return wb.f.SetCellHyperLink(sheet, ref, value, "External")
	}
	if target == nil {
		return nil
	}
	loc, ok := target.ref(value)
	if !ok {
		return nil
	}
	return wb.f.SetCellHyperLink(sheet, ref, loc, "Location")
}

// sampleWidths sizes columns from the header and the first rows: a
// streamed sheet needs its widths before its rows.
func (wb *workbook) sampleWidths(ds *dataset.Dataset, spec dataSheet, header []string, cols []schema.Column) []int {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = utf8.RuneCountInString(h)
	}
	seen := 0
	_ = ds.Scan(spec.table, func(values []any) error {
		for i, c := range cols {
			w := 0
			switch x := values[i].(type) {
			case string:
				w = utf8.RuneCountInString(x)
			case []string:
				w = utf8.RuneCountInString(strings.Join(x, ListSeparator))
			case schema.Date:
				w = 10
				if c.Precision {
					w = 5
				}
			case bool:
				w = 5
			}
			widths[i] = max(widths[i], w)
		}
		seen++
		if seen == 1000 {
			return errStop
		}
		return nil
	})
	for i := range widths {
		widths[i] = min(max(widths[i], 6)+2, maxWidth)
	}
	return widths
}

var errStop = fmt.Errorf("stop")

// dataSheets describes the five table sheets and the links between them.
func dataSheets(ds *dataset.Dataset, maxRows int) ([]dataSheet, map[string][]sheetPart) {
	titles := map[string]string{schema.TableCases: SheetCases, schema.TableAccusations: SheetAccusations,
		schema.TableResponses: SheetResponses, schema.TableQuotes: SheetQuotes, schema.TableSources: SheetSources}
	ps := map[string][]sheetPart{}
	for _, t := range dataset.Tables {
		ps[t] = parts(titles[t], rowCount(ds, t), maxRows)
	}
	// Link targets are indexed only when the referring table can carry links.
	lazy := map[string]*location{}
	target := func(referrer, table string, linkCols int) *location {
		if rowCount(ds, referrer)*linkCols > ExcelMaxLinks*len(ps[referrer]) {
			return nil
		}
		if lazy[table] == nil {
			lazy[table] = locate(ds, table, ps[table])
		}
		return lazy[table]
	}
	c := analysis.ColumnsOf(ds)
	strategyCols := make([]extraColumn, 0, len(c.StrategyCodes)+1)
	strategyCols = append(strategyCols, extraColumn{"lag_days", func(i int) any {
		if lag, ok := c.Lag(i); ok {
			return lag
		}
		return nil
	}})
	for b, code := range c.StrategyCodes {
		bit := uint32(1) << b
		strategyCols = append(strategyCols, extraColumn{code, func(i int) any {
			if c.Strategies[i]&bit != 0 {
				return 1
			}
			return 0
		}})
	}
	return []dataSheet{
		{table: schema.TableCases, title: SheetCases},
		{table: schema.TableAccusations, title: SheetAccusations,
			links: map[string]*location{"case_id": target(schema.TableAccusations, schema.TableCases, 2)}},
		{table: schema.TableResponses, title: SheetResponses, extra: strategyCols,
			links: map[string]*location{"case_id": target(schema.TableResponses, schema.TableCases, 2),
				"responds_to": target(schema.TableResponses, schema.TableAccusations, 2)}},
		{table: schema.TableQuotes, title: SheetQuotes,
			links: map[string]*location{"case_id": target(schema.TableQuotes, schema.TableCases, 3),
				"source_id": target(schema.TableQuotes, schema.TableSources, 3)}},
		{table: schema.TableSources, title: SheetSources},
	}, ps
}
