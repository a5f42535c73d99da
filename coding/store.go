package coding

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/atomicfile"
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

// Merge adds new codings to old ones: a coding with the same unit,
// variable, coder and round replaces the old one, so importing the same
// file twice changes nothing. The result is sorted by that key.
func Merge(old, new []Coding) []Coding {
	all := append(slices.Clone(new), old...) // new first, so it wins below
	slices.SortStableFunc(all, compareCodings)
	return slices.CompactFunc(all, func(a, b Coding) bool { return compareCodings(a, b) == 0 })
}

// WriteCodings writes codings as a Parquet file (sorted, so the same
// codings give the same bytes) through a temporary file.
func WriteCodings(path string, codings []Coding) error {
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
		return dataset.WriteRecordParquet(w, rec)
	})
}

// ReadCodings reads a codings Parquet file; a missing file has none.
func ReadCodings(path string) ([]Coding, error) {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil, nil
	}
	var out []Coding
	err := dataset.ScanColumnsAny(path, []string{"unit_id", "variable", "coder", "round", "value"}, func(cols []arrow.Array, _, n int) error {
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
