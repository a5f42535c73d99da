package events

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/atomicfile"
	"github.com/rejoinder/rejoinder/internal/parquetio"
	"github.com/rejoinder/rejoinder/schema"
)

// PairsFile is the Parquet file Import writes in a dataset directory.
const PairsFile = "pairs.parquet"

// MetaWindow is the key-value metadata key of PairsFile that records the
// window, in days, the imported pairs were computed with.
const MetaWindow = "rejoinder.events.window_days"

// PairsCSVLimit bounds one pairs CSV file of Import, checked before the
// file is read (REJOINDER_MAX_PAIRS_MB raises it): Import holds every row
// in memory to sort them. BigQuery shards an export into files of at most
// 1 GB, so a shard is always within it.
var PairsCSVLimit = dataset.InputLimit{What: "pairs CSV file", Env: "REJOINDER_MAX_PAIRS_MB", Bytes: 2 << 30}

// maxImportProblems caps the problems Import lists.
const maxImportProblems = 100

var pairsSchema = arrow.NewSchema([]arrow.Field{
	{Name: "accusation_id", Type: arrow.PrimitiveTypes.Int64},
	{Name: "accusation_date", Type: arrow.FixedWidthTypes.Date32},
	{Name: "accuser", Type: arrow.BinaryTypes.String},
	{Name: "accused", Type: arrow.BinaryTypes.String},
	{Name: "accusation_code", Type: arrow.BinaryTypes.String},
	{Name: "response_id", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "response_date", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
	{Name: "responder", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "response_target", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "response_code", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "response_type", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "lag_days", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
}, nil)

// Import reads pairs tables as CSV with a header of PairColumns (the
// result of the SQL of SQL, run in DuckDB, Spark or BigQuery and saved
// as CSV; several files, as BigQuery exports shard them, are one table)
// and writes them, checked and sorted, to dir/pairs.parquet, recording
// the window. Every row is checked: ids, dates, state codes, codes of
// the right kind, the response's dyad the reverse of the accusation's,
// the type and the lag agreeing with the codes and dates, the lag within
// the window. Problems are returned as a schema.ErrorList with file,
// line, column, field, value and what is allowed (the first 100), and
// nothing is written. The rows are held in memory to be sorted.
func Import(paths []string, dir string, window int) (int, error) {
	if window < 0 {
		return 0, fmt.Errorf("%w: %d days (allowed: 0 or more)", ErrWindow, window)
	}
	var rows []Pair
	var problems schema.ErrorList
	for _, p := range paths {
		got, probs, err := readPairsCSV(p, window)
		if err != nil {
			return 0, err
		}
		rows = append(rows, got...)
		problems = append(problems, probs...)
		if len(problems) >= maxImportProblems {
			break
		}
	}
	if len(problems) > maxImportProblems {
		problems = problems[:maxImportProblems]
	}
	if err := problems.Err(); err != nil {
		return 0, err
	}
	slices.SortStableFunc(rows, func(a, b Pair) int {
		return cmp.Or(cmp.Compare(a.Accusation.Date, b.Accusation.Date), cmp.Compare(a.Accusation.ID, b.Accusation.ID),
			cmp.Compare(a.Response.Date, b.Response.Date), cmp.Compare(a.Response.ID, b.Response.ID))
	})
	// One accusation is either unanswered (one row) or answered.
	for i := 1; i < len(rows); i++ {
		if a, b := rows[i-1], rows[i]; a.Accusation.ID == b.Accusation.ID && (!a.Answered || !b.Answered) {
			id := strconv.FormatInt(a.Accusation.ID, 10)
			e := &schema.FieldError{Field: "accusation_id", Value: id, Err: schema.ErrInconsistent,
				Detail: "accusation listed both without a response and with one, or twice without", Allowed: "one row per pair; one row with empty response columns for an unanswered accusation"}
			// The rows were sorted away from their lines: find them again.
			if at := rowsOfAccusation(paths, id); len(at) > 0 {
				e.File, e.Line = at[0].file, at[0].line
				if len(at) > 1 {
					e.Detail += fmt.Sprintf(" (also at %s:%d)", at[1].file, at[1].line)
				}
			}
			return 0, e
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	md := arrow.NewMetadata([]string{dataset.MetaTable, MetaWindow}, []string{"pairs", strconv.Itoa(window)})
	sc := arrow.NewSchema(pairsSchema.Fields(), &md)
	b := array.NewRecordBuilder(memory.DefaultAllocator, sc)
	defer b.Release()
	for i := range rows {
		appendPair(b, &rows[i])
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	return len(rows), atomicfile.Write(filepath.Join(dir, PairsFile), func(w io.Writer) error { return parquetio.WriteRecord(w, rec) })
}

func appendPair(b *array.RecordBuilder, p *Pair) {
	b.Field(0).(*array.Int64Builder).Append(p.Accusation.ID)
	b.Field(1).(*array.Date32Builder).Append(arrow.Date32(p.Accusation.Date))
	b.Field(2).(*array.StringBuilder).Append(p.Accuser)
	b.Field(3).(*array.StringBuilder).Append(p.Accused)
	b.Field(4).(*array.StringBuilder).Append(p.Accusation.Code)
	if !p.Answered {
		for i := 5; i < 12; i++ {
			b.Field(i).AppendNull()
		}
		return
	}
	b.Field(5).(*array.Int64Builder).Append(p.Response.ID)
	b.Field(6).(*array.Date32Builder).Append(arrow.Date32(p.Response.Date))
	b.Field(7).(*array.StringBuilder).Append(p.Accused)
	b.Field(8).(*array.StringBuilder).Append(p.Accuser)
	b.Field(9).(*array.StringBuilder).Append(p.Response.Code)
	b.Field(10).(*array.StringBuilder).Append(p.Type)
	b.Field(11).(*array.Int32Builder).Append(int32(p.Lag))
}

// readPairsCSV reads one CSV file of pairs.
// rowsOfAccusation returns where the pairs files list an accusation id,
// for an error found after the rows were sorted.
func rowsOfAccusation(paths []string, id string) []struct {
	file string
	line int
} {
	var at []struct {
		file string
		line int
	}
	col := slices.Index(PairColumns, "accusation_id")
	for _, p := range paths {
		f, err := PairsCSVLimit.Open(p)
		if err != nil {
			continue
		}
		cr := csv.NewReader(f)
		cr.ReuseRecord = true
		for {
			rec, err := cr.Read()
			var pe *csv.ParseError
			if err != nil && !errors.As(err, &pe) {
				break // the end, or a read error
			}
			if err == nil && col < len(rec) && rec[col] == id {
				line, _ := cr.FieldPos(0)
				at = append(at, struct {
					file string
					line int
				}{p, line})
			}
		}
		f.Close()
	}
	return at
}

func readPairsCSV(path string, window int) ([]Pair, schema.ErrorList, error) {
	f, err := PairsCSVLimit.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: no header: %w", path, err)
	}
	if !slices.Equal(header, PairColumns) {
		return nil, schema.ErrorList{{File: path, Line: 1, Field: "header", Value: fmt.Sprint(header), Err: schema.ErrBadValue,
			Allowed: fmt.Sprint(PairColumns)}}, nil
	}
	var rows []Pair
	var problems schema.ErrorList
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, problems, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				problems = append(problems, &schema.FieldError{File: path, Line: pe.Line, Column: pe.Column, Err: schema.ErrSyntax, Detail: pe.Err.Error()})
				if len(problems) >= maxImportProblems {
					return rows, problems, nil
				}
				continue
			}
			if errors.Is(err, dataset.ErrInputTooLarge) {
				return nil, nil, err // it names the file
			}
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		p, fe := parsePairRow(rec, window)
		if fe != nil {
			fe.File, fe.Line = path, line
			problems = append(problems, fe)
			if len(problems) >= maxImportProblems {
				return rows, problems, nil
			}
			continue
		}
		rows = append(rows, p)
	}
}

// parsePairRow checks one row of a pairs table; the error has the
// column (1-based) and field set.
func parsePairRow(r []string, window int) (Pair, *schema.FieldError) {
	bad := func(col int, allowed string) *schema.FieldError {
		return &schema.FieldError{Column: col + 1, Field: PairColumns[col], Value: r[col], Err: schema.ErrBadValue, Allowed: allowed}
	}
	var p Pair
	var ok bool
	var err error
	if p.Accusation.ID, ok = parseID(r[0]); !ok {
		return p, bad(0, "an integer event id, 0 or more")
	}
	if p.Accusation.Date, err = ParseDay(r[1]); err != nil {
		return p, bad(1, "a date YYYY-MM-DD")
	}
	if p.Accuser = r[2]; !IsState(p.Accuser) {
		return p, bad(2, "an ISO 3166-1 alpha-3 state code")
	}
	if p.Accused = r[3]; !IsState(p.Accused) || p.Accused == p.Accuser {
		return p, bad(3, "an ISO 3166-1 alpha-3 state code other than the accuser")
	}
	if p.Accusation.Code = r[4]; !IsAccusation(p.Accusation.Code) {
		return p, bad(4, "an accusation code: 112, 1121 to 1125")
	}
	empty := 0
	for _, c := range r[5:] {
		if c == "" {
			empty++
		}
	}
	switch empty {
	case len(r) - 5:
		return p, nil // an unanswered accusation
	case 0:
	default:
		for i := 5; i < len(r); i++ {
			if r[i] == "" {
				return p, &schema.FieldError{Column: i + 1, Field: PairColumns[i], Err: schema.ErrMissing, Allowed: "every response column filled, or none (an unanswered accusation)"}
			}
		}
	}
	p.Answered = true
	if p.Response.ID, ok = parseID(r[5]); !ok {
		return p, bad(5, "an integer event id, 0 or more")
	}
	if p.Response.Date, err = ParseDay(r[6]); err != nil {
		return p, bad(6, "a date YYYY-MM-DD")
	}
	if r[7] != p.Accused {
		return p, bad(7, "the accused ("+p.Accused+")")
	}
	if r[8] != p.Accuser {
		return p, bad(8, "the accuser ("+p.Accuser+")")
	}
	if p.Response.Code = r[9]; ResponseType(p.Response.Code) == "" {
		return p, bad(9, "a response code: 016, 011, 112, 1121 to 1125, 13x, 174")
	}
	if p.Type = r[10]; p.Type != ResponseType(p.Response.Code) {
		return p, bad(10, "the type of code "+p.Response.Code+" ("+ResponseType(p.Response.Code)+")")
	}
	lag := int(p.Response.Date - p.Accusation.Date)
	if lag < 0 || lag > window {
		return p, bad(6, fmt.Sprintf("a date 0 to %d days after the accusation (%s)", window, p.Accusation.Date))
	}
	if p.Lag, err = strconv.Atoi(r[11]); err != nil || p.Lag != lag {
		return p, bad(11, fmt.Sprintf("the days from accusation to response (%d)", lag))
	}
	return p, nil
}

func parseID(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n >= 0
}

// HasPairs reports whether dir holds imported pairs.
func HasPairs(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, PairsFile))
	return err == nil
}

