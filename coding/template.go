package coding

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/atomicfile"
	"github.com/rejoinder/rejoinder/internal/xlsxzip"
	"github.com/rejoinder/rejoinder/schema"
	"github.com/rejoinder/rejoinder/suggest"
)

// Sheet names and markers of a template. The import finds sheets by their
// content, not their names, so a template renamed in a spreadsheet program
// still imports.
const (
	SheetCoding       = "Coding"
	SheetInstructions = "Instructions"
	SheetLists        = "Lists"
	SheetMeta         = "Meta"
	// Marker is the first cell of the Meta sheet.
	Marker = "rejoinder coding template"
	// Yes and No are the values of a multi-label code's column.
	Yes = "yes"
	No  = "no"
)

// TemplateOptions says for whom and what to write a template.
type TemplateOptions struct {
	Coder string   // the coder's name, stored in the template and shown on its Instructions
	Table string   // responses (default) or accusations
	Units []string // the ids to code; all of the table when empty
	Round int      // the coding round, 1 when zero
	// Suggestions adds the model's suggestions as a column (see
	// suggest.Suggestions: each case's by a model fitted without it).
	// Off by default: suggestions both coders see pull their codings
	// together and inflate their agreement.
	Suggestions bool
	// Note is shown at the top of the Instructions and kept on the Meta
	// sheet (for example, that a workbook is an illustration).
	Note string
}

// column is one coded column of a template: a single-choice variable, or
// one code of a multi-label variable.
type column struct {
	header   string
	variable *schema.Variable
	code     string // for a multi-label variable: the code this column asks about
}

// CodedColumns lists the coded columns of a table's template, in codebook
// order: a multi-label variable such as strategies becomes one yes/no
// column per code, headed "strategies:denial" and so on.
func codedColumns(cb *schema.Codebook, table string) ([]column, error) {
	t, ok := cb.Table(table)
	if !ok || (table != schema.TableResponses && table != schema.TableAccusations) {
		return nil, fmt.Errorf("no coding template for table %q (allowed: responses, accusations)", table)
	}
	var cols []column
	for i := range t.Variables {
		v := &t.Variables[i]
		if !v.Coded {
			continue
		}
		if v.List {
			for _, code := range v.Codes() {
				cols = append(cols, column{header: v.Name + ":" + code, variable: v, code: code})
			}
			continue
		}
		cols = append(cols, column{header: v.Name, variable: v})
	}
	return cols, nil
}

// context is the text a coder reads for one unit.
type context struct {
	header string
	width  float64
	value  func(ds *dataset.Dataset, i int) any
}

