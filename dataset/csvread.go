package dataset

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/rejoinder/rejoinder/internal/parallel"
	"github.com/rejoinder/rejoinder/internal/textfile"

	"github.com/rejoinder/rejoinder/schema"
)

// ListSeparator joins the values of a multi-valued field in one cell:
// a CSV cell, a workbook cell, a text column of an analysis frame. Stata,
// R and Excel users split on it, and the data package states it. In CSV
// (JoinList), a ";" or "\\" inside an item is escaped with a backslash,
// so that free text survives the round trip.
const ListSeparator = "; "

// CSVListSeparator is the old name of ListSeparator.
//
// Deprecated: use ListSeparator.
const CSVListSeparator = ListSeparator

// JoinList joins list items for a CSV cell, escaping ";" and "\\" inside
// them: codes come out as "denial; identity_dispute", and an item with its
// own semicolon ("Gatwick; Heathrow") as "Gatwick\\; Heathrow".
func JoinList(items []string) string {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteString(ListSeparator)
		}
		// Byte by byte: ";" and "\\" are ASCII, and bytes that are not
		// valid UTF-8 pass through unchanged.
		for j := 0; j < len(it); j++ {
			if it[j] == ';' || it[j] == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(it[j])
		}
	}
	return b.String()
}

// SplitList is the inverse of JoinList.
func SplitList(cell string) []string {
	if !strings.Contains(cell, `\`) {
		return strings.Split(cell, ListSeparator) // nothing escaped: the common case, without a copy
	}
	return splitEscaped(cell)
}

// splitEscaped is SplitList for any cell, escapes undone byte by byte.
func splitEscaped(cell string) []string {
	var items []string
	var cur strings.Builder
	for i := 0; i < len(cell); i++ {
		switch c := cell[i]; {
		case c == '\\' && i+1 < len(cell):
			i++
			cur.WriteByte(cell[i])
		case c == ';' && strings.HasPrefix(cell[i:], ListSeparator):
			items = append(items, cur.String())
			cur.Reset()
			i += len(ListSeparator) - 1
		default:
			cur.WriteByte(c)
		}
	}
	return append(items, cur.String())
}

// ExcelCSVFile is the descriptor `rejoinder export csv --excel` writes
// beside its tables instead of datapackage.json: the same metadata, and
// the mark that the tables' cells carry the escapes of EscapeExcelCell,
// which ReadCSV then undoes. A marker file, rather than the byte-order
// mark or the look of the cells, because neither tells an escape from a
// value: Excel saving "CSV UTF-8" adds a byte-order mark to any file,
// LibreOffice drops it from ours, and '=1+1 or ="016" can be genuine text.
const ExcelCSVFile = "excel-csv.json"

// EscapeExcelCell returns a CSV cell as `export csv --excel` writes it for
// spreadsheet programs: text made only of digits (a CAMEO code such as
// 016; text is true for a text value, not for a list or date) as ="016",
// so that it stays text, not the number 16; a cell starting with = + - @
// tab or CR with an apostrophe before it, so that it is never a formula;
// and, so that every apostrophe at the start is one that was added, a
// cell starting with an apostrophe with one more. Any other cell is left
// as it is. UnescapeExcelCell undoes it exactly.
func EscapeExcelCell(cell string, text bool) string {
	switch {
	case text && digitsOnly(cell):
		return `="` + cell + `"`
	case cell != "" && strings.ContainsRune("=+-@\t\r'", rune(cell[0])):
		return "'" + cell
	}
	return cell
}

// UnescapeExcelCell is the inverse of EscapeExcelCell: it removes one
// leading apostrophe, and unwraps ="digits". A spreadsheet program that
// saved the file may have done either already (the formula ="016" is
// saved as its value, 016); what is left is undone, and a cell
// EscapeExcelCell leaves alone never starts with an apostrophe or =.
func UnescapeExcelCell(cell string) string {
	if strings.HasPrefix(cell, "'") {
		return cell[1:]
	}
	if len(cell) > 3 && strings.HasPrefix(cell, `="`) && strings.HasSuffix(cell, `"`) && digitsOnly(cell[2:len(cell)-1]) {
		return cell[2 : len(cell)-1]
	}
	return cell
}

// digitsOnly reports whether s is a non-empty run of ASCII digits, which
// spreadsheet programs would read as a number.
func digitsOnly(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// headerColumns maps each column name of a CSV header to its index. A
// header column that is not one of the table's columns, or that repeats
// an earlier one, is a problem naming its position and the allowed
// columns: an unknown column would otherwise vanish on import, and of two
// columns with one name only the last would be kept. A cell of the header
// that is not UTF-8 is a problem too.
func headerColumns(path, table string, header []string, r *csv.Reader, cols []schema.Column) (map[string]int, schema.ErrorList) {
	problems := invalidUTF8Cells(path, table, nil, header, r)
	allowed := map[string]bool{}
	var names []string
	for _, c := range cols {
		allowed[c.Field.Name] = true
		names = append(names, c.Field.Name)
	}
	at := map[string]int{}
	for i, h := range header {
		name := strings.TrimSpace(h)
		if !utf8.ValidString(name) {
			continue // reported above
		}
		_, col := r.FieldPos(i)
		e := &schema.FieldError{File: path, Line: 1, Column: col, Table: table, Field: name, Value: name}
		switch first, seen := at[name]; {
		case !allowed[name]:
			e.Err, e.Detail = schema.ErrUnknownField, fmt.Sprintf("header column %d is not a column of the %s table", i+1, table)
			e.Allowed = "the columns rejoinder export csv writes: " + strings.Join(names, ", ")
			if name == "" {
				e.Detail = fmt.Sprintf("header column %d has no name", i+1)
			}
		case seen:
			e.Err, e.Detail = schema.ErrBadValue, fmt.Sprintf("header column %d repeats column %d", i+1, first+1)
			e.Allowed = "each column once"
		default:
			at[name] = i
			continue
		}
		problems = append(problems, e)
	}
	return at, problems
}

// maxListedNotUTF8 is how many cells that are not UTF-8 a CSV file's
// problems list before they are only counted.
const maxListedNotUTF8 = 20

// invalidUTF8Cells returns a problem for each cell of a CSV record that
// is not valid UTF-8 (a Latin-1 or Windows-1252 file, say), with its line
// and column, so that no such byte reaches Parquet, whose strings must be
// UTF-8. header names the cells' columns; nil for the header itself.
func invalidUTF8Cells(path, table string, header, rec []string, r *csv.Reader) schema.ErrorList {
	var problems schema.ErrorList
	for i, cell := range rec {
		if utf8.ValidString(cell) {
			continue
		}
		line, col := r.FieldPos(i)
		_, excerpt, detail := utf8Problem(cell)
		field := ""
		if i < len(header) {
			field = strings.TrimSpace(header[i])
		}
		problems = append(problems, &schema.FieldError{File: path, Line: line, Column: col, Table: table,
			Field: field, Value: excerpt, Err: schema.ErrBadValue, Detail: detail})
	}
	return problems
}

// checkNotUTF16 refuses a CSV file saved as UTF-16 ("Unicode text" in
// Excel), recognised by its byte-order mark or by NUL bytes early on: read
// as UTF-8, its header matches no column and every row is wrong, which
// would bury the one cause under a problem for each.
func checkNotUTF16(path, table string, br *bufio.Reader) error {
	head, _ := br.Peek(4096)
	detail := textfile.UTF16(head)
	if detail == "" {
		return nil
	}
	return &schema.FieldError{File: path, Line: 1, Table: table, Err: schema.ErrSyntax,
		Detail: detail + "; " + textfile.SaveAsUTF8}
}

// notUTF8 is the error for a whole file b, read from path, that is not
// valid UTF-8: it names the line and column (in bytes) of the first bad
// byte.
func notUTF8(path string, b []byte) error {
	offset, excerpt, detail := utf8Problem(string(b))
	line := 1 + bytes.Count(b[:offset], []byte("\n"))
	col := offset - bytes.LastIndexByte(b[:offset], '\n')
	return &schema.FieldError{File: path, Line: line, Column: col, Value: excerpt, Err: schema.ErrBadValue, Detail: detail}
}

// utf8Problem locates the first byte of s that is not valid UTF-8: its
// 0-based offset, an excerpt of s around it (a bad cell may be long) and
// a detail naming the byte and what to do.
func utf8Problem(s string) (offset int, excerpt, detail string) {
	offset = len(s)
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				offset = i
				break
			}
		}
	}
	if offset == len(s) {
		return -1, "", ""
	}
	from, to := max(0, offset-20), min(len(s), offset+20)
	for from < offset && !utf8.RuneStart(s[from]) {
		from++ // cut between characters, not inside one
	}
	for to < len(s) && !utf8.RuneStart(s[to]) {
		to++
	}
	excerpt = s[from:to]
	if from > 0 {
		excerpt = "…" + excerpt
	}
	if to < len(s) {
		excerpt += "…"
	}
	detail = fmt.Sprintf("byte 0x%02X at byte %d is not valid UTF-8 (rejoinder reads text as UTF-8: save the file as UTF-8, not Latin-1 or Windows-1252)", s[offset], offset+1)
	return offset, excerpt, detail
}

// ReadCSV reads a dataset from CSV files in the layout `rejoinder export
// csv` writes (one <table>.csv per table, codebook column names in the
// header, lists joined by "; ", dates as YYYY-MM-DD with their precision
// in the next column, booleans as true or false) and validates it. The
// metadata comes from datapackage.json when the directory has one. Every
// problem is reported at once, each with file, line and column. Nothing is
// dropped or altered on the way: a header column the table does not have
// or names twice, and text that is not UTF-8, are problems too (a file in
// UTF-16 is one problem, for the whole file).
//
// Tables written by `export csv --excel` (marked by ExcelCSVFile beside
// them) are read back as they were before the export: the apostrophes and
// ="…" wrappers it added are removed (see UnescapeExcelCell). A directory
// with both datapackage.json and ExcelCSVFile is ambiguous, and an error.
func ReadCSV(dir string) (*Dataset, error) {
	metaFile, excel, err := csvDescriptor(dir)
	if err != nil {
		return nil, err
	}
	ds := &Dataset{Codebook: schema.Default(), metaFile: metaFile}
	if err := readPackageMeta(metaFile, &ds.Meta); err != nil {
		return nil, err
	}
	// Each table fills its own field of ds: read them on all cores, then
	// report in table order, as a sequential reader would.
	found := make([]schema.ErrorList, len(Tables))
	errs := make([]error, len(Tables))
	complete := make([]bool, len(Tables))
	parallel.For(len(Tables), func(i int) {
		found[i], complete[i], errs[i] = ds.readTableCSV(filepath.Join(dir, Tables[i]+".csv"), Tables[i], excel)
	})
	var problems schema.ErrorList
	allRead := true
	for i := range Tables {
		if errs[i] != nil {
			return nil, errs[i]
		}
		problems = append(problems, found[i]...)
		allRead = allRead && complete[i]
	}
	if !allRead {
		// A table whose rows could not be read (a missing column, a
		// broken quote) would make every reference to its rows dangle:
		// hundreds of thousands of problems that all follow from the one
		// in its header. Report the cause alone; the rows are checked once
		// it is fixed.
		return nil, problems.Err()
	}
	// Dangling quotes join the problems found so far, not replace them.
	if err := ds.attachQuotes(); err != nil {
		var list schema.ErrorList
		if !errors.As(err, &list) {
			return nil, err
		}
		problems = append(problems, list...)
	}
	problems = append(problems, ds.Validate()...)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return ds, nil
}

// csvDescriptor returns the descriptor of a directory of CSV tables and
// whether it marks them as written by `export csv --excel`: datapackage.json
// (plain CSV, the default even when absent) or ExcelCSVFile.
func csvDescriptor(dir string) (path string, excel bool, err error) {
	plain, marked := filepath.Join(dir, "datapackage.json"), filepath.Join(dir, ExcelCSVFile)
	_, errPlain := os.Stat(plain)
	_, errMarked := os.Stat(marked)
	switch {
	case errMarked != nil:
		return plain, false, nil
	case errPlain == nil:
		return "", false, &schema.FieldError{File: dir, Err: schema.ErrInconsistent,
			Detail:  fmt.Sprintf("the directory has both %s (plain CSV tables, as export csv writes them) and %s (tables for spreadsheet programs, as export csv --excel writes them, whose cells carry escapes to undo), so it is not clear how to read its tables", "datapackage.json", ExcelCSVFile),
			Allowed: "one of the two: delete the one that does not describe the tables, or export again into an empty directory"}
	}
	return marked, true, nil
}

// readPackageMeta fills the metadata from a data package descriptor; a
// missing descriptor leaves it empty.
func readPackageMeta(path string, m *Metadata) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !utf8.Valid(b) {
		// encoding/json would silently turn the byte into U+FFFD.
		return notUTF8(path, b)
	}
	var pkg struct {
		Name, Title, Version, Description, Homepage string
		Citation                                    string `json:"rejoinder:citation"`
		Licenses                                    []struct{ Name string }
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	*m = Metadata{Name: pkg.Name, Title: pkg.Title, Version: pkg.Version, Description: pkg.Description,
		Citation: pkg.Citation, Homepage: pkg.Homepage}
	if len(pkg.Licenses) > 0 {
		m.License = pkg.Licenses[0].Name
	}
	return nil
}

// readTableCSV appends one table's rows. Cell problems (a bad date or
// boolean) are returned as a list; an unreadable file as an error.
// complete is false when the rows were not all read (a column is missing,
// or the CSV syntax breaks off), so that references to them cannot be
// checked.
// excel undoes the escapes of EscapeExcelCell in every cell but the header.
func (ds *Dataset) readTableCSV(path, table string, excel bool) (problems schema.ErrorList, complete bool, err error) {
	t, problems, err := openCSVTable(path, table, excel, ds.codebook())
	if t == nil || err != nil {
		return problems, false, err
	}
	defer t.close()
	capacity := 64
	if info, err := t.f.Stat(); err == nil {
		capacity = int(info.Size()/200) + 64 // a guess at the row count, to grow the slice less
	}
	rows := reflect.MakeSlice(reflect.SliceOf(t.rt), 0, capacity)
	rows, found, state, err := t.read(rows, -1, nil)
	if err != nil {
		return nil, false, err
	}
	problems = append(problems, found...)
	if state == csvBroken {
		return problems, false, nil
	}
	problems = append(problems, t.notUTF8Summary()...)
	ds.setRows(table, rows)
	return problems, true, nil
}

// setRows sets the rows of one table from a slice of its record type;
// quotes wait in pendingQuotes for their units.
func (ds *Dataset) setRows(table string, rows reflect.Value) {
	switch table {
	case schema.TableCases:
		ds.Cases = rows.Interface().([]schema.Case)
	case schema.TableAccusations:
		ds.Accusations = rows.Interface().([]schema.Accusation)
	case schema.TableResponses:
		ds.Responses = rows.Interface().([]schema.Response)
	case schema.TableSources:
		ds.Sources = rows.Interface().([]schema.Source)
	case schema.TableQuotes:
		ds.pendingQuotes = rows.Interface().([]schema.Quote)
	}
}

// csvTable reads the rows of one CSV table into records, in batches or
// all at once: the parsing rules of ReadCSV, shared by its whole-table
// reader and the streamed import (ImportCSV).
type csvTable struct {
	path, table  string
	excel        bool
	f            *os.File
	r            *csv.Reader
	header       []string
	cols         []schema.Column
	at           map[string]int // column name → index in the header
	rt           reflect.Type
	index        map[string]int // variable name → struct field index
	columns      map[string]int // variable name → 1-based CSV column, for positions
	quotesAt     int            // index of the (derived, not read) quotes column; -1 if none
	posField     int            // index of the record's Pos field
	slots        []csvSlot      // the columns read, in codebook order
	notUTF8Cells int
}

// csvSlot is a column of the codebook that a table's rows are read into:
// where its cells stand in the CSV rows and which field they fill.
type csvSlot struct {
	col   schema.Column
	at    int // index in the header
	field int // struct field index
}

// The states a csvTable is in after a read.
const (
	csvMore   = iota // rows are left
	csvEOF           // every row was read
	csvBroken        // the CSV syntax broke off: the rows after it were not read
)

// openCSVTable opens a table's CSV file and checks its header. A header
// that lacks a column gives a nil table and the problems: its rows cannot
// be read. An unknown or repeated column is reported, and the rows are
// read with the known columns (the first of a repeated one).
func openCSVTable(path, table string, excel bool, cb *schema.Codebook) (t *csvTable, problems schema.ErrorList, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		if t == nil {
			f.Close()
		}
	}()
	br := bufio.NewReaderSize(f, 64<<10)
	if err := checkNotUTF16(path, table, br); err != nil {
		return nil, nil, err
	}
	r := csv.NewReader(br)
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: no header row: %w", path, err)
	}
	header = append([]string(nil), header...)
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\uFEFF")
	}
	cols := cb.Columns(table)
	at, problems := headerColumns(path, table, header, r, cols)
	var missing schema.ErrorList
	for _, c := range cols {
		if _, ok := at[c.Field.Name]; !ok && c.Variable.Name != "quotes" {
			need := "an optional column, but every column must be in the header: leave its cells empty"
			if c.Variable.Required {
				need = "a required column"
			}
			missing = append(missing, &schema.FieldError{File: path, Line: 1, Table: table, Field: c.Field.Name,
				Err: schema.ErrMissingColumn, Detail: fmt.Sprintf("%s is %s; the rows of %s were not read, so they and the references to them are checked once the header is fixed", c.Field.Name, need, filepath.Base(path)),
				Allowed: "the columns rejoinder export csv writes"})
		}
	}
	if len(missing) > 0 {
		return nil, append(problems, missing...), nil
	}
	t = &csvTable{path: path, table: table, excel: excel, f: f, r: r, header: header, cols: cols, at: at,
		index: map[string]int{}, columns: map[string]int{}, quotesAt: -1}
	t.rt, _ = schema.RecordType(table)
	pos, _ := t.rt.FieldByName("Pos")
	t.posField = pos.Index[0]
	for _, fl := range schema.FieldsOf(t.rt) {
		t.index[fl.Name] = fl.Index
	}
	// Rows of this file share one map of field columns for their positions.
	for _, c := range cols {
		if i, ok := at[c.Field.Name]; ok && !c.Precision {
			t.columns[c.Variable.Name] = i + 1
		}
		if i, ok := at[c.Field.Name]; ok && c.Variable.Name == "quotes" {
			t.quotesAt = i
		}
		if i, ok := at[c.Field.Name]; ok && c.Variable.Name != "quotes" {
			t.slots = append(t.slots, csvSlot{col: c, at: i, field: t.index[c.Variable.Name]})
		}
	}
	return t, problems, nil
}

