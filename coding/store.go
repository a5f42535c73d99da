package coding

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/rejoinder/rejoinder/internal/atomicfile"
	"github.com/rejoinder/rejoinder/internal/parquetio"
)

// codingsSchema is the layout of a codings Parquet file.
var codingsSchema = arrow.NewSchema([]arrow.Field{
	{Name: "unit_id", Type: arrow.BinaryTypes.String},
	{Name: "variable", Type: arrow.BinaryTypes.String},
	{Name: "coder", Type: arrow.BinaryTypes.String},
	{Name: "round", Type: arrow.PrimitiveTypes.Int32},
	{Name: "value", Type: arrow.BinaryTypes.String},
}, nil)

func compareCodings(a, b Coding) int {
	return cmp.Or(cmp.Compare(a.UnitID, b.UnitID), cmp.Compare(a.Variable, b.Variable), cmp.Compare(a.Coder, b.Coder), cmp.Compare(a.Round, b.Round))
}

// sameJudgement reports whether two codings record the same judgement:
// the same key and value, wherever each was read (Where).
func sameJudgement(a, b Coding) bool { return compareCodings(a, b) == 0 && a.Value == b.Value }

// Merge adds new codings to old ones: a coding with the same unit,
// variable, coder and round replaces the old one without a word, so
// importing the same file twice changes nothing. The result is sorted by
// that key. `coding import` uses Add instead, which refuses to replace a
// coder's different earlier codings unless told to.
func Merge(old, new []Coding) []Coding {
	all := append(slices.Clone(new), old...) // new first, so it wins below
	slices.SortStableFunc(all, compareCodings)
	return slices.CompactFunc(all, func(a, b Coding) bool { return compareCodings(a, b) == 0 })
}

// WriteCodings writes codings as a Parquet file, or as CSV when the path
// ends in .csv (the form the dataset publishes), sorted so that the same
// codings give the same bytes, through a temporary file.
func WriteCodings(path string, codings []Coding) error {
	if isCSV(path) {
		return atomicfile.Write(path, func(w io.Writer) error { return WriteCodingsCSV(w, codings) })
	}
	codings = slices.Clone(codings)
	slices.SortFunc(codings, compareCodings)
	return atomicfile.Write(path, func(w io.Writer) error {
		b := array.NewRecordBuilder(memory.DefaultAllocator, codingsSchema)
		defer b.Release()
		for _, c := range codings {
			b.Field(0).(*array.StringBuilder).Append(c.UnitID)
			b.Field(1).(*array.StringBuilder).Append(c.Variable)
			b.Field(2).(*array.StringBuilder).Append(c.Coder)
			b.Field(3).(*array.Int32Builder).Append(int32(c.Round))
			b.Field(4).(*array.StringBuilder).Append(c.Value)
		}
		rec := b.NewRecordBatch()
		defer rec.Release()
		return parquetio.WriteRecord(w, rec)
	})
}

// isCSV reports whether a codings path names a CSV file (by its
// extension) rather than Parquet: the published codings are CSV.
func isCSV(path string) bool { return strings.EqualFold(filepath.Ext(path), ".csv") }

// Rounds returns the coding rounds the codings hold, in order.
func Rounds(codings []Coding) []int {
	var rounds []int
	for _, c := range codings {
		if !slices.Contains(rounds, c.Round) {
			rounds = append(rounds, c.Round)
		}
	}
	slices.Sort(rounds)
	return rounds
}

