package exports

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/atomicfile"
	"github.com/rejoinder/rejoinder/internal/xlsxzip"
	"github.com/rejoinder/rejoinder/schema"
)

// SeedPair is the pair of cases the project started from, compared by
// default.
var SeedPair = [2]string{"prk-park-2018", "rus-skripal-2018"}

// Sheet names of the workbook, in order.
const (
	SheetAbout       = "About"
	SheetCodebook    = "Codebook"
	SheetCases       = "Cases"
	SheetAccusations = "Accusations"
	SheetResponses   = "Responses"
	SheetQuotes      = "Quotes"
	SheetSources     = "Sources"
	SheetComparison  = "Comparison"
	SheetProfile     = "Profile"
	SheetSimilarity  = "Similarity"
	SheetDynamics    = "Dynamics"
	SheetTimeline    = "Timeline"
	SheetCoOccurs    = "Co-occurrence"
	SheetReliability = "Reliability"
)

// WorkbookOptions adjusts the workbook.
type WorkbookOptions struct {
	// Compare names the two cases of the Comparison sheet. When empty:
	// the seed pair if the dataset has it, else its two cases with the
	// most responses.
	Compare [2]string
	// Generated is the generation time printed on the About sheet and
	// stored in the document properties. When zero, SOURCE_DATE_EPOCH
	// (seconds since 1970) is used if set, so that builds can be
	// reproduced, and the current time otherwise.
	Generated time.Time
	// MaxRows is the number of data rows a sheet holds before the table
	// continues on "Responses (2)" and so on: Excel's limit when zero.
	MaxRows int
	// Progress receives progress messages for long exports (the CLI
	// passes standard error when it is a terminal); nil for none.
	Progress io.Writer
	// Warnings receives warnings about the workbook, such as cells whose
	// text was cut to Excel's limit of 32,767 characters (the CLI passes
	// standard error); nil for none. A cut cell also says so itself.
	Warnings io.Writer
	// Codings, when there are any, add a Reliability sheet: agreement
	// between the coders of round CodingRound (1 when zero) per variable.
	Codings     []coding.Coding
	CodingRound int
}

