package exports

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-gota/gota/dataframe"
	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/internal/xlsxzip"
	"github.com/rejoinder/rejoinder/schema"
)

// Caps that keep the analysis sheets readable on large data; the sheets
// say when they apply.
const (
	// MaxMatrixCases is the number of cases (those with the most
	// responses) shown in the similarity matrix.
	MaxMatrixCases = 200
	// MaxTimelineCases is the number of cases (those with the most
	// responses) plotted on the timeline.
	MaxTimelineCases = 20
	// MaxTimelineDays drops responses later than this from the chart.
	MaxTimelineDays = 365
)

// colourScale shades a matrix from white (low) to blue (high).
func (wb *workbook) colourScale(sheet, from, to string) error {
	return wb.f.SetConditionalFormat(sheet, from+":"+to, []excelize.ConditionalFormatOptions{{
		Type: "2_color_scale", Criteria: "=", MinType: "num", MinValue: "0", MaxType: "max",
		MinColor: "#FFFFFF", MaxColor: "#5B9BD5",
	}})
}

// matrix writes a labelled matrix at (col, row): a header of column
// labels, then one row per row label. It returns the bottom-right cell.
// upright turns the column labels on their side, in a header row tall
// enough for the longest, for matrices whose narrow columns would cut
// them or let them spill over the first row.
func (wb *workbook) matrix(sheet string, col, row int, corner string, rows, cols []string, value func(r, c int) any, style int, upright bool) (string, error) {
	if err := wb.text(sheet, col, row, corner, wb.header); err != nil {
		return "", err
	}
	headerStyle, longest := wb.header, 0
	if upright {
		headerStyle = wb.vheader
	}
	for j, h := range cols {
		if err := wb.text(sheet, col+1+j, row, h, headerStyle); err != nil {
			return "", err
		}
		longest = max(longest, utf8.RuneCountInString(h))
	}
	if upright {
		// About 7.5 points a character of the bold 11-point font, and a margin.
		if err := wb.f.SetRowHeight(sheet, row, min(float64(longest)*7.5+14, 409)); err != nil {
			return "", err
		}
	}
	for i, r := range rows {
		if err := wb.text(sheet, col, row+1+i, r, wb.bold); err != nil {
			return "", err
		}
		for j := range cols {
			ref := cell(col+1+j, row+1+i)
			if v := value(i, j); v != nil {
				if err := wb.f.SetCellValue(sheet, ref, v); err != nil {
					return "", err
				}
			}
			if err := wb.f.SetCellStyle(sheet, ref, ref, style); err != nil {
				return "", err
			}
		}
	}
	return cell(col+len(cols), row+len(rows)), nil
}

// longToMatrix turns a long profile frame into rows (categories) ×
// columns (groups) of shares, with each group's response count.
func longToMatrix(df dataframe.DataFrame, groupCol, catCol string) (groups, cats []string, share map[[2]string]float64, totals map[string]int, err error) {
	for _, name := range []string{groupCol, catCol, "share", "responses"} {
		if c := df.Col(name); c.Err != nil {
			return nil, nil, nil, nil, c.Err
		}
	}
	g, cs, sh := df.Col(groupCol).Records(), df.Col(catCol).Records(), df.Col("share").Float()
	tot, _ := df.Col("responses").Int()
	share, totals = map[[2]string]float64{}, map[string]int{}
	for i := range g {
		if !slices.Contains(groups, g[i]) {
			groups = append(groups, g[i])
		}
		if !slices.Contains(cats, cs[i]) {
			cats = append(cats, cs[i])
		}
		share[[2]string{g[i], cs[i]}] = sh[i]
		totals[g[i]] = tot[i]
	}
	return groups, cats, share, totals, nil
}

