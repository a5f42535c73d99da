package parquetio

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/rejoinder/rejoinder/schema"
)

// record is a batch of n rows: an id that differs on every row, a code
// from three, and a count.
func record(t *testing.T, n int) arrow.RecordBatch {
	t.Helper()
	sc := arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.BinaryTypes.String},
		{Name: "code", Type: arrow.BinaryTypes.String},
		{Name: "count", Type: arrow.PrimitiveTypes.Int64},
	}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, sc)
	defer b.Release()
	for i := range n {
		b.Field(0).(*array.StringBuilder).Append(fmt.Sprintf("id-%06d", i))
		b.Field(1).(*array.StringBuilder).Append([]string{"denial", "silence", "counter"}[i%3])
		b.Field(2).(*array.Int64Builder).Append(int64(i % 5))
	}
	rec := b.NewRecordBatch()
	t.Cleanup(rec.Release)
	return rec
}

// An id column (every value differs) is written plain; a column of a few
// codes keeps its dictionary.
func TestPlainColumns(t *testing.T) {
	if got := PlainColumns(record(t, 5000)); !slices.Equal(got, []string{"id"}) {
		t.Errorf("plain columns %v, want [id]", got)
	}
}

// The same record gives the same bytes, and ScanColumnsAny reads back
// the columns asked for, in the order asked, batch by batch.
func TestWriteRecordDeterministicAndScanned(t *testing.T) {
	rec := record(t, 1000)
	var a, b bytes.Buffer
	if err := WriteRecord(&a, rec); err != nil {
		t.Fatal(err)
	}
	if err := WriteRecord(&b, rec); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of one record differ")
	}
	path := filepath.Join(t.TempDir(), "r.parquet")
	if err := os.WriteFile(path, a.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var counts []int64
	var codes []string
	err := ScanColumnsAny(path, []string{"count", "code"}, func(cols []arrow.Array, first, n int) error {
		if first != len(counts) {
			t.Errorf("batch starts at row %d after %d rows", first, len(counts))
		}
		for i := range n {
			counts = append(counts, cols[0].(*array.Int64).Value(i))
			codes = append(codes, cols[1].(*array.String).Value(i))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < int(rec.NumRows()); i++ {
		if counts[i] != rec.Column(2).(*array.Int64).Value(i) || codes[i] != rec.Column(1).(*array.String).Value(i) {
			t.Fatalf("row %d: %d %q, want %d %q", i, counts[i], codes[i], rec.Column(2).(*array.Int64).Value(i), rec.Column(1).(*array.String).Value(i))
		}
	}
	if len(counts) != int(rec.NumRows()) {
		t.Errorf("%d rows scanned, want %d", len(counts), rec.NumRows())
	}
}

// A missing column is schema.ErrMissing naming file and column; a check
// stops the scan with its error; a file cut short is not read.
func TestScanErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteRecord(&buf, record(t, 10)); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	good, cut := filepath.Join(dir, "good.parquet"), filepath.Join(dir, "cut.parquet")
	os.WriteFile(good, buf.Bytes(), 0o644)
	os.WriteFile(cut, buf.Bytes()[:buf.Len()/2], 0o644)
	none := func([]arrow.Array, int, int) error { return nil }

	err := ScanColumnsAny(good, []string{"id", "nope"}, none)
	var fe *schema.FieldError
	if !errors.Is(err, schema.ErrMissing) || !errors.As(err, &fe) || fe.File != good || fe.Field != "nope" {
		t.Errorf("missing column: %v, want schema.ErrMissing for %s, field nope", err, good)
	}
	bad := errors.New("wrong type")
	err = ScanColumns(good, Limit, []string{"count"}, Checks{Column: func(n string, typ arrow.DataType) error {
		if n == "count" && typ.ID() == arrow.INT64 {
			return bad
		}
		return nil
	}}, none)
	if !errors.Is(err, bad) {
		t.Errorf("column check: %v, want its error", err)
	}
	seen := 0
	err = ScanColumns(good, Limit, []string{"code"}, Checks{Values: func(i int, a arrow.Array, first int) error {
		seen += a.Len()
		return nil
	}}, none)
	if err != nil || seen != 10 {
		t.Errorf("values check saw %d values (%v), want 10", seen, err)
	}
	if err := ScanColumnsAny(cut, []string{"id"}, none); err == nil {
		t.Error("a file cut in half was read")
	}
}

// groupedRecord is n rows of an id (its row number) and the row group
// WriteRecord puts the row in.
func groupedRecord(t *testing.T, n int) arrow.RecordBatch {
	t.Helper()
	sc := arrow.NewSchema([]arrow.Field{
		{Name: "id", Type: arrow.PrimitiveTypes.Int64},
		{Name: "group", Type: arrow.PrimitiveTypes.Int64},
	}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, sc)
	defer b.Release()
	for i := range n {
		b.Field(0).(*array.Int64Builder).Append(int64(i))
		b.Field(1).(*array.Int64Builder).Append(int64(i / RowGroupRows))
	}
	rec := b.NewRecordBatch()
	t.Cleanup(rec.Release)
	return rec
}

// WriteRecord cuts a long table into row groups of RowGroupRows rows, and
// ScanColumnsPruned passes fn exactly the rows of the groups Keep wants,
// numbered from the file's first row, after checking the filter column
// of every group and the other columns of the groups read.
func TestScanColumnsPrunedSkipsRowGroups(t *testing.T) {
	rows := 3*RowGroupRows + 100
	var buf bytes.Buffer
	if err := WriteRecord(&buf, groupedRecord(t, rows)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "g.parquet")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Open(path, Limit, false, pqarrow.ArrowReadProperties{})
	if err != nil {
		t.Fatal(err)
	}
	groups := p.PF.NumRowGroups()
	p.Close()
	if groups != 4 {
		t.Fatalf("%d rows written in %d row groups, want 4", rows, groups)
	}
	wanted := map[int64]bool{1: true, 3: true}
	checked := map[string]int{}
	checks := Checks{Values: func(i int, a arrow.Array, first int) error {
		checked[[]string{"id", "group"}[i]] += a.Len()
		return nil
	}}
	keep := func(cols []arrow.Array, first, n int) (bool, error) {
		g := cols[0].(*array.Int64)
		if int64(first/RowGroupRows) != g.Value(0) {
			t.Errorf("filter batch at row %d holds group %d", first, g.Value(0))
		}
		return wanted[g.Value(0)], nil
	}
	var seen []int64
	err = ScanColumnsPruned(path, Limit, []string{"id", "group"}, checks, Prefilter{Names: []string{"group"}, Keep: keep},
		func(cols []arrow.Array, first, n int) error {
			id, g := cols[0].(*array.Int64), cols[1].(*array.Int64)
			for i := range n {
				if id.Value(i) != int64(first+i) || !wanted[g.Value(i)] {
					t.Fatalf("row %d: id %d of group %d", first+i, id.Value(i), g.Value(i))
				}
				seen = append(seen, id.Value(i))
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	// Group 1 is full; group 3 holds the rows after the third group.
	want := RowGroupRows + (rows - 3*RowGroupRows)
	if len(seen) != want {
		t.Errorf("%d rows passed to fn, want %d", len(seen), want)
	}
	// The filter column is checked in every group (and again in the groups
	// read); the id only where read.
	if checked["group"] != rows+want || checked["id"] != want {
		t.Errorf("values checked %v, want group %d, id %d", checked, rows+want, want)
	}
	// A filter column the scan does not read is refused.
	err = ScanColumnsPruned(path, Limit, []string{"id"}, checks, Prefilter{Names: []string{"group"}, Keep: keep}, func([]arrow.Array, int, int) error { return nil })
	if err == nil {
		t.Error("filter column outside the scan's columns accepted")
	}
}