// contexts lists the columns a coder reads, in order; the suggested
// column only when suggestions is true.
func contexts(table string, suggestions bool) []context {
	src := func(ds *dataset.Dataset, ids []string) string {
		for _, id := range ids {
			if s := ds.Source(id); s != nil {
				return s.URL
			}
		}
		return ""
	}
	quotes := func(qs []schema.Quote) string {
		var parts []string
		for _, q := range qs {
			parts = append(parts, "“"+q.Text+"”")
		}
		return strings.Join(parts, "\n")
	}
	if table == schema.TableAccusations {
		return []context{
			{"case_id", 18, func(ds *dataset.Dataset, i int) any { return ds.Accusations[i].CaseID }},
			{"date", 11, func(ds *dataset.Dataset, i int) any { return ds.Accusations[i].Date.String() }},
			{"accuser", 8, func(ds *dataset.Dataset, i int) any { return ds.Accusations[i].Accuser }},
			{"co_accusers", 10, func(ds *dataset.Dataset, i int) any { return strings.Join(ds.Accusations[i].CoAccusers, ", ") }},
			{"accused_state", 8, func(ds *dataset.Dataset, i int) any { return ds.Accusations[i].AccusedState }},
			{"issuer", 30, func(ds *dataset.Dataset, i int) any { return ds.Accusations[i].Issuer }},
			{"instrument_detail", 40, func(ds *dataset.Dataset, i int) any { return ds.Accusations[i].InstrumentDetail }},
			{"evidence_detail", 50, func(ds *dataset.Dataset, i int) any { return strings.Join(ds.Accusations[i].EvidenceDetail, "\n") }},
			{"quotes", 60, func(ds *dataset.Dataset, i int) any { return quotes(ds.Accusations[i].Quotes) }},
			{"source", 30, func(ds *dataset.Dataset, i int) any { return src(ds, ds.Accusations[i].Sources) }},
		}
	}
	cols := []context{
		{"case_id", 18, func(ds *dataset.Dataset, i int) any { return ds.Responses[i].CaseID }},
		{"responds_to", 20, func(ds *dataset.Dataset, i int) any { return ds.Responses[i].RespondsTo }},
		{"date", 11, func(ds *dataset.Dataset, i int) any { return ds.Responses[i].Date.String() }},
		{"speaker", 20, func(ds *dataset.Dataset, i int) any { return ds.Responses[i].Speaker }},
		{"speaker_role", 24, func(ds *dataset.Dataset, i int) any { return ds.Responses[i].SpeakerRole }},
		{"channel", 24, func(ds *dataset.Dataset, i int) any { return ds.Responses[i].Channel }},
		{"quotes", 70, func(ds *dataset.Dataset, i int) any { return quotes(ds.Responses[i].Quotes) }},
		{"source", 30, func(ds *dataset.Dataset, i int) any { return src(ds, ds.Responses[i].Sources) }},
	}
	if !suggestions {
		return cols
	}
	var sug map[string]suggest.Suggestion // the model's, each case's fitted without it
	suggested := func(ds *dataset.Dataset, i int) any {
		if sug == nil {
			var err error
			if sug, err = suggest.Suggestions(ds); err != nil {
				return "(no suggestion: " + err.Error() + ")"
			}
		}
		return suggestionText(sug[ds.Responses[i].ResponseID])
	}
	return append(cols, context{suggestedHeader, 40, suggested})
}

// suggestionText is a suggestion as the template's grey column shows it:
// a code a line, with its probability and the words that raised it,
// marked when none reached the cut; the reason when it is not coded.
func suggestionText(s suggest.Suggestion) string {
	if !s.Coded {
		return "(" + s.Reason + ")"
	}
	var parts []string
	if s.LowConfidence {
		parts = append(parts, "(low confidence: no code reaches the cut)")
	}
	for _, code := range s.Codes {
		parts = append(parts, fmt.Sprintf("%s %.2f (%s)", code, s.Probabilities[code], strings.Join(s.Evidence[code], ", ")))
	}
	return strings.Join(parts, "\n")
}

// suggestedHeader heads the column of the model's suggestions.
const suggestedHeader = "suggested"

// unitIDs returns the ids of a table's rows.
func unitIDs(ds *dataset.Dataset, table string) []string {
	var ids []string
	if table == schema.TableAccusations {
		for _, a := range ds.Accusations {
			ids = append(ids, a.AccusationID)
		}
		return ids
	}
	for _, r := range ds.Responses {
		ids = append(ids, r.ResponseID)
	}
	return ids
}

// SaveTemplate writes a template to path through a temporary file.
func SaveTemplate(path string, ds *dataset.Dataset, opts TemplateOptions) error {
	return atomicfile.Write(path, func(w io.Writer) error { return WriteTemplate(w, ds, opts) })
}