func (o WorkbookOptions) generated() time.Time {
	if !o.Generated.IsZero() {
		return o.Generated.UTC()
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Now().UTC()
}

// SaveWorkbook writes the workbook to path through a temporary file, so
// that a failed or interrupted run leaves any previous workbook intact.
func SaveWorkbook(path string, ds *dataset.Dataset, opts WorkbookOptions) error {
	return atomicfile.Write(path, func(w io.Writer) error { return WriteWorkbook(w, ds, opts) })
}

// WriteWorkbook writes the dataset as an .xlsx workbook: About (what it
// is, versions, citation, how to read it, linked contents), Codebook, one
// sheet per table (Cases, Accusations, Responses with lag_days and a 0/1
// column per strategy, Quotes, Sources) streamed so that memory stays flat
// as rows grow, then the analyses: a Comparison of two cases, the strategy
// Profile (codes, Benoit families, 4D) with a bar chart, case Similarity,
// response Dynamics, a Timeline chart of responses by days since the
// accusation, and strategy Co-occurrence. Text is always stored as text,
// never as a formula, whatever it starts with.
func WriteWorkbook(w io.Writer, ds *dataset.Dataset, opts WorkbookOptions) error {
	return writeWorkbook(w, ds, analysis.ColumnsOf(ds), loaded{ds}, ds.ContentHash(), opts)
}

// SaveWorkbookFromParquet writes the workbook of a Parquet directory (as
// build or gen write it) to path through a temporary file.
func SaveWorkbookFromParquet(path, dir string, opts WorkbookOptions) error {
	return atomicfile.Write(path, func(w io.Writer) error { return WriteWorkbookFromParquet(w, dir, opts) })
}

// WriteWorkbookFromParquet writes the same workbook as WriteWorkbook for a
// Parquet directory, streaming the responses and quotes from their files
// batch by batch, so that memory stays flat as they grow: only the cases,
// accusations and sources are loaded; every table is validated as build
// validates records (the responses and quotes a batch at a time, see
// dataset.ValidateStreamed), and the analyses run on the columnar view
// (ReadColumns).
func WriteWorkbookFromParquet(w io.Writer, dir string, opts WorkbookOptions) error {
	rows, kv, err := dataset.ParquetInfo(dir)
	if err != nil {
		return err
	}
	small, err := dataset.ReadParquetTables(dir, schema.TableCases, schema.TableAccusations, schema.TableSources)
	if err != nil {
		return err
	}
	// The streamed tables get build's checks too, a batch at a time, on
	// one core while the other reads the columns the analyses need.
	valid := make(chan error, 1)
	go func() { valid <- dataset.ValidateStreamed(dir, small) }()
	c, err := analysis.ReadColumns(dir)
	if verr := <-valid; verr != nil {
		return verr // the records' problems first: they explain the rest
	}
	if err != nil {
		return err
	}
	return writeWorkbook(w, small, c, streamed{dir, rows}, kv[dataset.MetaContentHash], opts)
}

// writeWorkbook writes the workbook: ds gives the metadata, the codebook,
// and the cases and accusations the comparison needs; c the columnar view
// of the responses; src every table's rows.
func writeWorkbook(w io.Writer, ds *dataset.Dataset, c *analysis.Columns, src source, hash string, opts WorkbookOptions) error {
	if opts.Compare == [2]string{} {
		opts.Compare = defaultPair(ds, c)
	}
	maxRows := opts.MaxRows
	if maxRows <= 0 || maxRows > ExcelMaxRows-1 {
		maxRows = ExcelMaxRows - 1
	}
	cmp, err := analysis.CompareCasesWith(ds, c, opts.Compare[0], opts.Compare[1])
	if err != nil {
		return fmt.Errorf("comparison sheet: %w", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	wb, err := newWorkbook(f)
	if err != nil {
		return err
	}
	specs, ps := dataSheets(src, c, maxRows)
	// Create every sheet first, so that the tabs come in reading order.
	names := []string{SheetAbout, SheetCodebook}
	for _, t := range dataset.Tables {
		for _, p := range ps[t] {
			names = append(names, p.name)
		}
	}
	names = append(names, SheetComparison, SheetProfile, SheetSimilarity, SheetDynamics, SheetTimeline, SheetCoOccurs)
	if len(opts.Codings) > 0 {
		names = append(names, SheetReliability)
	}
	for _, n := range names {
		if err := wb.sheet(n); err != nil {
			return err
		}
	}
	generated := opts.generated()
	if err := wb.about(ds, src, hash, generated, opts.Compare, ps, names); err != nil {
		return err
	}
	if err := wb.codebook(ds.Codebook); err != nil {
		return err
	}
	sources, prog, err := wb.writeDataSheets(src, ds.Codebook, specs, ps, opts.Progress)
	if err != nil {
		return err
	}
	steps := []func() error{
		func() error { return wb.comparison(cmp) },
		func() error { return wb.profileSheet(c) },
		func() error { return wb.similaritySheet(c) },
		func() error { return wb.dynamicsSheet(c) },
		func() error { return wb.timelineSheet(c, sources) },
		func() error { return wb.coOccurrenceSheet(c) },
	}
	if len(opts.Codings) > 0 {
		steps = append(steps, func() error { return wb.reliabilitySheet(ds.Codebook, opts.Codings, max(opts.CodingRound, 1)) })
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:       ds.Meta.Title,
		Subject:     "State accusations and the accused state's responses",
		Description: "Dataset " + ds.Meta.Version + ", codebook " + ds.Codebook.Version,
		Creator:     "rejoinder",
		Version:     ds.Meta.Version,
		Keywords:    "accusation; denial; attribution; rhetoric; dataset",
		Created:     generated.Format(time.RFC3339),
		Modified:    generated.Format(time.RFC3339),
		Language:    "en",
	}); err != nil {
		return err
	}
	streamed := map[string]bool{}
	for _, t := range dataset.Tables {
		for _, p := range ps[t] {
			streamed[p.name] = true
		}
	}
	for _, sheet := range names {
		if !streamed[sheet] {
			if err := wb.printSetup(sheet); err != nil {
				return err
			}
		}
	}
	// The archive goes straight to w, each sheet with its real dimension;
	// the About sheet, first, is the active one.
	err = saveArchive(f, w, sources)
	prog.finish()
	if err == nil {
		wb.warnCut(opts.Warnings)
	}
	return err
}

// defaultPair is the seed pair when the dataset holds it, else the two
// cases with the most responses (or the one case, twice).
func defaultPair(ds *dataset.Dataset, c *analysis.Columns) [2]string {
	_, errA := ds.Case(SeedPair[0])
	_, errB := ds.Case(SeedPair[1])
	if errA == nil && errB == nil {
		return SeedPair
	}
	ids, _ := busiest(c, 2)
	switch len(ids) {
	case 0:
		if len(ds.Cases) > 0 {
			return [2]string{ds.Cases[0].CaseID, ds.Cases[0].CaseID}
		}
		return SeedPair
	case 1:
		return [2]string{ids[0], ids[0]}
	}
	return [2]string{ids[0], ids[1]}
}

// workbook holds the file and the shared styles.
type workbook struct {
	f                               *excelize.File
	header, wrap, link, title, pct  int
	dayFmt, monthFmt, yearFmt, bold int
	top, note, noteLine, num        int
	// boolean shows a true/false cell as TRUE or FALSE: LibreOffice shows
	// a boolean cell through its number format (0 and 1 under General).
	boolean int
	// vheader is a header turned upright, for matrices of narrow columns.
	vheader int
	// cut lists the cells ("Sheet!A1") whose text was cut to Excel's
	// limit, for the warning; data sheets are written concurrently.
	cutMu sync.Mutex
	cut   []string
}

// noteCut records cells of sheet whose text was cut to fit (fitCell).
func (wb *workbook) noteCut(sheet string, cells []string) {
	wb.cutMu.Lock()
	defer wb.cutMu.Unlock()
	for _, c := range cells {
		wb.cut = append(wb.cut, fmt.Sprintf("'%s'!%s", sheet, c))
	}
}

// maxListedCuts is how many cut cells the warning names before it only
// counts.
const maxListedCuts = 20

// warnCut writes the counted warning about cells cut to Excel's limit,
// if any, naming the first cells, sheet and cell.
func (wb *workbook) warnCut(w io.Writer) {
	if w == nil || len(wb.cut) == 0 {
		return
	}
	slices.Sort(wb.cut)
	listed := strings.Join(wb.cut[:min(len(wb.cut), maxListedCuts)], ", ")
	if n := len(wb.cut) - maxListedCuts; n > 0 {
		listed += fmt.Sprintf(" and %d more", n)
	}
	fmt.Fprintf(w, "warning: %d cell(s) of the workbook cut at Excel's limit of 32,767 characters, each ending with a note (the CSV and Parquet files hold the whole text): %s\n", len(wb.cut), listed)
}

// dateStyle is the style that shows a date to its precision.
func (wb *workbook) dateStyle(p schema.Precision) int {
	switch p {
	case schema.PrecisionMonth:
		return wb.monthFmt
	case schema.PrecisionYear:
		return wb.yearFmt
	}
	return wb.dayFmt
}

func newWorkbook(f *excelize.File) (*workbook, error) {
	wb := &workbook{f: f}
	dayFmt, monthFmt, yearFmt, boolFmt := "yyyy-mm-dd", "yyyy-mm", "yyyy", `"TRUE";"TRUE";"FALSE"`
	styles := []struct {
		dst *int
		s   *excelize.Style
	}{
		{&wb.header, &excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"305496"}},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&wb.wrap, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&wb.link, &excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&wb.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&wb.bold, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&wb.pct, &excelize.Style{NumFmt: 9, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&wb.top, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&wb.note, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&wb.noteLine, &excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959"}}},
		{&wb.num, &excelize.Style{NumFmt: 2, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&wb.dayFmt, &excelize.Style{CustomNumFmt: &dayFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}}},
		{&wb.monthFmt, &excelize.Style{CustomNumFmt: &monthFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}}},
		{&wb.yearFmt, &excelize.Style{CustomNumFmt: &yearFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}}},
		{&wb.boolean, &excelize.Style{CustomNumFmt: &boolFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
		{&wb.vheader, &excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"305496"}},
			Alignment: &excelize.Alignment{Vertical: "bottom", Horizontal: "center", TextRotation: 90}}},
	}
	for _, st := range styles {
		id, err := f.NewStyle(st.s)
		if err != nil {
			return nil, err
		}
		*st.dst = id
	}
	return wb, nil
}

