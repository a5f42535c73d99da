package coding

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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

// Error formats the problem as file: sheet "S" cell C (column): what (allowed: ...).
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

// Unwrap returns the kind of problem, for errors.Is.
func (e *CellError) Unwrap() error { return e.Err }

// ImportErrors is every problem found in the files imported, sorted by
// file, sheet and cell.
type ImportErrors []*CellError

// Error lists every problem, one per line.
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
//
// Import applies DefaultLimits; ImportLimited takes others.
func Import(ds *dataset.Dataset, files ...string) ([]Coding, error) {
	return ImportLimited(ds, DefaultLimits, files...)
}

// ImportLimited is Import with the given limits on each file: a file over
// one is reported (errors.Is(err, ErrLimit)) and not read further.
func ImportLimited(ds *dataset.Dataset, lim Limits, files ...string) ([]Coding, error) {
	lim = lim.withDefaults()
	var out []Coding
	var problems ImportErrors
	for _, file := range files {
		c, errs := importFile(ds, file, lim)
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

func importFile(ds *dataset.Dataset, file string, lim Limits) (out []Coding, problems ImportErrors) {
	fail := func(sheet, cell, column, value, allowed string, err error) *CellError {
		return &CellError{File: file, Sheet: sheet, Cell: cell, Column: column, Value: value, Allowed: allowed, Err: err}
	}
	// A workbook damaged in a way the Excel library does not expect may
	// make it panic: that is a problem with this file, not a crash.
	defer func() {
		if r := recover(); r != nil {
			out, problems = nil, ImportErrors{fail("", "", "", "", "", fmt.Errorf("%w (%v)", ErrDamagedWorkbook, r))}
		}
	}()
	if err := checkPackage(file, lim); err != nil {
		return nil, ImportErrors{fail("", "", "", "", "", err)}
	}
	// Sheets over 16 MB of XML are read from temporary files, row by row.
	f, err := excelize.OpenFile(file, excelize.Options{UnzipSizeLimit: lim.UnzippedBytes, UnzipXMLSizeLimit: min(16<<20, lim.PartBytes)})
	if err != nil {
		return nil, ImportErrors{fail("", "", "", "", "", fmt.Errorf("cannot open the workbook: %w", err))}
	}
	defer f.Close()
	// Find the Meta and Coding sheets by their first cells.
	var metaSheet, codingSheet string
	for _, s := range f.GetSheetList() {
		var a1 string
		err := eachRow(f, s, lim, func(_ int, row []string) bool {
			if len(row) > 0 {
				a1 = strings.TrimSpace(row[0])
			}
			return false
		})
		if err != nil {
			return nil, ImportErrors{fail(s, "", "", "", "", err)}
		}
		switch a1 {
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
	err = eachRow(f, metaSheet, lim, func(_ int, r []string) bool {
		if len(r) >= 2 {
			meta[strings.TrimSpace(r[0])] = strings.TrimSpace(r[1])
		}
		return true
	})
	if err != nil {
		return nil, ImportErrors{fail(metaSheet, "", "", "", "", err)}
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
	known := map[string]bool{}
	for _, id := range unitIDs(ds, table) {
		known[id] = true
	}
	// The Coding sheet, row by row: its header, then one unit per row.
	var colOf map[string]int
	seen := map[string]string{}
	report := func(e *CellError) bool {
		if len(problems) == maxProblems {
			problems = append(problems, fail(codingSheet, e.Cell, "", "", "", ErrTooMany))
			return false
		}
		problems = append(problems, e)
		return true
	}
	err = eachRow(f, codingSheet, lim, func(rowNum int, row []string) bool {
		get := func(j int) string {
			if j < len(row) {
				return strings.TrimSpace(row[j])
			}
			return ""
		}
		if colOf == nil {
			colOf = map[string]int{}
			for j := range row {
				colOf[get(j)] = j
			}
			for _, c := range coded {
				if _, ok := colOf[c.header]; !ok {
					problems = append(problems, fail(codingSheet, "", c.header, "", "the template's columns", ErrNoColumn))
				}
			}
			return len(problems) == 0
		}
		unit := get(colOf["unit_id"])
		if unit == "" && strings.TrimSpace(strings.Join(row, "")) == "" {
			return true // a blank row
		}
		unitCell := cellName(colOf["unit_id"]+1, rowNum)
		if !known[unit] {
			return report(fail(codingSheet, unitCell, "unit_id", unit, "an id of the dataset's "+table, ErrUnknownUnit))
		}
		if first, dup := seen[unit]; dup {
			return report(fail(codingSheet, unitCell, "unit_id", unit, "each unit once (first at "+first+")", ErrDuplicateRow))
		}
		seen[unit] = unitCell
		for _, c := range coded {
			j := colOf[c.header]
			v := get(j)
			if v == "" {
				continue // not coded
			}
			value, allowed, ok := normalise(c, v)
			if !ok {
				if !report(fail(codingSheet, cellName(j+1, rowNum), c.header, v, allowed, ErrBadCode)) {
					return false
				}
				continue
			}
			out = append(out, Coding{UnitID: unit, Variable: c.header, Coder: coder, Round: round, Value: value})
		}
		return true
	})
	if errors.Is(err, ErrLimit) {
		return nil, ImportErrors{fail(codingSheet, "", "", "", "", err)}
	}
	if err != nil || colOf == nil {
		return nil, ImportErrors{fail(codingSheet, "", "", "", "", fmt.Errorf("cannot read the sheet: %w", cmp.Or(err, errors.New("it is empty"))))}
	}
	return out, problems
}

// ErrDamagedWorkbook is reported for a workbook the Excel library failed
// on inside (a corrupt part it did not expect).
var ErrDamagedWorkbook = errors.New("cannot read the workbook: it is damaged")

// maxProblems is how many problems one file reports before Import gives
// up on it: enough to see what is wrong, not a million lines.
const maxProblems = 1000

// ErrTooMany ends a file's problems when there are more than maxProblems.
var ErrTooMany = errors.New("too many problems; stopped reading here (fix these and import again)")

// eachRow streams a sheet's rows, as raw cell values, to fn (rows
// numbered from 1) until fn returns false, enforcing the limits on rows
// and cell length: memory holds one row at a time.
func eachRow(f *excelize.File, sheet string, lim Limits, fn func(rowNum int, row []string) bool) error {
	it, err := f.Rows(sheet)
	if err != nil {
		return err
	}
	defer it.Close()
	for n := 1; it.Next(); n++ {
		if n > lim.Rows {
			return &LimitError{Limit: "Rows", Flag: "max-rows", Got: int64(n), Max: int64(lim.Rows)}
		}
		row, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return err
		}
		for j, v := range row {
			if k := utf8.RuneCountInString(v); k > lim.CellChars {
				return &LimitError{Limit: "CellChars", Flag: "max-cell-chars", Part: "cell " + cellName(j+1, n), Got: int64(k), Max: int64(lim.CellChars)}
			}
		}
		if !fn(n, row) {
			break
		}
	}
	return it.Error()
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
