package exports

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/xlsxzip"
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
	// MaxURLLinks caps the web links of one sheet lower: each needs a
	// relationship entry, and excelize adds them one by one in quadratic
	// time (30,000 took 11 s).
	MaxURLLinks = 5000
)

// sheetPaths maps each sheet's name to its worksheet's path in the
// archive, where xlsxzip splices streamed rows.
func sheetPaths(f *excelize.File) map[string]string {
	paths := map[string]string{}
	for id, name := range f.GetSheetMap() {
		paths[name] = fmt.Sprintf("xl/worksheets/sheet%d.xml", id)
	}
	return paths
}

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

// locate indexes the ids of a table by row.
func locate(src source, table string, ps []sheetPart) *location {
	l := &location{parts: ps, row: map[string]int{}}
	i := 0
	_ = src.scan(table, func(row []any) error {
		if _, ok := row[0].(string); !ok {
			return errStop
		}
		l.row[strings.Clone(row[0].(string))] = i
		i++
		return nil
	})
	return l
}

// writeDataSheets lays out the five tables' sheet parts and arranges for
// their rows: each part gets excelize's frame (widths, frozen header,
// hyperlinks, an Excel Table with filter buttons and banded rows, page
// set-up) with only the header row, and rows that xlsxzip splices in
// when the workbook is saved. Ids link to the rows they name
// and URLs are links while a part stays within Excel's link limit.
func (wb *workbook) writeDataSheets(src source, cb *schema.Codebook, specs []dataSheet, ps map[string][]sheetPart, progress io.Writer) (map[string]xlsxzip.Rows, *progress, error) {
	paths := sheetPaths(wb.f)
	sources := map[string]xlsxzip.Rows{}
	total := 0
	for _, spec := range specs {
		total += src.count(spec.table)
	}
	prog := newProgress(progress, "writing tables", total)
	for _, spec := range specs {
		cols := cb.Columns(spec.table)
		header := make([]string, 0, len(cols)+len(spec.extra))
		for _, c := range cols {
			header = append(header, c.Field.Name)
		}
		for _, e := range spec.extra {
			header = append(header, e.name)
		}
		widths := wb.sampleWidths(src, spec, header, cols)
		for _, p := range ps[spec.table] {
			if err := wb.framePart(src, spec, p, header, widths, cols); err != nil {
				return nil, nil, err
			}
			path, ok := paths[p.name]
			if !ok {
				return nil, nil, fmt.Errorf("no sheet %s", p.name)
			}
			sources[path] = xlsxzip.Rows{Write: wb.rowsOf(src, spec, p, cols, widths, len(header), prog),
				FirstRow: 2, LastRow: p.end - p.first + 1, LastCol: len(header)}
		}
	}
	return sources, prog, nil
}

