package coding

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// Coding is one coder's judgement of one variable for one unit, in round
// Round: the long format reliability and reconciliation read. A
// multi-label variable is stored one code at a time, as variable
// "strategies:denial" with value yes or no.
type Coding struct {
	UnitID   string
	Variable string
	Coder    string
	Round    int
	Value    string
}

// Kinds of problem in a filled template; test with errors.Is.
var (
	ErrNotTemplate  = errors.New("not a rejoinder coding template")
	ErrUnknownUnit  = errors.New("unknown unit id")
	ErrDuplicateRow = errors.New("unit listed twice")
	ErrNoColumn     = errors.New("column missing")
	ErrBadCode      = errors.New("not an allowed value")
)

// CellError is one problem in an imported workbook, located by file,
// sheet and cell, like schema.FieldError for YAML records.
type CellError struct {
	File    string
	Sheet   string
	Cell    string // A1 reference; empty for a problem with the whole sheet
	Column  string // the column's header
	Value   string
	Allowed string
	Err     error
}

func (e *CellError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Sheet != "" {
		fmt.Fprintf(&b, ": sheet %q", e.Sheet)
	}
	if e.Cell != "" {
		b.WriteString(" cell " + e.Cell)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, " (%s)", e.Column)
	}
	b.WriteString(": " + e.Err.Error())
	if e.Value != "" {
		fmt.Fprintf(&b, " %q", e.Value)
	}
	if e.Allowed != "" {
		b.WriteString(" (allowed: " + e.Allowed + ")")
	}
	return b.String()
}

func (e *CellError) Unwrap() error { return e.Err }

// ImportErrors is every problem found in the files imported, sorted by
// file, sheet and cell.
type ImportErrors []*CellError

func (l ImportErrors) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Import reads filled templates and returns their codings, or every
// problem in every file: an unknown unit id, a value that is not one of
// its column's codes, a missing column, a template that is not one. It is
// forgiving where spreadsheet programs are: sheets are found by content
// (a renamed sheet imports), columns by header (moved or extra columns
// are fine), blank rows are skipped, values are trimmed, and a yes/no
// column accepts yes/no, y/n, true/false and 1/0 (a program may have
// turned them into numbers or booleans).
func Import(ds *dataset.Dataset, files ...string) ([]Coding, error) {
	var out []Coding
	var problems ImportErrors
	for _, file := range files {
		c, errs := importFile(ds, file)
		out = append(out, c...)
		problems = append(problems, errs...)
	}
	if len(problems) > 0 {
		slices.SortStableFunc(problems, func(a, b *CellError) int {
			return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Sheet, b.Sheet), compareCells(a.Cell, b.Cell))
		})
		return nil, problems
	}
	return out, nil
}

// compareCells orders A1 references by row, then column.
func compareCells(a, b string) int {
	ca, ra, errA := excelize.CellNameToCoordinates(a)
	cb, rb, errB := excelize.CellNameToCoordinates(b)
	if errA != nil || errB != nil {
		return strings.Compare(a, b)
	}
	return cmp.Or(cmp.Compare(ra, rb), cmp.Compare(ca, cb))
}

func importFile(ds *dataset.Dataset, file string) ([]Coding, ImportErrors) {
	fail := func(sheet, cell, column, value, allowed string, err error) *CellError {
		return &CellError{File: file, Sheet: sheet, Cell: cell, Column: column, Value: value, Allowed: allowed, Err: err}
	}
	f, err := excelize.OpenFile(file, excelize.Options{UnzipSizeLimit: 256 << 20, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return nil, ImportErrors{fail("", "", "", "", "", fmt.Errorf("cannot open the workbook: %w", err))}
	}
	defer f.Close()
	// Find the Meta and Coding sheets by their first cells.
	var metaSheet, codingSheet string
	for _, s := range f.GetSheetList() {
		a1, _ := f.GetCellValue(s, "A1")
		switch strings.TrimSpace(a1) {
		case Marker:
			metaSheet = s
		case "unit_id":
			codingSheet = s
		}
	}
	if metaSheet == "" || codingSheet == "" {
		return nil, ImportErrors{fail("", "", "", "", "a workbook written by rejoinder coding template", ErrNotTemplate)}
	}
	meta := map[string]string{}
	rows, _ := f.GetRows(metaSheet)
	for _, r := range rows {
		if len(r) >= 2 {
			meta[strings.TrimSpace(r[0])] = strings.TrimSpace(r[1])
		}
	}
	coder, table := meta["coder"], meta["table"]
	round, err := strconv.Atoi(meta["round"])
	if coder == "" || err != nil || (table != schema.TableResponses && table != schema.TableAccusations) {
		return nil, ImportErrors{fail(metaSheet, "", "", "", "coder, table and round, as the template wrote them", ErrNotTemplate)}
	}
	coded, err := codedColumns(ds.Codebook, table)
	if err != nil {
		return nil, ImportErrors{fail(metaSheet, "B3", "table", table, "responses, accusations", err)}
	}
	rows, err = f.GetRows(codingSheet, excelize.Options{RawCellValue: true})
	if err != nil || len(rows) == 0 {
		return nil, ImportErrors{fail(codingSheet, "", "", "", "", fmt.Errorf("cannot read the sheet: %v", err))}
	}
	colOf := map[string]int{}
	for j, h := range rows[0] {
		colOf[strings.TrimSpace(h)] = j
	}
	var problems ImportErrors
	for _, c := range coded {
		if _, ok := colOf[c.header]; !ok {
			problems = append(problems, fail(codingSheet, "", c.header, "", "the template's columns", ErrNoColumn))
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	known := map[string]bool{}
	for _, id := range unitIDs(ds, table) {
		known[id] = true
	}
	seen := map[string]string{}
	var out []Coding
	for r, row := range rows[1:] {
		rowNum := r + 2
		get := func(j int) string {
			if j < len(row) {
				return strings.TrimSpace(row[j])
			}
			return ""
		}
		unit := get(colOf["unit_id"])
		if unit == "" && strings.TrimSpace(strings.Join(row, "")) == "" {
			continue // a blank row
		}
		if !known[unit] {
			problems = append(problems, fail(codingSheet, cellName(colOf["unit_id"]+1, rowNum), "unit_id", unit, "an id of the dataset's "+table, ErrUnknownUnit))
			continue
		}
		if first, dup := seen[unit]; dup {
			problems = append(problems, fail(codingSheet, cellName(colOf["unit_id"]+1, rowNum), "unit_id", unit, "each unit once (first at "+first+")", ErrDuplicateRow))
			continue
		}
		seen[unit] = cellName(colOf["unit_id"]+1, rowNum)
		for _, c := range coded {
			j := colOf[c.header]
			v := get(j)
			if v == "" {
				continue // not coded
			}
			value, allowed, ok := normalise(c, v)
			if !ok {
				problems = append(problems, fail(codingSheet, cellName(j+1, rowNum), c.header, v, allowed, ErrBadCode))
				continue
			}
			out = append(out, Coding{UnitID: unit, Variable: c.header, Coder: coder, Round: round, Value: value})
		}
	}
	return out, problems
}

// normalise checks a cell against its column and returns the stored value.
func normalise(c column, v string) (value, allowed string, ok bool) {
	if c.code != "" {
		switch strings.ToLower(v) {
		case "yes", "y", "true", "1":
			return Yes, "", true
		case "no", "n", "false", "0":
			return No, "", true
		}
		return "", "yes, no", false
	}
	if _, ok := c.variable.Value(v); ok {
		return v, "", true
	}
	return "", strings.Join(c.variable.Codes(), ", "), false
}