// ReadCodings reads a codings Parquet file, or a CSV file when the path
// ends in .csv; a missing file has none.
func ReadCodings(path string) ([]Coding, error) {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil, nil
	}
	if isCSV(path) {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return ReadCodingsCSV(f, path)
	}
	var out []Coding
	err := parquetio.ScanColumnsAny(path, []string{"unit_id", "variable", "coder", "round", "value"}, func(cols []arrow.Array, _, n int) error {
		u, ok1 := cols[0].(*array.String)
		v, ok2 := cols[1].(*array.String)
		c, ok3 := cols[2].(*array.String)
		rounds, ok4 := cols[3].(*array.Int32)
		val, ok5 := cols[4].(*array.String)
		if !(ok1 && ok2 && ok3 && ok4 && ok5) {
			return fmt.Errorf("%s: not a codings file (want unit_id, variable, coder, value as text and round as int32)", path)
		}
		for i := 0; i < n; i++ {
			out = append(out, Coding{UnitID: u.Value(i), Variable: v.Value(i), Coder: c.Value(i), Round: int(rounds.Value(i)), Value: val.Value(i)})
		}
		return nil
	})
	return out, err
}

// ErrCodedBefore is an import of codings a codings file already holds
// different ones of: the same coder, round and unit.
var ErrCodedBefore = errors.New("already holds different codings by the same coder")

// ConflictError lists the units a codings file already holds different
// codings of, by one coder in one round.
type ConflictError struct {
	Coder string
	Round int
	Units []string // sorted
}

// Error names the coder, the round and the units (the first few).
func (e *ConflictError) Error() string {
	shown := e.Units
	more := ""
	if len(shown) > 5 {
		shown, more = shown[:5], fmt.Sprintf(" and %d more", len(e.Units)-5)
	}
	return fmt.Sprintf("%s: coder %q, round %d, %d unit(s): %s%s (import with --replace to replace them)",
		ErrCodedBefore, e.Coder, e.Round, len(e.Units), strings.Join(shown, ", "), more)
}

// Unwrap returns ErrCodedBefore, for errors.Is.
func (e *ConflictError) Unwrap() error { return ErrCodedBefore }

// AddStats counts what Add did.
type AddStats struct {
	Added     int // codings of units the old codings did not have for that coder and round
	Unchanged int // codings of units the old codings already had, identical
	Replaced  int // old codings replaced (Add with replace)
}

// Add adds newly imported codings to the old ones of a codings file, a
// unit at a time (one coder's codings of one unit in one round): a unit
// the old codings lack is added; one they hold identically is unchanged,
// so importing a file twice changes nothing; one they hold differently is
// a *ConflictError for each coder and round, unless replace, when the new
// codings replace all the old ones of that unit. The result is sorted.
func Add(old, new []Coding, replace bool) ([]Coding, AddStats, error) {
	type key struct {
		coder string
		round int
		unit  string
	}
	group := func(cs []Coding) map[key][]Coding {
		m := map[key][]Coding{}
		for _, c := range cs {
			k := key{c.Coder, c.Round, c.UnitID}
			m[k] = append(m[k], c)
		}
		for _, g := range m {
			slices.SortFunc(g, compareCodings)
		}
		return m
	}
	before, after := group(old), group(new)
	var st AddStats
	conflicts := map[[2]string][]string{} // coder, round → units
	for k, g := range after {
		was, ok := before[k]
		switch {
		case !ok:
			st.Added += len(g)
		case slices.EqualFunc(was, g, sameJudgement):
			st.Unchanged += len(g)
		case replace:
			st.Replaced += len(was)
			st.Added += len(g)
		default:
			ck := [2]string{k.coder, strconv.Itoa(k.round)}
			conflicts[ck] = append(conflicts[ck], k.unit)
		}
	}
	if len(conflicts) > 0 {
		var errs []error
		keys := slices.SortedFunc(maps.Keys(conflicts), func(a, b [2]string) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
		for _, ck := range keys {
			round, _ := strconv.Atoi(ck[1])
			units := conflicts[ck]
			slices.Sort(units)
			errs = append(errs, &ConflictError{Coder: ck[0], Round: round, Units: units})
		}
		return nil, AddStats{}, errors.Join(errs...)
	}
	var out []Coding
	for k, g := range before {
		if _, ok := after[k]; !ok {
			out = append(out, g...)
		}
	}
	out = append(out, new...)
	slices.SortFunc(out, compareCodings)
	return out, st, nil
}