func (t *csvTable) close() { t.f.Close() }

// notUTF8Summary counts the cells not UTF-8 beyond those listed.
func (t *csvTable) notUTF8Summary() schema.ErrorList {
	if n := t.notUTF8Cells - maxListedNotUTF8; n > 0 {
		return schema.ErrorList{&schema.FieldError{File: t.path, Table: t.table, Err: schema.ErrBadValue,
			Detail: fmt.Sprintf("%d more cells are not valid UTF-8 (the first %d are listed): save the file as UTF-8", n, maxListedNotUTF8)}}
	}
	return nil
}

// read appends up to n rows (all when n < 0) to rows, a slice of the
// table's record type, and returns it with the problems of their cells.
// quotes, when not nil, gets each row's cell of the quotes column ("" when
// the header has none): ReadCSV derives a unit's quotes from quotes.csv
// and ignores that cell, which the streamed import uses to pair the two
// files.
func (t *csvTable) read(rows reflect.Value, n int, quotes *[]string) (_ reflect.Value, problems schema.ErrorList, state int, err error) {
	path, table, r := t.path, t.table, t.r
	intern := interner{}
	for k := 0; n < 0 || k < n; k++ {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, problems, csvEOF, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return rows, append(problems, &schema.FieldError{File: path, Line: pe.Line, Column: pe.Column, Table: table,
				Err: schema.ErrSyntax, Detail: pe.Err.Error() + "; the rows after it were not read"}), csvBroken, nil
		}
		if err != nil {
			return rows, nil, csvBroken, err
		}
		if t.excel {
			for i := range rec {
				rec[i] = UnescapeExcelCell(rec[i])
			}
		}
		line, _ := r.FieldPos(0)
		// The row is still read, so that its id is known and no reference
		// to it is reported as dangling.
		if bad := invalidUTF8Cells(path, table, t.header, rec, r); len(bad) > 0 {
			// A file in Latin-1 has such a cell in every other row: list
			// the first few, then count the rest.
			room := max(0, maxListedNotUTF8-t.notUTF8Cells)
			problems = append(problems, bad[:min(len(bad), room)]...)
			t.notUTF8Cells += len(bad)
		}
		if quotes != nil {
			cell := ""
			if t.quotesAt >= 0 && t.quotesAt < len(rec) {
				cell = strings.Clone(rec[t.quotesAt])
			}
			*quotes = append(*quotes, cell)
		}
		rv := reflect.New(t.rt).Elem()
		problems = append(problems, t.fill(rv, rec, line, intern)...)
		rows = reflect.Append(rows, rv)
	}
	return rows, problems, csvMore, nil
}