// profileSheet writes strategy, Benoit and 4D shares per responder as
// three shaded matrices, and a clustered bar chart of the strategies.
func (wb *workbook) profileSheet(c *analysis.Columns) error {
	s := SheetProfile
	row := 1
	var chartRows, chartGroups int
	for k, scheme := range analysis.Schemes {
		df, err := analysis.Profile(c, analysis.ProfileOptions{By: analysis.ByResponder, Scheme: scheme})
		if errors.Is(err, analysis.ErrEmptySelection) {
			return wb.text(s, 1, 1, "No observed responses to profile.", wb.noteLine)
		}
		if err != nil {
			return fmt.Errorf("profile sheet: %w", err)
		}
		catCol := df.Names()[1]
		groups, cats, share, totals, err := longToMatrix(df, "responder", catCol)
		if err != nil {
			return err
		}
		title := map[analysis.Scheme]string{analysis.SchemeCodes: "Share of each responder's observed responses using each strategy",
			analysis.SchemeBenoit: "Rolled up to Benoit's image-repair families", analysis.Scheme4D: "Rolled up to the 4D scheme"}[scheme]
		if err := wb.text(s, 1, row, title, wb.bold); err != nil {
			return err
		}
		top := row + 1
		end, err := wb.matrix(s, 1, top, catCol, cats, groups, func(r, c int) any { return share[[2]string{groups[c], cats[r]}] }, wb.pct, false)
		if err != nil {
			return err
		}
		if err := wb.colourScale(s, cell(2, top+1), end); err != nil {
			return err
		}
		row = top + len(cats) + 1
		if err := wb.text(s, 1, row, "responses", wb.bold); err != nil {
			return err
		}
		for j, g := range groups {
			if err := wb.f.SetCellInt(s, cell(2+j, row), int64(totals[g])); err != nil {
				return err
			}
		}
		if k == 0 {
			chartRows, chartGroups = len(cats), len(groups)
		}
		row += 3
	}
	// The note wraps within the tables' columns, left of the chart, which
	// would otherwise cover the part that runs on.
	if err := wb.text(s, 1, row, profileNote, wb.note); err != nil {
		return err
	}
	if last := cell(chartGroups+1, row); chartGroups > 0 {
		if err := wb.f.MergeCell(s, cell(1, row), last); err != nil {
			return err
		}
		if err := wb.f.SetRowHeight(s, row, float64(linesAt(profileNote, 26+9*chartGroups-4))*15); err != nil {
			return err
		}
	}
	if err := wb.f.SetColWidth(s, "A", "A", 26); err != nil {
		return err
	}
	if last, _ := excelize.ColumnNumberToName(chartGroups + 1); chartGroups > 0 {
		if err := wb.f.SetColWidth(s, "B", last, 9); err != nil {
			return err
		}
	}
	var series []excelize.ChartSeries
	for j := 0; j < min(chartGroups, 12); j++ {
		col, _ := excelize.ColumnNumberToName(j + 2)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$2", s, col),
			Categories: fmt.Sprintf("%s!$A$3:$A$%d", s, chartRows+2),
			Values:     fmt.Sprintf("%s!$%s$3:$%s$%d", s, col, col, chartRows+2),
		})
	}
	anchor, _ := excelize.ColumnNumberToName(chartGroups + 3)
	font := excelize.Font{Color: "262626", Size: 9}
	return wb.f.AddChart(s, anchor+"2", &excelize.Chart{
		Type:      excelize.Bar,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Strategy shares by responder"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: font},
		YAxis:     excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}, MajorGridLines: true, Font: font},
		Dimension: excelize.ChartDimension{Width: 720, Height: 900},
	})
}

// profileNote is the footnote of the Profile sheet.
const profileNote = "A response may use several strategies, so shares add up to more than 100%. Records of silence (no response found) are not counted."

// busiest returns up to n case ids with the most rows in c, most first
// (ties by id), and whether any were left out.
func busiest(c *analysis.Columns, n int) ([]string, bool) {
	counts := map[string]int{}
	for i := 0; i < c.N; i++ {
		if c.Responded(i) {
			counts[c.Case.At(i)]++
		}
	}
	ids := make([]string, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	return ids[:min(n, len(ids))], len(ids) > n
}

// similaritySheet writes the Jaccard matrix in clustering order.
func (wb *workbook) similaritySheet(c *analysis.Columns) error {
	s := SheetSimilarity
	ids, capped := busiest(c, MaxMatrixCases)
	if len(ids) == 0 {
		return wb.text(s, 1, 1, "No observed responses to compare.", wb.noteLine)
	}
	f := analysis.Filter{Cases: ids}
	order, _, err := analysis.Clusters(c, analysis.Jaccard, f)
	if err != nil {
		return err
	}
	df, err := analysis.SimilarityMatrix(c, analysis.Jaccard, f)
	if err != nil {
		return err
	}
	rowIDs := df.Col("case_id").Records()
	cols := map[string][]float64{} // gota copies a column on every Col call: take each once
	for _, id := range order {
		cols[id] = df.Col(id).Float()
	}
	value := func(r, k int) any { return cols[order[k]][slices.Index(rowIDs, order[r])] }
	if err := wb.text(s, 1, 1, "Jaccard similarity of the strategies used, cases in hierarchical-clustering order (average linkage)", wb.bold); err != nil {
		return err
	}
	end, err := wb.matrix(s, 1, 2, "case_id", order, order, value, wb.num, true)
	if err != nil {
		return err
	}
	if err := wb.colourScale(s, "B3", end); err != nil {
		return err
	}
	if capped {
		if err := wb.text(s, 1, len(order)+4, fmt.Sprintf("Only the %d cases with the most observed responses are shown.", MaxMatrixCases), wb.noteLine); err != nil {
			return err
		}
	}
	if err := wb.f.SetColWidth(s, "A", "A", 22); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(order) + 1)
	return wb.f.SetColWidth(s, "B", last, 7)
}

