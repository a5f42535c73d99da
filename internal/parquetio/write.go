package parquetio

import (
	"io"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// WriterProperties fixes every setting that reaches the file's bytes, so
// that the same dataset always gives byte-identical files. The columns
// named in plain (Parquet column paths, "name" or "name.list.element")
// are written without a dictionary.
//
// A column must never fall back from dictionary to plain encoding half
// way: arrow-go then lists the chunk's page encodings from a map, in
// random order, and the file's bytes change from run to run. So a
// column's dictionary may grow large (DictionaryPageLimit), and columns
// whose dictionary would not pay, or could outgrow that, go in plain
// (WriteRecord decides from the data; PlainColumns).
func WriterProperties(plain ...string) (*parquet.WriterProperties, pqarrow.ArrowWriterProperties) {
	return parquet.NewWriterProperties(writerOptions(plain)...), pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())
}

// writerOptions are WriterProperties' settings.
func writerOptions(plain []string) []parquet.WriterProperty {
	opts := []parquet.WriterProperty{
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithCompressionLevel(3),
		parquet.WithDictionaryDefault(true),
		parquet.WithDictionaryPageSizeLimit(DictionaryPageLimit),
		parquet.WithStats(true),
		parquet.WithCreatedBy("rejoinder (arrow-go v18)"),
	}
	for _, p := range plain {
		opts = append(opts, parquet.WithDictionaryFor(p, false))
	}
	return opts
}

// RowGroupRows is the most rows WriteRecord puts in one row group. Row
// groups of this size carry their own statistics and dictionaries, so a
// reader with a filter can skip the groups it excludes (ScanColumns with
// a Prefilter) instead of decoding a whole table; files of fewer rows
// are one row group, as before.
const RowGroupRows = 64 << 10

// DictionaryPageLimit is the largest dictionary a column chunk builds.
const DictionaryPageLimit = 256 << 20

// PlainColumns returns the Parquet paths of the record's columns that
// should not be dictionary-encoded: those where most values differ (ids,
// free text, URLs: a dictionary only adds indices) or whose distinct
// values would come near DictionaryPageLimit. Deciding from the whole
// record keeps every column in one encoding from its first page to its
// last (see WriterProperties).
func PlainColumns(rec arrow.RecordBatch) []string {
	var plain []string
	for i, f := range rec.Schema().Fields() {
		path, values := f.Name, rec.Column(i)
		if l, ok := values.(*array.List); ok {
			path, values = path+".list.element", l.ListValues()
		}
		var distinct, size int
		var mostlyDistinct bool
		switch a := values.(type) {
		case *array.String:
			distinct, size, mostlyDistinct = countDistinct(a, func(j int) (string, int) { v := a.Value(j); return v, len(v) + 4 })
		case *array.Int64, *array.Float64, *array.Int32, *array.Date32:
			distinct, size, mostlyDistinct = countDistinct(a, func(j int) (uint64, int) { return fixedBits(a, j), 8 })
		default:
			continue
		}
		if mostlyDistinct {
			plain = append(plain, path)
			continue
		}
		if n := values.Len() - values.NullN(); distinct > 64 && distinct*2 > n || size > DictionaryPageLimit/4 {
			plain = append(plain, path)
		}
	}
	return plain
}

// countDistinct counts the distinct non-null values of a column and
// their dictionary size (key gives a value and its size). A column whose
// first rows are mostly distinct is reported as such at once (plain is
// always safe); any other is counted to the end, so that a dictionary is
// chosen only when it cannot outgrow its limit.
func countDistinct[K comparable](a arrow.Array, key func(j int) (K, int)) (distinct, size int, mostlyDistinct bool) {
	const sample = 4096
	seen := map[K]struct{}{}
	for j := 0; j < a.Len(); j++ {
		if j == sample && len(seen)*2 > sample {
			return len(seen), size, true
		}
		if a.IsNull(j) {
			continue
		}
		if k, n := key(j); !has(seen, k) {
			seen[k] = struct{}{}
			size += n
		}
	}
	return len(seen), size, false
}

func has[K comparable](m map[K]struct{}, k K) bool { _, ok := m[k]; return ok }

// fixedBits returns value j of a fixed-width numeric array as bits.
func fixedBits(a arrow.Array, j int) uint64 {
	switch a := a.(type) {
	case *array.Int64:
		return uint64(a.Value(j))
	case *array.Float64:
		return math.Float64bits(a.Value(j))
	case *array.Int32:
		return uint64(a.Value(j))
	case *array.Date32:
		return uint64(a.Value(j))
	}
	return 0
}

// WriteRecord writes one record batch as a Parquet file with the
// project's fixed writer settings (so the same data give the same bytes),
// in row groups of RowGroupRows rows,
// and the schema's metadata as the file's key-value metadata. It does not
// close w.
func WriteRecord(w io.Writer, rec arrow.RecordBatch) error {
	props := parquet.NewWriterProperties(append(writerOptions(PlainColumns(rec)), parquet.WithMaxRowGroupLength(RowGroupRows))...)
	aprops := pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema())
	// Hide w's Close: the file writer would close it, but the caller syncs
	// and renames the file after the Parquet footer is written.
	fw, err := pqarrow.NewFileWriter(rec.Schema(), struct{ io.Writer }{w}, props, aprops)
	if err != nil {
		return err
	}
	if err := fw.Write(rec); err != nil {
		fw.Close()
		return err
	}
	return fw.Close()
}
