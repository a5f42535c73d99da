package parquetio

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// errDictionaryTooLarge is returned by StreamWriter.Write when a row
// group's values in a dictionary-encoded column could outgrow
// DictionaryPageLimit: the writer would then fall back to plain encoding
// half way, and the bytes would change from run to run (see
// WriterProperties). The caller writes the table whole with WriteRecord.
var errDictionaryTooLarge = errors.New("parquetio: a column's values outgrow its dictionary in a row group")

// DictionaryTooLarge reports whether StreamWriter refused a row group
// whose values could outgrow a column's dictionary: the table is then to
// be written whole, with WriteRecord, which chooses plain encoding for it.
func DictionaryTooLarge(err error) bool { return errors.Is(err, errDictionaryTooLarge) }

// StreamWriter writes a table that arrives in record batches as the file
// WriteRecord writes for the same rows in one record: row groups of
// RowGroupRows rows, the same writer settings, and plain-vs-dictionary
// chosen by PlainColumns on the first row group (for a table of one row
// group, the whole table, as WriteRecord does).
type StreamWriter struct {
	w       io.Writer
	schema  *arrow.Schema
	fw      *pqarrow.FileWriter
	plain   map[string]bool
	pending []arrow.RecordBatch
	rows    int64 // rows in pending
	written bool
}

// NewStreamWriter returns a writer of records of schema sc to w; the
// schema's metadata becomes the file's key-value metadata.
func NewStreamWriter(w io.Writer, sc *arrow.Schema) *StreamWriter {
	return &StreamWriter{w: w, schema: sc}
}

// Write adds the rows of rec; the writer keeps a reference until they are
// written.
func (s *StreamWriter) Write(rec arrow.RecordBatch) error {
	rec.Retain()
	s.pending = append(s.pending, rec)
	s.rows += rec.NumRows()
	for s.rows >= RowGroupRows {
		if err := s.flush(RowGroupRows); err != nil {
			return err
		}
	}
	return nil
}

// Close writes the last row group and the footer. It does not close w.
func (s *StreamWriter) Close() error {
	if s.rows > 0 || !s.written {
		if err := s.flush(s.rows); err != nil {
			return err
		}
	}
	return s.fw.Close()
}

// Release drops the rows not yet written.
func (s *StreamWriter) Release() {
	for _, r := range s.pending {
		r.Release()
	}
	s.pending, s.rows = nil, 0
}

// flush writes the first n pending rows as one row group.
func (s *StreamWriter) flush(n int64) error {
	group, err := s.take(n)
	if err != nil {
		return err
	}
	defer group.Release()
	if s.fw == nil {
		plain := PlainColumns(group)
		s.plain = map[string]bool{}
		for _, p := range plain {
			s.plain[p] = true
		}
		props := parquet.NewWriterProperties(append(writerOptions(plain), parquet.WithMaxRowGroupLength(RowGroupRows))...)
		aprops := pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())
		if s.fw, err = pqarrow.NewFileWriter(s.schema, struct{ io.Writer }{s.w}, props, aprops); err != nil {
			return err
		}
	} else if s.outgrows(group) {
		return errDictionaryTooLarge
	}
	s.written = true
	return s.fw.Write(group)
}

// outgrows reports whether a dictionary-encoded string column of a row
// group holds more bytes than a dictionary may: only then could its
// dictionary outgrow the limit.
func (s *StreamWriter) outgrows(group arrow.RecordBatch) bool {
	for i, f := range group.Schema().Fields() {
		path, values := f.Name, group.Column(i)
		if l, ok := values.(*array.List); ok {
			path, values = path+".list.element", l.ListValues()
		}
		if str, ok := values.(*array.String); ok && !s.plain[path] && len(str.ValueBytes()) > DictionaryPageLimit/4 {
			return true
		}
	}
	return false
}