// WriteTemplate writes a coding template: a Coding sheet with one row per
// unit, the text to judge in protected columns and one editable column per
// coded variable, each with a drop-down of the codebook's codes taken from
// a range on a hidden Lists sheet (Excel caps an inline list at 255
// characters), rows tall enough for their wrapped text, and a page setup
// for printing; an Instructions sheet naming the coder and saying what is
// required, generated from the codebook's definitions and examples; and
// a very hidden, protected Meta sheet naming the coder, table and round.
func WriteTemplate(w io.Writer, ds *dataset.Dataset, opts TemplateOptions) error {
	if opts.Table == "" {
		opts.Table = schema.TableResponses
	}
	if opts.Round == 0 {
		opts.Round = 1
	}
	if strings.TrimSpace(opts.Coder) == "" {
		return fmt.Errorf("a template needs the coder's name")
	}
	cb := ds.Codebook
	coded, err := codedColumns(cb, opts.Table)
	if err != nil {
		return err
	}
	all := unitIDs(ds, opts.Table)
	rows := make([]int, 0, len(all))
	if len(opts.Units) == 0 {
		for i := range all {
			rows = append(rows, i)
		}
	}
	for _, id := range opts.Units {
		i := slices.Index(all, id)
		if i < 0 {
			return fmt.Errorf("no %s %q in the dataset", strings.TrimSuffix(opts.Table, "s"), id)
		}
		rows = append(rows, i)
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetCoding); err != nil {
		return err
	}
	for _, s := range []string{SheetInstructions, SheetLists, SheetMeta} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	// Lists: one column per single-choice variable, and yes/no.
	listRange := map[string]string{}
	listCol := 1
	addList := func(name string, values []string) error {
		col, _ := excelize.ColumnNumberToName(listCol)
		if err := f.SetCellStr(SheetLists, col+"1", name); err != nil {
			return err
		}
		for i, v := range values {
			if err := f.SetCellStr(SheetLists, fmt.Sprintf("%s%d", col, i+2), v); err != nil {
				return err
			}
		}
		listRange[name] = fmt.Sprintf("%s!$%s$2:$%s$%d", SheetLists, col, col, len(values)+1)
		listCol++
		return nil
	}
	if err := addList("yes/no", []string{Yes, No}); err != nil {
		return err
	}
	for _, c := range coded {
		if c.code == "" {
			if err := addList(c.variable.Name, c.variable.Codes()); err != nil {
				return err
			}
		}
	}
	// Coding sheet.
	ctx := contexts(opts.Table, opts.Suggestions)
	header := []string{"unit_id"}
	for _, c := range ctx {
		header = append(header, c.header)
	}
	for _, c := range coded {
		header = append(header, c.header)
	}
	for j, h := range header {
		if err := f.SetCellStr(SheetCoding, cellName(j+1, 1), h); err != nil {
			return err
		}
	}
	firstCoded := len(ctx) + 2
	widths := codingWidths(ctx, coded)
	if err := f.SetCellStyle(SheetCoding, "A1", cellName(firstCoded-1, 1), st.header); err != nil {
		return err
	}
	for j, c := range coded {
		style := st.header
		if c.code != "" {
			style = st.rotated // many narrow yes/no columns: the header reads upwards
		}
		if err := f.SetCellStyle(SheetCoding, cellName(firstCoded+j, 1), cellName(firstCoded+j, 1), style); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(SheetCoding, 1, headerHeight(header, widths, coded, firstCoded)); err != nil {
		return err
	}
	for r, i := range rows {
		row := r + 2
		if err := f.SetCellStr(SheetCoding, cellName(1, row), all[i]); err != nil {
			return err
		}
		lines := 1
		for j, c := range ctx {
			v := c.value(ds, i)
			if err := f.SetCellValue(SheetCoding, cellName(j+2, row), v); err != nil {
				return err
			}
			if s, ok := v.(string); ok {
				lines = max(lines, wrappedLines(s, widths[j+1]))
			}
		}
		// Wrapped text needs a row tall enough to show it: spreadsheet
		// programs do not grow rows of a written file, and LibreOffice
		// prints a neighbour's overflow on top of it.
		if err := f.SetRowHeight(SheetCoding, row, rowHeight(lines)); err != nil {
			return err
		}
	}
	last := len(rows) + 1
	if err := f.SetCellStyle(SheetCoding, "A2", cellName(firstCoded-1, max(last, 2)), st.locked); err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetCoding, cellName(firstCoded, 2), cellName(len(header), max(last, 2)), st.open); err != nil {
		return err
	}
	for j, c := range coded {
		col := firstCoded + j
		dv := excelize.NewDataValidation(true)
		dv.Sqref = cellName(col, 2) + ":" + cellName(col, max(last, 2))
		list := listRange["yes/no"]
		if c.code == "" {
			list = listRange[c.variable.Name]
		}
		dv.SetSqrefDropList(list)
		dv.SetError(excelize.DataValidationErrorStyleStop, "Not a code", "Pick a value from the list (see Instructions).")
		if err := f.AddDataValidation(SheetCoding, dv); err != nil {
			return err
		}
	}
	for j, w := range widths {
		name, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(SheetCoding, name, name, w); err != nil {
			return err
		}
	}
	if err := f.SetPanes(SheetCoding, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := pageSetup(f, opts); err != nil {
		return err
	}
	if err := f.ProtectSheet(SheetCoding, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true, AutoFilter: true, Sort: true}); err != nil {
		return err
	}
	if err := instructions(f, st, cb, opts, coded); err != nil {
		return err
	}
	meta := [][2]string{{Marker, ""}, {"coder", opts.Coder}, {"table", opts.Table}, {"round", strconv.Itoa(opts.Round)},
		{"codebook", cb.Version}, {"dataset", ds.Meta.Name + " " + ds.Meta.Version}, {"suggestions", strconv.FormatBool(opts.Suggestions)}}
	if opts.Note != "" {
		meta = append(meta, [2]string{"note", opts.Note})
	}
	for i, kv := range meta {
		if err := f.SetCellStr(SheetMeta, cellName(1, i+1), kv[0]); err != nil {
			return err
		}
		if err := f.SetCellStr(SheetMeta, cellName(2, i+1), kv[1]); err != nil {
			return err
		}
	}
	// Meta names the coder and Lists holds the drop-downs' codes: an edit
	// to either by accident would misfile or break the codings, so both
	// are protected, and Meta is very hidden (no Unhide menu shows it).
	for _, s := range []string{SheetLists, SheetMeta} {
		if err := f.ProtectSheet(s, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true}); err != nil {
			return err
		}
		if err := f.SetSheetVisible(s, false, s == SheetMeta); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return xlsxzip.Save(f, w, nil) // real sheet dimensions, for read-only readers

}