// dynamicsSheet writes the Dynamics frame as a table.
func (wb *workbook) dynamicsSheet(c *analysis.Columns) error {
	df, err := analysis.Dynamics(c, analysis.Filter{})
	if err != nil {
		return wb.text(SheetDynamics, 1, 1, err.Error(), wb.noteLine)
	}
	g, err := wb.frame(SheetDynamics, df, "first_accusation")
	if err != nil {
		return err
	}
	return g.finish(true)
}

// palette colours the timeline's series (Office's default accents).
var palette = []string{"4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300"}

// timelineSheet plots each response by days since the accusation it
// answers, one horizontal row of points per case. Its rows, as many as
// the busiest cases' responses, are streamed into the sheet when the
// workbook is saved (sources), like the table sheets' rows: held as
// excelize cells they took memory and time that grew with the responses
// per case (2.2 GB for 1M responses over 100 cases).
func (wb *workbook) timelineSheet(c *analysis.Columns, sources map[string]xlsxzip.Rows) error {
	s := SheetTimeline
	ids, capped := busiest(c, MaxTimelineCases)
	slices.Sort(ids)
	header := []string{"case_id", "case_no", "response_id", "lag_days"}
	g, err := wb.grid(s, header)
	if err != nil {
		return err
	}
	type span struct{ first, last int }
	spans := make([]span, len(ids))
	late, over := 0, 0
	// The first pass counts each case's points and sizes the columns.
	for k, id := range ids {
		spans[k].first = g.rows + 1
		late += timelinePoints(c, id, func(i, lag int) {
			if g.rows > maxTimelineRows {
				over++ // past the sheet's last row
				return
			}
			g.rows++
			for j, v := range []string{id, strconv.Itoa(k + 1), c.ResponseID[i], strconv.Itoa(lag)} {
				g.widen(j, v)
			}
		})
		spans[k].last = g.rows
	}
	path, ok := sheetPaths(wb.f)[s]
	if !ok {
		return fmt.Errorf("no sheet %s", s)
	}
	sources[path] = xlsxzip.Rows{Write: wb.timelineRows(c, ids, g), FirstRow: 2, LastRow: g.rows, LastCol: len(header)}
	if err := g.finish(true); err != nil {
		return err
	}
	var series []excelize.ChartSeries
	for k := range ids {
		if spans[k].last < spans[k].first {
			continue // no response with a known lag
		}
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$A$%d", s, spans[k].first),
			Categories: fmt.Sprintf("%s!$D$%d:$D$%d", s, spans[k].first, spans[k].last),
			Values:     fmt.Sprintf("%s!$B$%d:$B$%d", s, spans[k].first, spans[k].last),
			Marker: excelize.ChartMarker{Symbol: "circle", Size: 7,
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{palette[k%len(palette)]}}},
			Line: excelize.LineOptions{Type: excelize.LineNone, Width: 0},
		})
	}
	note := "Responses with a known lag (dates exact to the day, not anticipatory)."
	if capped {
		note += fmt.Sprintf(" Only the %d cases with the most observed responses are shown.", MaxTimelineCases)
	}
	if over > 0 {
		note += fmt.Sprintf(" %d responses past the sheet's last row are left off.", over)
	}
	if late > 0 {
		note += fmt.Sprintf(" %d responses later than %d days are left off the chart.", late, MaxTimelineDays)
	}
	if err := wb.text(s, 6, 1, note, wb.noteLine); err != nil {
		return err
	}
	if len(series) == 0 {
		return nil
	}
	font := excelize.Font{Color: "262626", Size: 9}
	return wb.f.AddChart(s, "F3", &excelize.Chart{
		Type:      excelize.Scatter,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Responses by days since the accusation"}}},
		Legend:    excelize.ChartLegend{Position: "right"},
		XAxis:     excelize.ChartAxis{Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "days since the accusation"}}}, MajorGridLines: true, Font: font},
		YAxis:     excelize.ChartAxis{Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "case (case_no)"}}}, Font: font},
		Dimension: excelize.ChartDimension{Width: 900, Height: 520},
	})
}

// maxTimelineRows is the Timeline's data rows at most: a sheet's, with
// its header (a variable so that a test can lower it).
var maxTimelineRows = ExcelMaxRows - 1

