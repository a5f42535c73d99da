package coding

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

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
	Coder string   // the coder's name, stored in the template
	Table string   // responses (default) or accusations
	Units []string // the ids to code; all of the table when empty
	Round int      // the coding round, 1 when zero
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

func contexts(table string) []context {
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
			{"accused_state", 8, func(ds *dataset.Dataset, i int) any { return ds.Accusations[i].AccusedState }},
			{"issuer", 30, func(ds *dataset.Dataset, i int) any { return ds.Accusations[i].Issuer }},
			{"instrument_detail", 40, func(ds *dataset.Dataset, i int) any { return ds.Accusations[i].InstrumentDetail }},
			{"evidence_detail", 50, func(ds *dataset.Dataset, i int) any { return strings.Join(ds.Accusations[i].EvidenceDetail, "\n") }},
			{"quotes", 60, func(ds *dataset.Dataset, i int) any { return quotes(ds.Accusations[i].Quotes) }},
			{"source", 30, func(ds *dataset.Dataset, i int) any { return src(ds, ds.Accusations[i].Sources) }},
		}
	}
	coder, _ := suggest.New(schema.Default(), "", nil) // the codebook's cues compile; its tests say so
	suggested := func(ds *dataset.Dataset, i int) any {
		r := &ds.Responses[i]
		s := coder.Suggest(r.ResponseID, suggest.Text(r))
		if !s.Coded {
			return "(" + s.Reason + ")"
		}
		var parts []string
		for _, code := range s.Codes {
			parts = append(parts, code+" ("+strings.Join(s.Evidence[code], ", ")+")")
		}
		return strings.Join(parts, "\n")
	}
	return []context{
		{"case_id", 18, func(ds *dataset.Dataset, i int) any { return ds.Responses[i].CaseID }},
		{"responds_to", 20, func(ds *dataset.Dataset, i int) any { return ds.Responses[i].RespondsTo }},
		{"date", 11, func(ds *dataset.Dataset, i int) any { return ds.Responses[i].Date.String() }},
		{"speaker", 20, func(ds *dataset.Dataset, i int) any { return ds.Responses[i].Speaker }},
		{"speaker_role", 30, func(ds *dataset.Dataset, i int) any { return ds.Responses[i].SpeakerRole }},
		{"channel", 30, func(ds *dataset.Dataset, i int) any { return ds.Responses[i].Channel }},
		{"quotes", 70, func(ds *dataset.Dataset, i int) any { return quotes(ds.Responses[i].Quotes) }},
		{"source", 30, func(ds *dataset.Dataset, i int) any { return src(ds, ds.Responses[i].Sources) }},
		{"suggested", 40, suggested},
	}
}

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
// characters); an Instructions sheet generated from the codebook's
// definitions and examples; and a hidden Meta sheet naming the coder,
// table and round.
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
	ctx := contexts(opts.Table)
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
	if err := f.SetCellStyle(SheetCoding, "A1", cellName(len(header), 1), st.header); err != nil {
		return err
	}
	for r, i := range rows {
		row := r + 2
		if err := f.SetCellStr(SheetCoding, cellName(1, row), all[i]); err != nil {
			return err
		}
		for j, c := range ctx {
			if err := f.SetCellValue(SheetCoding, cellName(j+2, row), c.value(ds, i)); err != nil {
				return err
			}
		}
	}
	last := len(rows) + 1
	firstCoded := len(ctx) + 2
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
	widths := []float64{24}
	for _, c := range ctx {
		widths = append(widths, c.width)
	}
	for range coded {
		widths = append(widths, 16)
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
	if err := f.ProtectSheet(SheetCoding, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true, AutoFilter: true, Sort: true}); err != nil {
		return err
	}
	if err := instructions(f, st, cb, opts, coded); err != nil {
		return err
	}
	meta := [][2]string{{Marker, ""}, {"coder", opts.Coder}, {"table", opts.Table}, {"round", strconv.Itoa(opts.Round)},
		{"codebook", cb.Version}, {"dataset", ds.Meta.Name + " " + ds.Meta.Version}}
	for i, kv := range meta {
		if err := f.SetCellStr(SheetMeta, cellName(1, i+1), kv[0]); err != nil {
			return err
		}
		if err := f.SetCellStr(SheetMeta, cellName(2, i+1), kv[1]); err != nil {
			return err
		}
	}
	for _, s := range []string{SheetLists, SheetMeta} {
		if err := f.SetSheetVisible(s, false); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return xlsxzip.Save(f, w, nil) // real sheet dimensions, for read-only readers

}

// instructions writes how to code, generated from the codebook.
func instructions(f *excelize.File, st *styles, cb *schema.Codebook, opts TemplateOptions, coded []column) error {
	s := SheetInstructions
	lines := [][]string{
		{"How to code", ""},
		{"", fmt.Sprintf("Coder: %s. Table: %s. Round: %d. Codebook %s.", opts.Coder, opts.Table, opts.Round, cb.Version)},
		{"", "On the Coding sheet, read each row's quotes and source, then fill the white columns from their drop-downs. Leave a cell empty if you cannot decide; do not edit the grey columns."},
		{"", "Columns named variable:code (strategies:denial...) ask whether the unit uses that code: yes or no. A response may use several strategies."},
		{"", "The grey 'suggested' column shows what the dictionary coder proposes from the quotes, with the words that triggered each code. It is a hint, not an answer: accept or reject it in the white columns."},
		{"", "Send the file back as it is; rejoinder coding import checks every cell and lists any problem by cell."},
		{"", ""},
	}
	seen := map[string]bool{}
	for _, c := range coded {
		if seen[c.variable.Name] {
			continue
		}
		seen[c.variable.Name] = true
		lines = append(lines, []string{c.variable.Name, c.variable.Definition})
		for _, v := range c.variable.Values {
			text := v.Definition
			if len(v.Examples) > 0 {
				text += " Examples: " + strings.Join(v.Examples, "; ") + "."
			}
			lines = append(lines, []string{"  " + v.Code, text})
		}
		lines = append(lines, []string{"", ""})
	}
	for i, l := range lines {
		for j, v := range l {
			if err := f.SetCellStr(s, cellName(j+1, i+1), v); err != nil {
				return err
			}
		}
		if l[0] != "" && !strings.HasPrefix(l[0], "  ") {
			if err := f.SetCellStyle(s, cellName(1, i+1), cellName(1, i+1), st.bold); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(s, cellName(2, i+1), cellName(2, i+1), st.wrap); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(s, "A", "A", 30); err != nil {
		return err
	}
	return f.SetColWidth(s, "B", "B", 100)
}

type styles struct{ header, locked, open, bold, wrap int }

func newStyles(f *excelize.File) (*styles, error) {
	st := &styles{}
	for _, x := range []struct {
		dst *int
		s   *excelize.Style
	}{
		{&st.header, &excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"305496"}}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
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