// fill sets the fields of one record from the cells of its CSV row.
func (t *csvTable) fill(rv reflect.Value, rec []string, line int, intern interner) (problems schema.ErrorList) {
	path, table, r := t.path, t.table, t.r
	pos := &schema.Position{File: path, Line: line, Column: 1, Columns: t.columns}
	rv.Field(t.posField).Set(reflect.ValueOf(pos))
	for _, sl := range t.slots {
		c, i := sl.col, sl.at
		_, col := r.FieldPos(min(i, len(rec)-1))
		if i >= len(rec) {
			problems = append(problems, &schema.FieldError{File: path, Line: line, Table: table, Field: c.Field.Name,
				Err: schema.ErrMissing, Detail: fmt.Sprintf("the row has %d fields", len(rec))})
			continue
		}
		cell := rec[i]
		fv := rv.Field(sl.field)
		bad := func(allowed string) {
			problems = append(problems, &schema.FieldError{File: path, Line: line, Column: col, Table: table,
				Field: c.Field.Name, Value: cell, Allowed: allowed, Err: schema.ErrBadValue})
		}
		switch {
		case c.Precision:
			p, err := schema.ParsePrecision(cell)
			if err != nil {
				bad("day, month, year or empty")
				continue
			}
			if d := fv.Interface().(schema.Date); !d.IsZero() && p != schema.PrecisionNone {
				fv.Set(reflect.ValueOf(schema.DateFromEpochDays(d.DaysSinceEpoch(), p)))
			}
		case c.Variable.Type == schema.TypeDate:
			d, err := schema.ParseDate(cell)
			if err != nil || (d.Precision != schema.PrecisionDay && !d.IsZero()) {
				bad("YYYY-MM-DD or empty (the precision goes in the next column)")
				continue
			}
			fv.Set(reflect.ValueOf(d))
		case c.Variable.Type == schema.TypeBool:
			switch cell {
			case "true":
				fv.SetBool(true)
			case "false":
			default:
				bad("true or false")
			}
		case c.Variable.List:
			if cell == "" {
				continue
			}
			parts := SplitList(cell)
			for k, p := range parts {
				parts[k] = intern.get(strings.TrimSpace(p))
			}
			fv.Set(reflect.ValueOf(parts))
		case repeats(c.Variable):
			fv.SetString(intern.get(cell))
		default:
			fv.SetString(strings.Clone(cell))
		}
	}
	return problems
}
