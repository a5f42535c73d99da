package parquetio

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
)

// A table streamed in batches that cut across row groups gives the file
// WriteRecord writes for the whole table: the same row groups, pages and
// encodings, byte for byte. So does an empty table.
func TestStreamWriterWritesWhatWriteRecordWrites(t *testing.T) {
	for _, tc := range []struct{ rows, batch int }{
		{0, 1}, {10, 3}, {RowGroupRows, RowGroupRows}, {2*RowGroupRows + 777, 7000}, {RowGroupRows + 1, RowGroupRows / 4},
	} {
		rec := record(t, tc.rows)
		var whole, streamed bytes.Buffer
		if err := WriteRecord(&whole, rec); err != nil {
			t.Fatal(err)
		}
		s := NewStreamWriter(&streamed, rec.Schema())
		for at := int64(0); at < rec.NumRows() || (at == 0 && tc.rows == 0); at += int64(tc.batch) {
			part := rec.NewSlice(at, min(rec.NumRows(), at+int64(tc.batch)))
			err := s.Write(part)
			part.Release()
			if err != nil {
				t.Fatal(err)
			}
			if tc.rows == 0 {
				break
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
			t.Errorf("%d rows in batches of %d: streamed file (%d bytes) differs from WriteRecord's (%d bytes)", tc.rows, tc.batch, streamed.Len(), whole.Len())
		}
	}
}

// ReplaceInFooter turns a file written with a stand-in value in its
// metadata into the file written with the real value from the start.
func TestReplaceInFooter(t *testing.T) {
	rec := record(t, 1000)
	withValue := func(v string) arrow.RecordBatch {
		md := arrow.NewMetadata([]string{"hash", "table"}, []string{v, "t"})
		return array.NewRecordBatch(arrow.NewSchema(rec.Schema().Fields(), &md), rec.Columns(), rec.NumRows())
	}
	standIn, real := strings.Repeat("?", 64), strings.Repeat("ab", 32)
	var want bytes.Buffer
	if err := WriteRecord(&want, withValue(real)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := WriteRecord(f, withValue(standIn)); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceInFooter(f, standIn, real); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("the patched file differs from the one written with the value")
	}
	if err := ReplaceInFooter(f, standIn, real); err == nil {
		t.Error("no error when the stand-in is no longer in the footer")
	}
	if err := ReplaceInFooter(f, real, "short"); err == nil {
		t.Error("no error for a replacement of another length")
	}
}