// Widths of a template's columns, in characters.
const (
	yesNoWidth      = 6  // a yes/no column under a rotated header
	maxChoiceWidth  = 24 // a drop-down column, at most
	pointsPerLine   = 15 // the height of a line of 11-point text
	rotatedFontSize = 9  // a rotated header's
	pointsPerChar   = 5  // the length of a character of rotated 9-point text, in a wide font (DejaVu Sans, LibreOffice's stand-in for Calibri)
	maxRowHeight    = 409
	headerPadPoints = 12
)

// codingWidths sizes the Coding sheet's columns: the context columns as
// contexts says, a drop-down column as wide as its header and longest
// code (so neither is cut), a yes/no column narrow.
func codingWidths(ctx []context, coded []column) []float64 {
	widths := []float64{24}
	for _, c := range ctx {
		widths = append(widths, c.width)
	}
	for _, c := range coded {
		if c.code != "" {
			widths = append(widths, yesNoWidth)
			continue
		}
		w := len(c.header)
		for _, code := range c.variable.Codes() {
			w = max(w, len(code))
		}
		widths = append(widths, float64(min(w+3, maxChoiceWidth)))
	}
	return widths
}

// headerHeight is the height of the header row: tall enough for the
// longest rotated header, and for any wrapped one.
func headerHeight(header []string, widths []float64, coded []column, firstCoded int) float64 {
	h := float64(pointsPerLine)
	for j, text := range header {
		if j >= firstCoded-1 && coded[j-firstCoded+1].code != "" {
			h = max(h, float64(len(text)*pointsPerChar+headerPadPoints))
			continue
		}
		h = max(h, rowHeight(wrappedLines(text, widths[j])))
	}
	return min(h, maxRowHeight)
}