// sheet creates (or, for the first, renames) a sheet.
func (wb *workbook) sheet(name string) error {
	if wb.f.SheetCount == 1 && wb.f.GetSheetName(0) == "Sheet1" {
		return wb.f.SetSheetName("Sheet1", name)
	}
	_, err := wb.f.NewSheet(name)
	return err
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// text writes s as a string cell. SetCellStr never makes a formula, so a
// value starting with "=", "+", "-" or "@" stays inert text.
func (wb *workbook) text(sheet string, col, row int, s string, style int) error {
	c := cell(col, row)
	s, cut := fitCell(s) // excelize would cut at 32,767 runes, silently
	if cut {
		wb.noteCut(sheet, []string{c})
	}
	if err := wb.f.SetCellStr(sheet, c, s); err != nil {
		return err
	}
	if style != 0 {
		return wb.f.SetCellStyle(sheet, c, c, style)
	}
	return nil
}

// grid is a rectangular sheet under construction: a header row and data
// rows, tracking column widths.
type grid struct {
	wb     *workbook
	sheet  string
	widths []int
	rows   int
	// texts holds the lengths of each row's text cells by column, so that
	// finish can size rows for wrapped text (LibreOffice does not grow
	// them on its own).
	texts map[int]map[int][]int
}

func (wb *workbook) grid(sheet string, header []string) (*grid, error) {
	g := &grid{wb: wb, sheet: sheet, widths: make([]int, len(header)), rows: 1, texts: map[int]map[int][]int{}}
	for i, h := range header {
		if err := wb.text(sheet, i+1, 1, h, wb.header); err != nil {
			return nil, err
		}
		g.widths[i] = utf8.RuneCountInString(h)
	}
	return g, nil
}

func (g *grid) measure(col int, s string) {
	var lens []int
	for _, line := range strings.Split(s, "\n") {
		n := utf8.RuneCountInString(line)
		lens = append(lens, n)
		g.widths[col] = max(g.widths[col], n)
	}
	g.addTexts(col, lens)
}

// widen widens a column for s, as measure does, for a row written
// outside the grid (streamed), whose height is set where it is written.
func (g *grid) widen(col int, s string) {
	for _, line := range strings.Split(s, "\n") {
		g.widths[col] = max(g.widths[col], utf8.RuneCountInString(line))
	}
}

// addTexts records the line lengths of a text cell of the current row.
func (g *grid) addTexts(col int, lens []int) {
	if g.texts[g.rows] == nil {
		g.texts[g.rows] = map[int][]int{}
	}
	g.texts[g.rows][col] = lens
}

// maxWidth caps column widths; longer text wraps.
const maxWidth = 60

// colWidth is the width finish gives a column.
func (g *grid) colWidth(col int) int { return min(max(g.widths[col], 6)+2, maxWidth) }

// rowHeights sets each row tall enough for its wrapped text.
func (g *grid) rowHeights() error {
	for row, cols := range g.texts {
		lines := 1
		for col, lens := range cols {
			n := 0
			for _, l := range lens {
				n += max(1, (l+g.colWidth(col)-3)/(g.colWidth(col)-2))
			}
			lines = max(lines, n)
		}
		if lines > 1 {
			if err := g.wb.f.SetRowHeight(g.sheet, row, float64(min(lines, 27))*15); err != nil {
				return err
			}
		}
	}
	return nil
}

// put writes one value at (col, g.rows): text, bool, int, float, Date,
// []string (joined by "; "), or a URL link.
func (g *grid) put(col int, v any, isURL bool) error {
	wb, c := g.wb, cell(col+1, g.rows)
	switch x := v.(type) {
	case string:
		if x == "" {
			return nil
		}
		g.measure(col, x)
		if isURL {
			if err := wb.text(g.sheet, col+1, g.rows, x, wb.link); err != nil {
				return err
			}
			return wb.f.SetCellHyperLink(g.sheet, c, x, "External")
		}
		return wb.text(g.sheet, col+1, g.rows, x, wb.wrap)
	case []string:
		return g.put(col, strings.Join(x, "; "), false)
	case bool:
		g.measure(col, "FALSE")
		if err := wb.f.SetCellBool(g.sheet, c, x); err != nil {
			return err
		}
		return wb.f.SetCellStyle(g.sheet, c, c, wb.boolean)
	case int:
		g.measure(col, strconv.Itoa(x))
		if err := wb.f.SetCellInt(g.sheet, c, int64(x)); err != nil {
			return err
		}
		return wb.f.SetCellStyle(g.sheet, c, c, wb.top) // beside wrapped text, at the top
	case float64:
		g.measure(col, "100%")
		if err := wb.f.SetCellFloat(g.sheet, c, x, -1, 64); err != nil {
			return err
		}
		return wb.f.SetCellStyle(g.sheet, c, c, wb.top)
	case schema.Date:
		if x.IsZero() {
			return nil
		}
		g.measure(col, "2018-09-14")
		if err := wb.f.SetCellValue(g.sheet, c, x.Time()); err != nil {
			return err
		}
		style := map[schema.Precision]int{schema.PrecisionDay: wb.dayFmt, schema.PrecisionMonth: wb.monthFmt, schema.PrecisionYear: wb.yearFmt}[x.Precision]
		return wb.f.SetCellStyle(g.sheet, c, c, style)
	case nil:
		return nil
	}
	return fmt.Errorf("sheet %s: cannot write %T", g.sheet, v)
}

// finish sets widths (capped, so long text wraps instead of running on),
// freezes the header row and first column, and adds filter buttons.
func (g *grid) finish(freeze bool) error {
	f := g.wb.f
	for i := range g.widths {
		width := float64(g.colWidth(i))
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(g.sheet, col, col, width); err != nil {
			return err
		}
	}
	if err := g.rowHeights(); err != nil {
		return err
	}
	if !freeze {
		return nil
	}
	if err := f.SetPanes(g.sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return f.AutoFilter(g.sheet, "A1:"+cell(len(g.widths), max(g.rows, 2)), nil)
}

// codebook writes one row per variable, then one per allowed value.
func (wb *workbook) codebook(cb *schema.Codebook) error {
	header := []string{"table", "variable", "type", "list", "level", "required", "definition", "code", "code_definition", "examples", "benoit_family", "four_d", "cameo"}
	g, err := wb.grid(SheetCodebook, header)
	if err != nil {
		return err
	}
	for _, t := range cb.Tables {
		for _, v := range t.Variables {
			g.rows++
			vals := []any{t.Name, v.Name, string(v.Type), v.List, string(v.Level), v.Required, v.Definition}
			for i, x := range vals {
				if err := g.put(i, x, false); err != nil {
					return err
				}
			}
			for _, val := range v.Values {
				g.rows++
				vals := []any{t.Name, v.Name, "", nil, "", nil, "", val.Code, val.Definition, strings.Join(val.Examples, " | "), val.Benoit, val.FourD, val.CAMEO}
				for i, x := range vals {
					if err := g.put(i, x, false); err != nil {
						return err
					}
				}
			}
		}
	}
	return g.finish(true)
}

// frame writes a DataFrame as a plain grid, typed by column; the columns
// named in dates hold dates as text (YYYY, YYYY-MM or YYYY-MM-DD) and are
// written as real dates, like the dates of every other sheet.
func (wb *workbook) frame(sheet string, df dataframe.DataFrame, dates ...string) (*grid, error) {
	g, err := wb.grid(sheet, df.Names())
	if err != nil {
		return nil, err
	}
	cols := columnsOf(df)
	names := df.Names()
	for r := 0; r < df.Nrow(); r++ {
		g.rows++
		for c, col := range cols {
			v := frameValue(col.Elem(r))
			if s, ok := v.(string); ok && slices.Contains(dates, names[c]) {
				d, err := schema.ParseDate(s)
				if err != nil {
					return nil, fmt.Errorf("sheet %s, column %s: %w", sheet, names[c], err)
				}
				v = d
			}
			if err := g.put(c, v, false); err != nil {
				return nil, err
			}
		}
	}
	return g, nil
}

func (wb *workbook) comparison(df dataframe.DataFrame) error {
	g, err := wb.frame(SheetComparison, df)
	if err != nil {
		return err
	}
	return g.finish(true)
}

// printSetup makes a sheet print landscape, one page wide, with the header
// row repeated on every page of the table sheets.
func (wb *workbook) printSetup(sheet string) error {
	return wb.printSetupWide(sheet, 1)
}

// pageChars is about the width, in column-width units, that one landscape
// page holds with text still readable (about half size).
const pageChars = 300

// pagesWide is the number of pages a sheet of columns totalling width
// prints across: fitted to one page, a wide data sheet's text shrinks
// below reading size, and LibreOffice, at its smallest scale, cuts the
// last columns onto a page of their own anyway.
func pagesWide(width int) int { return max(1, (width+pageChars-1)/pageChars) }

// printSetupWide is printSetup for a sheet that prints wide pages across;
// when that is more than one, the first column (the row's id) is repeated
// on each too.
func (wb *workbook) printSetupWide(sheet string, wide int) error {
	landscape, tall, fit := "landscape", 0, true
	if sheet == SheetAbout {
		tall = 1 // the title page on one page
	}
	if err := wb.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := wb.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	switch sheet {
	case SheetAbout, SheetProfile, SheetSimilarity, SheetTimeline, SheetCoOccurs:
		return nil
	}
	titles := "'" + sheet + "'!$1:$1"
	if wide > 1 {
		titles = "'" + sheet + "'!$A:$A," + titles
	}
	return wb.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: titles, Scope: sheet})
}

