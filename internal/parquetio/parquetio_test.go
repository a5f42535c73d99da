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