// rowHeight is the height, in points, of a row showing lines of text
// (Excel caps a row at 409 points).
func rowHeight(lines int) float64 {
	return min(float64(lines*pointsPerLine+3), maxRowHeight)
}

// wrappedLines estimates the lines text wraps to in a column width
// characters wide, breaking at spaces as spreadsheet programs do (a word
// longer than the column is broken). It overestimates a little for
// proportional fonts, which is the safe side: a row a line too tall
// hides nothing.
func wrappedLines(text string, width float64) int {
	per := max(int(width)-1, 1)
	n := 0
	for _, para := range strings.Split(text, "\n") {
		lines, run := 1, 0
		for _, word := range strings.Fields(para) {
			k := utf8.RuneCountInString(word)
			switch {
			case run == 0:
				run = k
			case run+1+k <= per:
				run += 1 + k
			default:
				lines++
				run = k
			}
			for run > per { // a word longer than the line
				lines++
				run -= per
			}
		}
		n += lines
	}
	return max(n, 1)
}

// pageSetup makes the Coding sheet print legibly: landscape, two pages
// wide (the text to code, then the codes: one page is too small to
// read), the header row and unit ids on every page, and the coder's name
// and the page number in the page header.
func pageSetup(f *excelize.File, opts TemplateOptions) error {
	landscape, wide, tall, fit, order := "landscape", 2, 0, true, "overThenDown"
	if err := f.SetSheetProps(SheetCoding, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(SheetCoding, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall, PageOrder: &order}); err != nil {
		return err
	}
	head := fmt.Sprintf("&LCoder: %s, round %d&RPage &P of &N", strings.ReplaceAll(opts.Coder, "&", "&&"), opts.Round)
	if err := f.SetHeaderFooter(SheetCoding, &excelize.HeaderFooterOptions{OddHeader: head}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: SheetCoding + "!$A:$A," + SheetCoding + "!$1:$1", Scope: SheetCoding})
}