// about writes the title page: what the workbook is, versions, how to
// cite, and a linked table of contents.
func (wb *workbook) about(ds *dataset.Dataset, src source, hash string, generated time.Time, pair [2]string, ps map[string][]sheetPart, names []string) error {
	s := SheetAbout
	if err := wb.text(s, 1, 1, ds.Meta.Title, wb.title); err != nil {
		return err
	}
	fields := [][2]string{
		{"What this is", ds.Meta.Description},
		{"Dataset version", ds.Meta.Version},
		{"Codebook version", ds.Codebook.Version},
		{"Content SHA-256", hash},
		{"Generated", generated.Format("2006-01-02 15:04 UTC")},
		{"Licence", ds.Meta.License},
		{"How to cite", ds.Meta.Citation},
		{"Counts", fmt.Sprintf("%d cases, %d accusations, %d responses, %d quotes, %d sources",
			src.count(schema.TableCases), src.count(schema.TableAccusations), src.count(schema.TableResponses),
			src.count(schema.TableQuotes), src.count(schema.TableSources))},
		{"How to read it", "One sheet per table; column names are the codebook's variable names (see Codebook). " +
			"Dates are real dates shown to their known precision (2018-09-14, 2018-09 or 2018). " +
			"Multi-valued fields are joined with '; '. Every quote names the source that prints it."},
	}
	row := 3
	for _, kv := range fields {
		if err := wb.text(s, 1, row, kv[0], wb.bold); err != nil {
			return err
		}
		if err := wb.text(s, 2, row, kv[1], wb.wrap); err != nil {
			return err
		}
		if err := wb.aboutHeight(row, kv[1]); err != nil {
			return err
		}
		row++
	}
	row++
	if err := wb.text(s, 1, row, "Sheets", wb.bold); err != nil {
		return err
	}
	describe := map[string]string{
		SheetCodebook:    "Every variable and allowed code, with definitions, examples, Benoit family, 4D scheme and CAMEO code.",
		SheetCases:       "One row per case (incident).",
		SheetAccusations: "One row per public accusation act; case ids link to their case.",
		SheetResponses:   "One row per response of the accused state: lag_days from the accusation, the strategies as a list and as one 0/1 column per code; ids link to the case and the accusation.",
		SheetQuotes:      "One row per verbatim quote, with the source that prints it (linked).",
		SheetSources:     "One row per cited document, with links.",
		SheetComparison:  pair[0] + " and " + pair[1] + " side by side (rejoinder export xlsx --compare A,B picks another pair).",
		SheetProfile:     "Share of observed responses using each strategy, Benoit family and 4D category, per responder, with a bar chart.",
		SheetSimilarity:  "Jaccard similarity of the cases' strategy sets, cases in hierarchical-clustering order.",
		SheetDynamics:    "Per case: lag to the first response, responses and strategies within 1, 7 and 30 days, first threat and reciprocal measure.",
		SheetTimeline:    "Each response plotted by days since the accusation it answers, one row of points per case.",
		SheetCoOccurs:    "How many observed responses use each pair of strategies together.",
		SheetReliability: "Agreement between the coders: Krippendorff's alpha with a bootstrap 95% interval, Cohen's kappa (two coders), percent agreement, per variable and per strategy code.",
	}
	for _, name := range names[1:] {
		row++
		if err := wb.text(s, 1, row, name, wb.link); err != nil {
			return err
		}
		if err := wb.f.SetCellHyperLink(s, cell(1, row), "'"+name+"'!A1", "Location"); err != nil {
			return err
		}
		d, ok := describe[name]
		if !ok {
			d = "Continuation of the table: the same columns, the rows after those of the previous sheet."
		}
		if err := wb.text(s, 2, row, d, wb.wrap); err != nil {
			return err
		}
		if err := wb.aboutHeight(row, d); err != nil {
			return err
		}
	}
	row += 2
	notes := []string{
		fmt.Sprintf("A sheet holds at most %d data rows; a longer table continues on \"Responses (2)\" and so on, with the header repeated.", ExcelMaxRows-1),
		fmt.Sprintf("Ids are links while a sheet needs at most %d of them (Excel's limit), URLs while it needs at most %d; beyond that they are plain text.", ExcelMaxLinks, MaxURLLinks),
	}
	for _, t := range dataset.Tables {
		if n := len(ps[t]); n > 1 {
			notes = append(notes, fmt.Sprintf("This workbook splits %s over %d sheets.", t, n))
		}
	}
	for _, n := range notes {
		if err := wb.text(s, 2, row, n, wb.note); err != nil {
			return err
		}
		if err := wb.aboutHeight(row, n); err != nil {
			return err
		}
		row++
	}
	if err := wb.f.SetColWidth(s, "A", "A", 20); err != nil {
		return err
	}
	return wb.f.SetColWidth(s, "B", "B", aboutWidth)
}

// aboutWidth is the width of the About sheet's text column.
const aboutWidth = 100

// aboutHeight makes a row of the About sheet tall enough for its text in
// column B, wrapped: LibreOffice does not grow rows on its own.
func (wb *workbook) aboutHeight(row int, text string) error {
	// Text runs about a fifth narrower than the width's unit, a digit.
	// At most 27 lines: Excel's rows are at most 409 points tall.
	if lines := linesAt(text, aboutWidth*12/10); lines > 1 {
		return wb.f.SetRowHeight(SheetAbout, row, float64(min(lines, 27))*15)
	}
	return nil
}

// frameValue converts a gota element to a Go value for a cell.
func frameValue(e series.Element) any {
	if e.IsNA() {
		return nil
	}
	switch e.Type() {
	case series.Int:
		n, _ := e.Int()
		return n
	case series.Float:
		return e.Float()
	case series.Bool:
		b, _ := e.Bool()
		return b
	}
	return e.String()
}

func distinct(values []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range values {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// saveArchive saves the workbook (xlsxzip.Save); a variable so that the
// tests can see excelize's own output, which the splice relies on.
var saveArchive = xlsxzip.Save