// framePart writes a part's header-only sheet through excelize: widths,
// panes, the header row, the links its rows will carry, and the Excel
// Table over the rows to come.
func (wb *workbook) framePart(src source, spec dataSheet, p sheetPart, header []string, widths []int, cols []schema.Column) error {
	total := 0
	for _, w := range widths {
		total += w
	}
	if err := wb.printSetupWide(p.name, pagesWide(total)); err != nil {
		return err
	}
	sw, err := wb.f.NewStreamWriter(p.name)
	if err != nil {
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
	idCols, urlCols := 0, 0
	for _, c := range cols {
		switch {
		case c.Variable.Type == schema.TypeURL:
			urlCols++
		case spec.links[c.Field.Name] != nil:
			idCols++
		}
	}
	rows := p.end - p.first
	if rows*urlCols > MaxURLLinks {
		urlCols = 0 // too many web links: URLs stay plain text
	}
	if rows*(idCols+urlCols) > ExcelMaxLinks {
		idCols = 0
	}
	if idCols+urlCols > 0 {
		i := 0
		err := src.scan(spec.table, func(values []any) error {
			if i >= p.end {
				return errStop
			}
			if i >= p.first {
				for k, c := range cols {
					s, ok := values[k].(string)
					if !ok || s == "" {
						continue
					}
					if c.Variable.Type == schema.TypeURL && urlCols == 0 || c.Variable.Type != schema.TypeURL && idCols == 0 {
						continue
					}
					if link, kind, ok := linkFor(s, c, spec.links[c.Field.Name]); ok {
						if err := wb.f.SetCellHyperLink(p.name, cell(k+1, i-p.first+2), link, kind); err != nil {
							return err
						}
					}
				}
			}
			i++
			return nil
		})
		if err != nil && err != errStop {
			return err
		}
	}
	name := strings.NewReplacer(" ", "_", "(", "", ")", "").Replace(p.name)
	stripes := true
	if err := sw.AddTable(&excelize.Table{Range: "A1:" + cell(len(header), max(p.end-p.first+1, 2)), Name: name,
		StyleName: "TableStyleLight9", ShowRowStripes: &stripes}); err != nil {
		return fmt.Errorf("sheet %s: %w", p.name, err)
	}
	return sw.Flush()
}

// rowsOf returns the row source of one part: rows [p.first, p.end) of the
// table, with dates as dates, lists joined, and rows as tall as their
// wrapped text.
func (wb *workbook) rowsOf(src source, spec dataSheet, p sheetPart, cols []schema.Column, widths []int, ncols int, prog *progress) func(*bufio.Writer) error {
	return func(w *bufio.Writer) error {
		rx := newRowXML(ncols)
		var head []byte
		i := 0
		err := src.scan(spec.table, func(values []any) error {
			if i >= p.end {
				return errStop
			}
			if i < p.first {
				i++
				return nil
			}
			row := i - p.first + 2
			// The height depends on the cells, so the cells come first.
			lines := 1
			for k, c := range cols {
				lines = max(lines, wb.appendCell(rx, k, row, values[k], c, widths[k]))
			}
			for j, e := range spec.extra {
				if v, ok := e.value(i).(int); ok {
					rx.number(len(cols)+j, row, wb.top, int64(v))
				}
			}
			height := 0.0
			if lines > 1 {
				height = float64(min(lines, 20)) * 15
			}
			head = appendRowStart(head[:0], row, height)
			if err := rx.flush(w, head); err != nil {
				return err
			}
			i++
			prog.add(1)
			return nil
		})
		if err == errStop {
			err = nil
		}
		wb.noteCut(p.name, rx.cut)
		return err
	}
}

// appendCell writes one value as a cell and returns the lines its text
// wraps to at the column's width.
func (wb *workbook) appendCell(rx *rowXML, k, row int, v any, c schema.Column, width int) int {
	switch x := v.(type) {
	case string:
		if x == "" {
			return 1
		}
		if c.Variable.Type == schema.TypeURL {
			rx.text(k, row, wb.link, x)
			return 1
		}
		rx.text(k, row, wb.wrap, x)
		return linesAt(x, width)
	case []string:
		if len(x) == 0 {
			return 1
		}
		s := strings.Join(x, dataset.ListSeparator)
		rx.text(k, row, wb.wrap, s)
		return linesAt(s, width)
	case bool:
		rx.boolean(k, row, wb.boolean, x)
	case schema.Date:
		if x.IsZero() {
			return 1
		}
		if c.Precision {
			rx.text(k, row, wb.wrap, x.Precision.String())
			return 1
		}
		rx.number(k, row, wb.dateStyle(x.Precision), int64(x.DaysSinceEpoch())+excelEpochOffset)
	}
	return 1
}

// excelEpochOffset turns days since 1970-01-01 into Excel's date serial
// (days since 1899-12-30).
const excelEpochOffset = 25569

// progress reports rows written, in whole percents, to a terminal.
type progress struct {
	w     io.Writer
	label string
	total int64
	done  atomic.Int64
	last  atomic.Int64
	mu    sync.Mutex
}

func newProgress(w io.Writer, label string, total int) *progress {
	p := &progress{w: w, label: label, total: int64(total)}
	p.last.Store(-1)
	return p
}

func (p *progress) add(n int64) {
	if p.w == nil || p.total == 0 {
		return
	}
	pct := p.done.Add(n) * 100 / p.total
	if old := p.last.Load(); pct != old && p.last.CompareAndSwap(old, pct) {
		p.mu.Lock()
		fmt.Fprintf(p.w, "\r%s: %3d%%", p.label, pct)
		p.mu.Unlock()
	}
}

func (p *progress) finish() {
	if p.w != nil && p.total > 0 {
		fmt.Fprintf(p.w, "\r%s: 100%% (%d rows)\n", p.label, p.done.Load())
	}
}

// linesAt estimates the lines a text wraps to in a column of width chars.
func linesAt(s string, width int) int {
	per := max(width-2, 1)
	if len(s) <= per && strings.IndexByte(s, '\n') < 0 {
		return 1 // the common case, without counting runes
	}
	n, run := 0, 0
	for _, r := range s {
		if r == '\n' {
			n += max(1, (run+per-1)/per)
			run = 0
			continue
		}
		run++
	}
	return n + max(1, (run+per-1)/per)
}

// linkFor returns the hyperlink of a data cell, if it has one: a URL
// opens the page, an id jumps to the row it names.
func linkFor(value string, c schema.Column, target *location) (link, kind string, ok bool) {
	if c.Variable.Type == schema.TypeURL {
		return value, "External", true
	}
	if target == nil {
		return "", "", false
	}
	loc, ok := target.ref(value)
	return loc, "Location", ok
}

// sampleWidths sizes columns from the header and the first rows: a
// streamed sheet needs its widths before its rows.
func (wb *workbook) sampleWidths(src source, spec dataSheet, header []string, cols []schema.Column) []int {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = utf8.RuneCountInString(h)
	}
	seen := 0
	_ = src.scan(spec.table, func(values []any) error {
		for i, c := range cols {
			w := 0
			switch x := values[i].(type) {
			case string:
				w = utf8.RuneCountInString(x)
			case []string:
				w = utf8.RuneCountInString(strings.Join(x, dataset.ListSeparator))
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
func dataSheets(src source, c *analysis.Columns, maxRows int) ([]dataSheet, map[string][]sheetPart) {
	titles := map[string]string{schema.TableCases: SheetCases, schema.TableAccusations: SheetAccusations,
		schema.TableResponses: SheetResponses, schema.TableQuotes: SheetQuotes, schema.TableSources: SheetSources}
	ps := map[string][]sheetPart{}
	for _, t := range dataset.Tables {
		ps[t] = parts(titles[t], src.count(t), maxRows)
	}
	// Link targets are indexed only when the referring table can carry links.
	lazy := map[string]*location{}
	target := func(referrer, table string, linkCols int) *location {
		if src.count(referrer)*linkCols > ExcelMaxLinks*len(ps[referrer]) {
			return nil
		}
		if lazy[table] == nil {
			lazy[table] = locate(src, table, ps[table])
		}
		return lazy[table]
	}
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