// instructions writes how to code, generated from the codebook: who
// codes, what is required, and each coded variable's codes.
func instructions(f *excelize.File, st *styles, cb *schema.Codebook, opts TemplateOptions, coded []column) error {
	s := SheetInstructions
	hint := "The dictionary coder's suggestions are not shown: suggestions both coders see pull their codings together and make their agreement look higher than it is."
	if opts.Suggestions {
		hint = "The grey 'suggested' column shows what the model learned from other cases' coded quotes proposes from these quotes, each code with its probability and the words that raised it. It is a hint, not an answer: accept or reject it in the white columns. (Both coders seeing it makes their agreement look higher than it is.)"
	}
	lines := [][]string{
		{"How to code", ""},
		{"Coder", opts.Coder},
		{"Table, round", fmt.Sprintf("%s, round %d (codebook %s)", opts.Table, opts.Round, cb.Version)},
	}
	if opts.Note != "" {
		lines = append(lines, []string{"Note", opts.Note})
	}
	lines = append(lines,
		[]string{"", ""},
		[]string{"", "On the Coding sheet, read each row's quotes and source, then fill the white columns from their drop-downs (upper or lower case does not matter). Type codes, not formulas. Do not edit the grey columns: the import checks them against the dataset."},
		[]string{"", "In a row you code, fill every column marked required below. In the yes/no columns, mark yes for each code the text shows: a yes/no column left empty in a row you code counts as no. Leave any other cell empty if you cannot decide: it is stored as not coded. A row left entirely empty is a unit you have not coded; the import counts such rows."},
		[]string{"", "Columns named variable:code (strategies:denial...) ask whether the unit uses that code: yes or no. A response may use several strategies."},
	)
	if opts.Table == schema.TableResponses {
		lines = append(lines, []string{"", "Where observed is no_response_found, leave the strategies columns empty: a silence uses no strategy. Where it is declined_comment, mark non_denial alone if a quote shows the refusal to comment, and nothing otherwise."})
		for _, rule := range cb.CodingRules {
			lines = append(lines, []string{"", rule})
		}
	}
	lines = append(lines,
		[]string{"", hint},
		[]string{"", "Send the file back as it is; rejoinder coding import checks every cell and lists any problem by cell."},
		[]string{"", ""},
	)
	bold := map[int]bool{}
	for i, l := range lines {
		if l[0] != "" {
			bold[i] = true
		}
	}
	seen := map[string]bool{}
	for _, c := range coded {
		if seen[c.variable.Name] {
			continue
		}
		seen[c.variable.Name] = true
		def := c.variable.Definition
		if r, ok := requirementOf(opts.Table, c.variable); ok {
			def += " R" + strings.TrimPrefix(r.String(), "r") + "."
		}
		if r, ok := oneYesOf(opts.Table, c.variable); ok {
			def += " R" + strings.TrimPrefix(r.String(), "r") + "."
		}
		bold[len(lines)] = true
		lines = append(lines, []string{c.variable.Name, def})
		for _, v := range c.variable.Values {
			text := v.Definition
			if len(v.Examples) > 0 {
				text += " Examples: " + strings.Join(v.Examples, "; ") + "."
			}
			if v.Rule != "" {
				text += " Rule: " + v.Rule
			}
			lines = append(lines, []string{"  " + v.Code, text})
		}
		lines = append(lines, []string{"", ""})
	}
	if opts.Table == schema.TableResponses && len(cb.PairRules) > 0 {
		bold[len(lines)] = true
		lines = append(lines, []string{"When two strategies overlap", "Which code applies, or whether both do."})
		for _, p := range cb.PairRules {
			lines = append(lines, []string{"  " + p.Codes[0] + " / " + p.Codes[1], p.Rule})
		}
	}
	const widthB = 100
	for i, l := range lines {
		for j, v := range l {
			if err := f.SetCellStr(s, cellName(j+1, i+1), v); err != nil {
				return err
			}
		}
		style := st.wrap // top-aligned, beside its definition
		if bold[i] {
			style = st.bold
		}
		if err := f.SetCellStyle(s, cellName(1, i+1), cellName(1, i+1), style); err != nil {
			return err
		}
		if err := f.SetCellStyle(s, cellName(2, i+1), cellName(2, i+1), st.wrap); err != nil {
			return err
		}
		if err := f.SetRowHeight(s, i+1, rowHeight(wrappedLines(l[1], widthB))); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(s, "A", "A", 30); err != nil {
		return err
	}
	if err := f.SetColWidth(s, "B", "B", widthB); err != nil {
		return err
	}
	portrait, wide, tall, fit := "portrait", 1, 0, true
	if err := f.SetSheetProps(s, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetPageLayout(s, &excelize.PageLayoutOptions{Orientation: &portrait, FitToWidth: &wide, FitToHeight: &tall})
}

type styles struct{ header, rotated, locked, open, bold, wrap int }

func newStyles(f *excelize.File) (*styles, error) {
	st := &styles{}
	for _, x := range []struct {
		dst *int
		s   *excelize.Style
	}{
		{&st.header, &excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"305496"}}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "bottom"}}},
		{&st.rotated, &excelize.Style{Font: &excelize.Font{Size: rotatedFontSize, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"305496"}}, Alignment: &excelize.Alignment{TextRotation: 90, Horizontal: "center", Vertical: "bottom"}}},
		{&st.locked, &excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, Protection: &excelize.Protection{Locked: true}}},
		{&st.open, &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}, Protection: &excelize.Protection{Locked: false}}},
		{&st.bold, &excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.wrap, &excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	} {
		id, err := f.NewStyle(x.s)
		if err != nil {
			return nil, err
		}
		*x.dst = id
	}
	return st, nil
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
