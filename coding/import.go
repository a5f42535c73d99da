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
	"github.com/rejoinder/rejoinder/reliability"
	"github.com/rejoinder/rejoinder/schema"
)

// Coding is one coder's judgement of one variable for one unit, in round
// Round: the long format reliability and reconciliation read. It is
// [reliability.Coding], one type under the name this package's workflow
// uses, so codings pass to the measures without conversion.
type Coding = reliability.Coding

// Kinds of problem in a filled template; test with errors.Is.
var (
	ErrNotTemplate  = errors.New("not a rejoinder coding template")
	ErrUnknownUnit  = errors.New("unknown unit id")
	ErrDuplicateRow = errors.New("unit listed twice")
	ErrNoColumn     = errors.New("column missing")
	ErrBadCode      = errors.New("not an allowed value")
	// ErrMissingCode is a required cell left empty in a row the coder coded.
	ErrMissingCode = errors.New("a required cell is empty")
	// ErrFormula is a formula typed into a coded cell: its value is not a
	// code the coder chose, and a file saved without it computed has none.
	ErrFormula = errors.New("a formula, not a code")
	// ErrContextEdited is an edit to a grey column (the unit's text):
	// the coder may have coded words the dataset does not hold.
	ErrContextEdited = errors.New("a grey column was edited; it differs from the dataset")
	// ErrNoCodings is a workbook with no coded cell at all: usually the
	// blank template sent instead of the filled one.
	ErrNoCodings = errors.New("no codings: every row of the sheet is blank")
	// ErrSameCoder is two files naming one coder for the same units of
	// the same round: one of them is misnamed, or a second copy.
	ErrSameCoder = errors.New("codes units another file already codes as the same coder")
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
		b.WriteString(" " + schema.QuoteValue(e.Value)) // cut when long
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

// Unwrap returns the problems, so that errors.Is(err, ErrBadCode) and
// the like hold for a list holding one.
func (l ImportErrors) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// Import reads filled templates and returns their codings, or every
// problem in every file: an unknown unit id, a value that is not one of
// its column's codes, a required cell left empty, a formula in a coded
// cell, an edited grey column, a missing column, a blank workbook, two
// files coding the same units as one coder, a template that is not one.
// It is forgiving where spreadsheet programs are: sheets are found by
// content (a renamed sheet imports), columns by header (moved or extra
// columns are fine), blank rows are skipped, values are trimmed, a code
// matches whatever its case (as Excel's drop-downs do) and is stored as
// the codebook writes it, and a yes/no column accepts yes/no, y/n,
// true/false and 1/0 (a program may have turned them into numbers or
// booleans).
//
// In a row the coder codes, a yes/no column (strategies:denial...) left
// empty is stored as no: coders mark yes where the text shows a code and
// leave the rest, so storing those cells as not coded would drop almost
// every absence from the reliability figures and inflate agreement (one
// coder's yes against the other's empty cell would count as no
// disagreement). That holds in a row whose observed is no_response_found
// or declined_comment too: a silence uses no strategy, and no for each
// makes a disagreement on whether the state responded visible code by
// code. Any other optional cell left empty is not coded.
//
// Import applies DefaultLimits; ImportLimited takes others, and
// ImportFiles also returns what each file held.
func Import(ds *dataset.Dataset, files ...string) ([]Coding, error) {
	return ImportLimited(ds, DefaultLimits, files...)
}

// ImportLimited is Import with the given limits on each file: a file over
// one is reported (errors.Is(err, ErrLimit)) and not read further.
func ImportLimited(ds *dataset.Dataset, lim Limits, files ...string) ([]Coding, error) {
	got, err := ImportFiles(ds, ImportOptions{Limits: lim}, files...)
	if err != nil {
		return nil, err
	}
	return got.Codings, nil
}

// ImportOptions says how ImportFiles reads workbooks.
type ImportOptions struct {
	Limits Limits // zero fields are DefaultLimits
	// Replace lets a later file replace an earlier file's codings of the
	// same coder, round and unit (counted in Imported.Replaced) instead
	// of being an ErrSameCoder problem.
	Replace bool
	// Partial accepts rows with required cells left empty: an
	// adjudicator fills only the cells that settle ties. Every empty
	// cell, a yes/no one too, is then not coded (not no).
	Partial bool
}

// Imported is what ImportFiles read: the codings, and a summary of each
// file so that nothing left out goes unreported.
type Imported struct {
	Codings  []Coding
	Files    []FileSummary
	Replaced int // codings of earlier files replaced by later ones (ImportOptions.Replace)
}

// FileSummary counts what one workbook held.
type FileSummary struct {
	File    string
	Coder   string
	Round   int
	Rows    int // units listed
	Blank   int // units left entirely empty: not coded
	Empty   int // optional cells left empty in coded rows, stored as not coded; not yes/no cells, stored as no (see Import) unless the import is partial
	Codings int // codings stored, the no of empty yes/no cells included
	// Ignored names the columns of the Coding sheet that are neither the
	// template's context nor a coded variable of the codebook (a coder's
	// own notes, or a variable a later codebook no longer codes): not
	// read. IgnoredCells counts their filled cells in unit rows.
	Ignored      []string
	IgnoredCells int
}

// Warning says what the file left uncoded, or "" when it coded every cell.
func (s FileSummary) Warning() string {
	var parts []string
	if s.Blank > 0 {
		parts = append(parts, fmt.Sprintf("%d of %d units left blank (not coded)", s.Blank, s.Rows))
	}
	if s.Empty > 0 {
		parts = append(parts, fmt.Sprintf("%d optional cells left empty in coded rows (stored as not coded)", s.Empty))
	}
	if s.IgnoredCells > 0 {
		parts = append(parts, fmt.Sprintf("%d filled cells in column(s) %s not read (not a coded variable of this codebook)", s.IgnoredCells, strings.Join(s.Ignored, ", ")))
	}
	if len(parts) == 0 {
		return ""
	}
	return s.File + ": " + strings.Join(parts, "; ")
}

// ImportFiles is Import with options, returning a summary of each file
// with the codings.
func ImportFiles(ds *dataset.Dataset, opts ImportOptions, files ...string) (*Imported, error) {
	lim := opts.Limits.withDefaults()
	got := &Imported{}
	var problems ImportErrors
	// Who codes what: the file that first gave each coder, round and unit.
	type claim struct {
		coder string
		round int
		unit  string
	}
	firstFile := map[claim]string{}
	for _, file := range files {
		c, sum, errs := importFile(ds, file, lim, opts.Partial)
		problems = append(problems, errs...)
		if len(errs) > 0 {
			continue
		}
		got.Files = append(got.Files, sum)
		clashes := map[string]map[string]bool{} // earlier file → units
		for _, x := range c {
			k := claim{x.Coder, x.Round, x.UnitID}
			if earlier, ok := firstFile[k]; ok && earlier != file {
				if clashes[earlier] == nil {
					clashes[earlier] = map[string]bool{}
				}
				clashes[earlier][x.UnitID] = true
			}
		}
		for _, earlier := range sortedKeys(clashes) {
			units := clashes[earlier]
			if !opts.Replace {
				problems = append(problems, &CellError{File: file,
					Err:     fmt.Errorf("%w: coder %q, round %d, %d unit(s) also in %s", ErrSameCoder, sum.Coder, sum.Round, len(units), earlier),
					Allowed: "one file per coder and round; import with --replace to let the later file replace the earlier one's codings"})
				continue
			}
			got.Codings = slices.DeleteFunc(got.Codings, func(x Coding) bool {
				gone := x.Coder == sum.Coder && x.Round == sum.Round && units[x.UnitID]
				if gone {
					got.Replaced++
				}
				return gone
			})
		}
		for _, x := range c {
			firstFile[claim{x.Coder, x.Round, x.UnitID}] = file
		}
		got.Codings = append(got.Codings, c...)
	}
	if len(problems) > 0 {
		slices.SortStableFunc(problems, func(a, b *CellError) int {
			return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Sheet, b.Sheet), compareCells(a.Cell, b.Cell))
		})
		return nil, problems
	}
	return got, nil
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