// ReadPairs opens the pairs Import wrote in dir as a Source, with the
// window they were computed with. It reads the file batch by batch.
func ReadPairs(dir string) (Source, int, error) {
	path := filepath.Join(dir, PairsFile)
	kv, err := keyValues(path)
	if err != nil {
		return nil, 0, err
	}
	window, err := strconv.Atoi(kv[MetaWindow])
	if err != nil {
		return nil, 0, fmt.Errorf("%s: no window recorded (%s); not written by rejoinder events import", path, MetaWindow)
	}
	names := make([]string, len(pairsSchema.Fields()))
	for i, f := range pairsSchema.Fields() {
		names[i] = f.Name
	}
	src := func(fn func(Accusation, []Response) error) error {
		var cur Accusation
		var rs []Response
		have := false
		err := parquetio.ScanColumnsAny(path, names, func(cols []arrow.Array, first, n int) error {
			for i, c := range cols {
				if !arrow.TypeEqual(c.DataType(), pairsSchema.Field(i).Type) {
					return fmt.Errorf("%s: column %s is %s, want %s", path, names[i], c.DataType(), pairsSchema.Field(i).Type)
				}
			}
			aid, adate := cols[0].(*array.Int64), cols[1].(*array.Date32)
			accuser, accused, acode := cols[2].(*array.String), cols[3].(*array.String), cols[4].(*array.String)
			rid, rdate := cols[5].(*array.Int64), cols[6].(*array.Date32)
			rcode, rtype, lag := cols[9].(*array.String), cols[10].(*array.String), cols[11].(*array.Int32)
			for r := 0; r < n; r++ {
				if !have || aid.Value(r) != cur.ID {
					if have {
						cur.Answered = len(rs) > 0
						if err := fn(cur, rs); err != nil {
							return err
						}
					}
					have, rs = true, rs[:0]
					cur = Accusation{ID: aid.Value(r), Date: Day(adate.Value(r)), Accuser: accuser.Value(r), Accused: accused.Value(r), Code: acode.Value(r)}
				}
				if !rid.IsNull(r) {
					rs = append(rs, Response{ID: rid.Value(r), Date: Day(rdate.Value(r)), Code: rcode.Value(r), Type: rtype.Value(r), Lag: int(lag.Value(r))})
				}
			}
			return nil
		})
		if err != nil || !have {
			return err
		}
		cur.Answered = len(rs) > 0
		return fn(cur, rs)
	}
	return src, window, nil
}

// keyValues reads a Parquet file's key-value metadata.
func keyValues(path string) (map[string]string, error) {
	if err := dataset.ParquetLimit.CheckInput(path); err != nil {
		return nil, err
	}
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}
	defer pf.Close()
	kv := map[string]string{}
	for _, e := range pf.MetaData().KeyValueMetadata() {
		if e.Value != nil {
			kv[e.Key] = *e.Value
		}
	}
	return kv, nil
}