// timelinePoints calls point for each response of case id that the
// timeline plots, in row order, and returns how many of the case's
// responses are left off for coming later than MaxTimelineDays.
func timelinePoints(c *analysis.Columns, id string, point func(i, lag int)) (late int) {
	for i := 0; i < c.N; i++ {
		if c.Case.At(i) != id || !c.Responded(i) {
			continue
		}
		lag, ok := c.Lag(i)
		if !ok {
			continue
		}
		if lag > MaxTimelineDays {
			late++
			continue
		}
		point(i, lag)
	}
	return late
}

// timelineRows writes the Timeline's data rows, from row 2, as the first
// pass of timelineSheet counted and sized them (g): text cells wrapped,
// numbers at the top, rows as tall as their wrapped text.
func (wb *workbook) timelineRows(c *analysis.Columns, ids []string, g *grid) func(*bufio.Writer) error {
	return func(w *bufio.Writer) error {
		rx := newRowXML(len(g.widths))
		var head []byte
		row := 1
		var err error
		for k, id := range ids {
			timelinePoints(c, id, func(i, lag int) {
				if err != nil || row > maxTimelineRows {
					return // the first pass left the rest off
				}
				row++
				lines := max(linesAt(id, g.colWidth(0)), linesAt(c.ResponseID[i], g.colWidth(2)))
				rx.text(0, row, wb.wrap, id)
				rx.number(1, row, wb.top, int64(k+1))
				if c.ResponseID[i] != "" { // as grid.put: an empty text is no cell
					rx.text(2, row, wb.wrap, c.ResponseID[i])
				}
				rx.number(3, row, wb.top, int64(lag))
				height := 0.0
				if lines > 1 {
					height = float64(min(lines, 27)) * 15
				}
				head = appendRowStart(head[:0], row, height)
				err = rx.flush(w, head)
			})
		}
		wb.noteCut(SheetTimeline, rx.cut)
		return err
	}
}

// coOccurrenceSheet writes the strategy × strategy counts as a shaded
// symmetric matrix.
func (wb *workbook) coOccurrenceSheet(c *analysis.Columns) error {
	s := SheetCoOccurs
	df, err := analysis.CoOccurrences(c, analysis.CoOccurrenceOptions{})
	if err != nil {
		return wb.text(s, 1, 1, err.Error(), wb.noteLine)
	}
	a, b, both := df.Col("strategy_a").Records(), df.Col("strategy_b").Records(), df.Col("both").Records()
	count := map[[2]string]string{}
	for i := range a {
		count[[2]string{a[i], b[i]}], count[[2]string{b[i], a[i]}] = both[i], both[i]
	}
	codes := c.StrategyCodes
	if err := wb.text(s, 1, 1, "Observed responses that use both strategies (the diagonal: each strategy's own count)", wb.bold); err != nil {
		return err
	}
	end, err := wb.matrix(s, 1, 2, "strategy", codes, codes, func(r, k int) any {
		var n int
		fmt.Sscan(count[[2]string{codes[r], codes[k]}], &n)
		return n
	}, wb.top, true)
	if err != nil {
		return err
	}
	if err := wb.colourScale(s, "B3", end); err != nil {
		return err
	}
	if err := wb.f.SetColWidth(s, "A", "A", 26); err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(codes) + 1)
	return wb.f.SetColWidth(s, "B", last, 9)
}

// reliabilitySheet writes the agreement between coders, per variable.
func (wb *workbook) reliabilitySheet(cb *schema.Codebook, codings []coding.Coding, round int) error {
	rows, err := coding.Report(cb, codings, round, 1000, 1)
	if err != nil {
		return err
	}
	header := []string{"variable", "level", "alpha", "alpha_ci_low", "alpha_ci_high", "cohen_kappa", "agreement", "units", "coders", "values"}
	g, err := wb.grid(SheetReliability, header)
	if err != nil {
		return err
	}
	num := func(x float64) any {
		if math.IsNaN(x) {
			return nil
		}
		return x
	}
	for _, r := range rows {
		g.rows++
		for j, v := range []any{r.Variable, string(r.Level), num(r.Alpha), num(r.Low), num(r.High), num(r.Kappa), r.Agreement, r.Units, r.Coders, r.Values} {
			if err := g.put(j, v, false); err != nil {
				return err
			}
		}
	}
	if len(rows) > 0 {
		if err := wb.f.SetCellStyle(SheetReliability, "C2", cell(7, g.rows), wb.num); err != nil {
			return err
		}
	}
	g.rows += 2
	note := fmt.Sprintf("Round %d. Alpha at each variable's level of measurement; strategies once per code (present or not) and pooled over all codes. Intervals: 1,000 bootstrap resamples of units, seed 1.", round)
	if err := wb.text(SheetReliability, 1, g.rows, note, wb.noteLine); err != nil {
		return err
	}
	return g.finish(true)
}