// importFile reads one workbook: its codings, a summary, or its problems.
func importFile(ds *dataset.Dataset, file string, lim Limits, partial bool) (out []Coding, sum FileSummary, problems ImportErrors) {
	sum.File = file
	fail := func(sheet, cell, column, value, allowed string, err error) *CellError {
		return &CellError{File: file, Sheet: sheet, Cell: cell, Column: column, Value: value, Allowed: allowed, Err: err}
	}
	whole := func(sheet, allowed string, err error) (out []Coding, sum FileSummary, problems ImportErrors) {
		return nil, sum, ImportErrors{fail(sheet, "", "", "", allowed, err)}
	}
	// A workbook damaged in a way the Excel library does not expect may
	// make it panic: that is a problem with this file, not a crash.
	defer func() {
		if r := recover(); r != nil {
			out, problems = nil, ImportErrors{fail("", "", "", "", "", fmt.Errorf("%w (%v)", ErrDamagedWorkbook, r))}
		}
	}()
	if err := checkPackage(file, lim); err != nil {
		return whole("", "", err)
	}
	// Sheets over 16 MB of XML are read from temporary files, row by row.
	f, err := excelize.OpenFile(file, excelize.Options{UnzipSizeLimit: lim.UnzippedBytes, UnzipXMLSizeLimit: min(16<<20, lim.PartBytes)})
	if err != nil {
		return whole("", "", fmt.Errorf("cannot open the workbook: %w", err))
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
			return whole(s, "", err)
		}
		switch a1 {
		case Marker:
			metaSheet = s
		case "unit_id":
			codingSheet = s
		}
	}
	if metaSheet == "" || codingSheet == "" {
		return whole("", "a workbook written by rejoinder coding template", ErrNotTemplate)
	}
	meta := map[string]string{}
	err = eachRow(f, metaSheet, lim, func(_ int, r []string) bool {
		if len(r) >= 2 {
			meta[strings.TrimSpace(r[0])] = strings.TrimSpace(r[1])
		}
		return true
	})
	if err != nil {
		return whole(metaSheet, "", err)
	}
	coder, table := meta["coder"], meta["table"]
	round, err := strconv.Atoi(meta["round"])
	if coder == "" || err != nil || (table != schema.TableResponses && table != schema.TableAccusations) {
		return whole(metaSheet, "coder, table and round, as the template wrote them", ErrNotTemplate)
	}
	sum.Coder, sum.Round = coder, round
	coded, err := codedColumns(ds.Codebook, table)
	if err != nil {
		return nil, sum, ImportErrors{fail(metaSheet, "B3", "table", table, "responses, accusations", err)}
	}
	formulas, err := formulaCells(file, codingSheet, lim)
	if err != nil {
		return whole(codingSheet, "", err)
	}
	index := map[string]int{} // unit id → its row in the dataset's table
	for i, id := range unitIDs(ds, table) {
		index[id] = i
	}
	ctx := contexts(table, false)
	// The Coding sheet, row by row: its header, then one unit per row.
	var colOf map[string]int
	var extra []int // columns the template does not have (a coder's notes, a variable no longer coded)
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
			known := map[string]bool{"unit_id": true, "suggested": true, "": true}
			for _, c := range ctx {
				known[c.header] = true
			}
			for _, c := range coded {
				known[c.header] = true
			}
			for j := range row {
				if h := get(j); !known[h] {
					sum.Ignored = append(sum.Ignored, h)
					extra = append(extra, j)
				}
			}
			return len(problems) == 0
		}
		for _, j := range extra {
			if get(j) != "" {
				sum.IgnoredCells++
			}
		}
		unit := get(colOf["unit_id"])
		if unit == "" && strings.TrimSpace(strings.Join(row, "")) == "" {
			return true // a blank row
		}
		unitCell := cellName(colOf["unit_id"]+1, rowNum)
		i, known := index[unit]
		if !known {
			return report(fail(codingSheet, unitCell, "unit_id", unit, "an id of the dataset's "+table, ErrUnknownUnit))
		}
		if first, dup := seen[unit]; dup {
			return report(fail(codingSheet, unitCell, "unit_id", unit, "each unit once (first at "+first+")", ErrDuplicateRow))
		}
		seen[unit] = unitCell
		sum.Rows++
		values := map[string]string{} // single-choice variable → its code
		reported := map[string]bool{} // variables with a bad or formula cell in this row
		var rowCodings []Coding
		attempted, empty := false, 0
		for _, c := range coded {
			j := colOf[c.header]
			cell := cellName(j+1, rowNum)
			v := get(j)
			if formulas[cell] {
				attempted, reported[c.variable.Name] = true, true
				if !report(fail(codingSheet, cell, c.header, v, "a code typed as a value (copy the cell, then paste it as values)", ErrFormula)) {
					return false
				}
				continue
			}
			if v == "" {
				continue // not coded; counted or required below
			}
			attempted = true
			value, allowed, ok := normalise(c, v)
			if !ok {
				reported[c.variable.Name] = true
				if !report(fail(codingSheet, cell, c.header, v, allowed, ErrBadCode)) {
					return false
				}
				continue
			}
			if c.code == "" {
				values[c.variable.Name] = value
			}
			rowCodings = append(rowCodings, Coding{UnitID: unit, Variable: c.header, Coder: coder, Round: round, Value: value})
		}
		if !attempted {
			sum.Blank++
			return true
		}
		// The text coded must be the dataset's (a blank row codes nothing).
		for _, c := range ctx {
			j, ok := colOf[c.header]
			if !ok {
				continue // a deleted grey column hides nothing coded
			}
			want := fmt.Sprint(c.value(ds, i))
			if got := get(j); !sameText(got, want) {
				if !report(fail(codingSheet, cellName(j+1, rowNum), c.header, clip(got), "the text the template wrote, "+strconv.Quote(clip(want))+"; undo the edit", ErrContextEdited)) {
					return false
				}
			}
		}
		for _, c := range coded {
			j := colOf[c.header]
			cell := cellName(j+1, rowNum)
			if get(j) != "" || formulas[cell] {
				continue
			}
			if c.code != "" && !partial {
				// A yes/no column of a multi-label variable left empty in a
				// row the coder coded is "no": coders mark what the text
				// shows. Stored as not coded, every absence would drop out
				// of the agreement and inflate it.
				rowCodings = append(rowCodings, Coding{UnitID: unit, Variable: c.header, Coder: coder, Round: round, Value: No})
				continue
			}
			rule, required := requirementOf(table, c.variable)
			if partial || !required || !rule.appliesTo(values) {
				empty++
				continue
			}
			if !report(fail(codingSheet, cell, c.header, "", strings.Join(c.variable.Codes(), ", ")+"; "+rule.String(), ErrMissingCode)) {
				return false
			}
		}
		sum.Empty += empty
		if !partial && !oneYes(table, coded, values, rowCodings, reported, func(c column, rule oneYesRule) bool {
			j := colOf[c.header]
			return report(fail(codingSheet, cellName(j+1, rowNum), c.variable.Name, "", Yes+" in at least one "+c.variable.Name+" column, in every row you code where "+rule.when+" is "+rule.code,
				fmt.Errorf("%w: no %s column says %s", ErrMissingCode, c.variable.Name, Yes)))
		}) {
			return false
		}
		out = append(out, rowCodings...)
		return true
	})
	if errors.Is(err, ErrLimit) {
		return whole(codingSheet, "", err)
	}
	if err != nil || colOf == nil {
		return whole(codingSheet, "", fmt.Errorf("cannot read the sheet: %w", cmp.Or(err, errors.New("it is empty"))))
	}
	if len(problems) == 0 && len(out) == 0 {
		return whole(codingSheet, "a filled copy of the template; is this the blank one?", ErrNoCodings)
	}
	sum.Codings = len(out)
	return out, sum, problems
}