// take removes the first n pending rows and returns them as one record,
// contiguous as WriteRecord's row groups are (pages are cut the same way).
func (s *StreamWriter) take(n int64) (arrow.RecordBatch, error) {
	var parts []arrow.RecordBatch
	need := n
	for need > 0 {
		r := s.pending[0]
		if r.NumRows() <= need {
			parts = append(parts, r)
			s.pending = s.pending[1:]
			need -= r.NumRows()
			continue
		}
		parts = append(parts, r.NewSlice(0, need))
		s.pending[0] = r.NewSlice(need, r.NumRows())
		r.Release()
		need = 0
	}
	s.rows -= n
	if len(parts) == 0 {
		return array.NewRecordBatch(s.schema, emptyColumns(s.schema), 0), nil
	}
	defer func() {
		for _, p := range parts {
			p.Release()
		}
	}()
	cols := make([]arrow.Array, len(s.schema.Fields()))
	for i := range cols {
		chunks := make([]arrow.Array, len(parts))
		for k, p := range parts {
			chunks[k] = p.Column(i)
		}
		if len(chunks) == 1 {
			chunks[0].Retain()
			cols[i] = chunks[0]
			continue
		}
		a, err := array.Concatenate(chunks, memory.DefaultAllocator)
		if err != nil {
			return nil, err
		}
		cols[i] = a
	}
	defer func() {
		for _, c := range cols {
			c.Release()
		}
	}()
	return array.NewRecordBatch(s.schema, cols, n), nil
}

// emptyColumns returns an empty array of each field of sc.
func emptyColumns(sc *arrow.Schema) []arrow.Array {
	cols := make([]arrow.Array, len(sc.Fields()))
	for i, f := range sc.Fields() {
		b := array.NewBuilder(memory.DefaultAllocator, f.Type)
		cols[i] = b.NewArray()
		b.Release()
	}
	return cols
}

// ReplaceInFooter replaces, in the footer of the Parquet file f, the
// key-value metadata value old by new, of the same length, both where it
// stands as a value and inside the stored Arrow schema (ARROW:schema):
// a streamed writer writes its row groups before it knows a value of its
// metadata (the content hash of every table), with a stand-in. Lengths
// unchanged, the footer's layout is too.
func ReplaceInFooter(f *os.File, old, new string) error {
	if len(old) != len(new) {
		return fmt.Errorf("parquetio: replacement %q is not as long as %q", new, old)
	}
	info, err := f.Stat()
	if err != nil {
		return err
	}
	var tail [8]byte
	if _, err := f.ReadAt(tail[:], info.Size()-8); err != nil {
		return err
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if string(tail[4:]) != "PAR1" || n > info.Size()-12 {
		return fmt.Errorf("%s: not a Parquet file's footer", f.Name())
	}
	at := info.Size() - 8 - n
	footer := make([]byte, n)
	if _, err := f.ReadAt(footer, at); err != nil {
		return err
	}
	md, err := metadata.NewFileMetaData(footer, nil)
	if err != nil {
		return err
	}
	replace := func(from, to []byte) error {
		if bytes.Count(footer, from) != 1 {
			return fmt.Errorf("%s: the footer holds %q %d times, not once", f.Name(), from, bytes.Count(footer, from))
		}
		footer = bytes.Replace(footer, from, to, 1)
		return nil
	}
	if stored := md.KeyValueMetadata().FindValue("ARROW:schema"); stored != nil {
		raw, err := base64.StdEncoding.DecodeString(*stored)
		if err != nil {
			return err
		}
		if bytes.Count(raw, []byte(old)) != 1 {
			return fmt.Errorf("%s: the stored Arrow schema holds %q %d times, not once", f.Name(), old, bytes.Count(raw, []byte(old)))
		}
		patched := base64.StdEncoding.EncodeToString(bytes.Replace(raw, []byte(old), []byte(new), 1))
		if err := replace([]byte(*stored), []byte(patched)); err != nil {
			return err
		}
	}
	if err := replace([]byte(old), []byte(new)); err != nil {
		return err
	}
	_, err = f.WriteAt(footer, at)
	return err
}