// oneYes checks the at-least-one-yes rules of a row's multi-label
// variables (but not of one with a cell already reported), calling
// missing with the variable's first column for each broken one; it
// returns false when missing does (too many problems).
func oneYes(table string, coded []column, values map[string]string, row []Coding, reported map[string]bool, missing func(column, oneYesRule) bool) bool {
	checked := map[string]bool{}
	for _, c := range coded {
		rule, ok := oneYesOf(table, c.variable)
		if c.code == "" || checked[c.variable.Name] || !ok || values[rule.when] != rule.code || reported[c.variable.Name] {
			continue
		}
		checked[c.variable.Name] = true
		if !slices.ContainsFunc(row, func(x Coding) bool { return x.Value == Yes && strings.HasPrefix(x.Variable, c.variable.Name+":") }) && !missing(c, rule) {
			return false
		}
	}
	return true
}

// sameText compares a grey cell with the text the template wrote, as a
// spreadsheet program may have saved it: trimmed, with any line ending.
func sameText(got, want string) bool {
	norm := strings.NewReplacer("\r\n", "\n", "\r", "\n")
	return norm.Replace(got) == norm.Replace(strings.TrimSpace(want))
}

// clip shortens text for a message.
func clip(s string) string {
	const most = 60
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	return string([]rune(s)[:most]) + "…"
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
// numbered from 1) until fn returns false, enforcing the limits on rows,
// row width and cell length: memory holds one row at a time, and a row
// padded out to a far column is refused at the first.
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
		if len(row) > lim.Columns {
			return &LimitError{Limit: "Columns", Flag: "max-columns", Part: "row " + strconv.Itoa(n), Got: int64(len(row)), Max: int64(lim.Columns)}
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
	// Excel's drop-down check ignores case, so the import does too, and
	// stores the code as the codebook writes it.
	for _, code := range c.variable.Codes() {
		if strings.EqualFold(code, v) {
			return code, "", true
		}
	}
	return "", strings.Join(c.variable.Codes(), ", "), false
}
