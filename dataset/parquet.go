package dataset

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/rejoinder/rejoinder/internal/parallel"
	"github.com/rejoinder/rejoinder/internal/parquetio"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/rejoinder/rejoinder/internal/atomicfile"
	"github.com/rejoinder/rejoinder/schema"
)

// Tables lists the tables written to Parquet, in the order they are
// written. Quotes are a table of their own so that each quote keeps the
// source that prints it.
var Tables = []string{schema.TableCases, schema.TableAccusations, schema.TableResponses, schema.TableQuotes, schema.TableSources}

// Metadata keys stored in every Parquet file's key-value metadata.
const (
	MetaCodebookVersion = "rejoinder.codebook_version"
	MetaDatasetName     = "rejoinder.dataset_name"
	MetaDatasetVersion  = "rejoinder.dataset_version"
	MetaContentHash     = "rejoinder.content_sha256"
	MetaTable           = "rejoinder.table"
	// metaPrefix precedes the other dataset.yaml fields (title, licence,
	// citation...), so that a Parquet directory carries all of them.
	metaPrefix = "rejoinder.dataset."
)

// ParquetFile is the file name of a table's Parquet file.
func ParquetFile(table string) string { return table + ".parquet" }

// ContentHash is the SHA-256 of the dataset's records in a canonical
// encoding: every table in a fixed order, every row in record order, every
// value in codebook column order, each written with its length. Two
// datasets with the same records have the same hash, whatever files they
// were read from; it lets a reader check that a set of files belongs
// together and that a citation matches the data.
func (ds *Dataset) ContentHash() string {
	h := sha256.New()
	e := newRowEncoder(h)
	for _, table := range Tables {
		e.table(table)
		e.rows(ds, table)
	}
	e.Flush()
	return hex.EncodeToString(h.Sum(nil))
}

// rowEncoder writes ContentHash's canonical encoding of tables and rows,
// so that a streamed writer (ImportCSV) hashes a table batch by batch
// exactly as ContentHash hashes it whole.
type rowEncoder struct {
	*bufio.Writer
	num [binary.MaxVarintLen64]byte
}

func newRowEncoder(w io.Writer) *rowEncoder {
	return &rowEncoder{Writer: bufio.NewWriterSize(w, 64<<10)}
}

func (e *rowEncoder) put(tag byte, s string) {
	e.WriteByte(tag)
	e.Write(e.num[:binary.PutUvarint(e.num[:], uint64(len(s)))])
	e.WriteString(s)
}

// table starts a table.
func (e *rowEncoder) table(name string) { e.put('T', name) }

// rows encodes every row of a table of ds, in Scan's order.
func (e *rowEncoder) rows(ds *Dataset, table string) {
	_ = ds.Scan(table, func(row []any) error {
		e.row(row)
		return nil
	})
}

// row encodes one row as Scan gives it.
func (e *rowEncoder) row(row []any) {
	e.WriteByte('R')
	for _, v := range row {
		switch x := v.(type) {
		case string:
			e.put('s', x)
		case bool:
			e.put('b', strconv.FormatBool(x))
		case []string:
			e.put('l', strconv.Itoa(len(x)))
			for _, item := range x {
				e.put('i', item)
			}
		case schema.Date:
			e.put('d', x.String())
		}
	}
}

// Record converts one table of the dataset to an Arrow record batch with
// the codebook's schema. The caller releases it.
func (ds *Dataset) Record(table string, mem memory.Allocator) (arrow.RecordBatch, error) {
	return ds.record(table, mem, ds.ContentHash())
}

// record is Record with the content hash given, so that a writer of all
// tables hashes the dataset once, not once per table.
func (ds *Dataset) record(table string, mem memory.Allocator, hash string) (arrow.RecordBatch, error) {
	return ds.recordEncoding(table, mem, hash, nil)
}

// recordEncoding is record that also encodes each row for the content
// hash into enc, when not nil, in the same pass.
func (ds *Dataset) recordEncoding(table string, mem memory.Allocator, hash string, enc *rowEncoder) (arrow.RecordBatch, error) {
	cb := ds.codebook()
	cols := cb.Columns(table)
	if cols == nil {
		return nil, fmt.Errorf("no table %q (tables: %v)", table, Tables)
	}
	sc := cb.ArrowSchema(table, ds.fileMetadata(table, hash))
	b := array.NewRecordBuilder(mem, sc)
	defer b.Release()
	if enc == nil {
		err := ds.Scan(table, func(row []any) error {
			for i, col := range cols {
				appendValue(b.Field(i), col, row[i])
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return b.NewRecordBatch(), nil
	}
	// The same values, read from the fields without boxing each one (a
	// million rows of twenty-odd columns), appended and encoded in one pass.
	err := ds.scanFields(table, func(fields []reflect.Value) error {
		enc.WriteByte('R')
		for i, col := range cols {
			appendField(b.Field(i), col, fields[i], enc)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b.NewRecordBatch(), nil
}

// fileMetadata is the key-value metadata every Parquet file of a table
// carries: the dataset's metadata, the codebook version, the content hash
// and the table's name.
func (ds *Dataset) fileMetadata(table, hash string) map[string]string {
	cb := ds.codebook()
	md := map[string]string{}
	for _, f := range schema.FieldsOf(reflect.TypeFor[Metadata]()) {
		if v := reflect.ValueOf(ds.Meta).Field(f.Index).String(); v != "" && f.Name != "name" && f.Name != "version" {
			md[metaPrefix+f.Name] = v
		}
	}
	for k, v := range map[string]string{
		MetaCodebookVersion: cb.Version,
		MetaDatasetName:     ds.Meta.Name,
		MetaDatasetVersion:  ds.Meta.Version,
		MetaContentHash:     hash,
		MetaTable:           table,
	} {
		md[k] = v
	}
	return md
}

// TableRows returns the rows of a table as maps from variable name to
// value: string, bool, []string or schema.Date. A record's "quotes" field
// appears as the list of its quote ids. It is convenient for small tables;
// writers of large ones use Scan, which allocates no map per row.
func (ds *Dataset) TableRows(table string) []map[string]any {
	rows := ds.Rows(table)
	out := make([]map[string]any, len(rows))
	for i, row := range rows {
		out[i] = fieldValues(row)
	}
	return out
}

// Scan calls fn with each row of a table, as values in the order of the
// codebook's columns (Codebook.Columns): string, bool, []string (a
// record's quotes as their ids) or schema.Date (for a date column and for
// its precision column alike). The slice is reused between calls; fn must
// not keep it. Scan stops at fn's first error and returns it.
func (ds *Dataset) Scan(table string, fn func(row []any) error) error {
	var row []any
	var ids []string
	return ds.scanFields(table, func(fields []reflect.Value) error {
		if row == nil {
			row = make([]any, len(fields))
		}
		for i, fv := range fields {
			switch fv.Kind() {
			case reflect.String:
				row[i] = fv.String()
			case reflect.Bool:
				row[i] = fv.Bool()
			default:
				switch x := fv.Interface().(type) {
				case []schema.Quote:
					ids = ids[:0]
					for _, q := range x {
						ids = append(ids, q.QuoteID)
					}
					row[i] = ids
				default:
					row[i] = x
				}
			}
		}
		return fn(row)
	})
}

// scanFields calls fn with the struct fields of each row of a table, one
// per codebook column (a date's field twice, for the date and its
// precision), in Scan's order; the slice is reused. Readers that must
// not box every value (the streamed import) use it instead of Scan.
func (ds *Dataset) scanFields(table string, fn func(fields []reflect.Value) error) error {
	cols := ds.codebook().Columns(table)
	rt, ok := schema.RecordType(table)
	if !ok || cols == nil {
		return fmt.Errorf("no table %q (tables: %v)", table, Tables)
	}
	index := map[string]int{}
	for _, f := range schema.FieldsOf(rt) {
		index[f.Name] = f.Index
	}
	fieldOf := make([]int, len(cols))
	for i, c := range cols {
		fieldOf[i] = index[c.Variable.Name]
	}
	fields := make([]reflect.Value, len(cols))
	visit := func(v reflect.Value) error {
		for i := range cols {
			fields[i] = v.Field(fieldOf[i])
		}
		return fn(fields)
	}
	each := func(slice reflect.Value) error {
		for i := 0; i < slice.Len(); i++ {
			if err := visit(slice.Index(i)); err != nil {
				return err
			}
		}
		return nil
	}
	switch table {
	case schema.TableCases:
		return each(reflect.ValueOf(ds.Cases))
	case schema.TableAccusations:
		return each(reflect.ValueOf(ds.Accusations))
	case schema.TableResponses:
		return each(reflect.ValueOf(ds.Responses))
	case schema.TableSources:
		return each(reflect.ValueOf(ds.Sources))
	}
	for i := range ds.Accusations {
		if err := each(reflect.ValueOf(ds.Accusations[i].Quotes)); err != nil {
			return err
		}
	}
	for i := range ds.Responses {
		if err := each(reflect.ValueOf(ds.Responses[i].Quotes)); err != nil {
			return err
		}
	}
	return nil
}

// fieldValues maps variable names to a record's field values. A record's
// "quotes" field is stored as the list of its quote ids.
func fieldValues(row reflect.Value) map[string]any {
	out := map[string]any{}
	for _, f := range schema.FieldsOf(row.Type()) {
		v := row.Field(f.Index).Interface()
		if qs, ok := v.([]schema.Quote); ok {
			ids := make([]string, len(qs))
			for i, q := range qs {
				ids[i] = q.QuoteID
			}
			v = ids
		}
		out[f.Name] = v
	}
	return out
}

func appendValue(b array.Builder, col schema.Column, v any) {
	switch x := v.(type) {
	case string:
		sb := b.(*array.StringBuilder)
		if x == "" && col.Field.Nullable {
			sb.AppendNull()
		} else {
			sb.Append(x)
		}
	case bool:
		b.(*array.BooleanBuilder).Append(x)
	case []string:
		lb := b.(*array.ListBuilder)
		lb.Append(true)
		vb := lb.ValueBuilder().(*array.StringBuilder)
		for _, s := range x {
			vb.Append(s)
		}
	case schema.Date:
		switch {
		case x.IsZero():
			b.AppendNull()
		case col.Precision:
			b.(*array.StringBuilder).Append(x.Precision.String())
		default:
			b.(*array.Date32Builder).Append(arrow.Date32(x.DaysSinceEpoch()))
		}
	default:
		panic(fmt.Sprintf("dataset: no Arrow mapping for %T", v))
	}
}

// appendField is appendValue and rowEncoder.row's encoding of one value
// read straight from its record field: the same Arrow value and the same
// bytes for the content hash, without boxing the value.
func appendField(b array.Builder, col schema.Column, fv reflect.Value, enc *rowEncoder) {
	switch fv.Kind() {
	case reflect.String:
		x := fv.String()
		enc.put('s', x)
		sb := b.(*array.StringBuilder)
		if x == "" && col.Field.Nullable {
			sb.AppendNull()
		} else {
			sb.Append(x)
		}
	case reflect.Bool:
		enc.put('b', strconv.FormatBool(fv.Bool()))
		b.(*array.BooleanBuilder).Append(fv.Bool())
	case reflect.Slice:
		lb := b.(*array.ListBuilder)
		lb.Append(true)
		vb := lb.ValueBuilder().(*array.StringBuilder)
		n := fv.Len()
		enc.put('l', strconv.Itoa(n))
		quotes := fv.Type().Elem().Kind() == reflect.Struct // a unit's quotes, stored as their ids
		for j := 0; j < n; j++ {
			item := fv.Index(j)
			if quotes {
				item = item.FieldByIndex(quoteIDField)
			}
			enc.put('i', item.String())
			vb.Append(item.String())
		}
	default:
		d := fv.Interface().(schema.Date)
		enc.put('d', d.String())
		appendValue(b, col, d)
	}
}

// quoteIDField is the index of Quote's QuoteID field.
var quoteIDField = func() []int {
	f, _ := reflect.TypeFor[schema.Quote]().FieldByName("QuoteID")
	return f.Index
}()

func (ds *Dataset) codebook() *schema.Codebook {
	if ds.Codebook != nil {
		return ds.Codebook
	}
	return schema.Default()
}

// WriterProperties fixes every setting that reaches the file's bytes, so
// that the same dataset always gives byte-identical files.
//
// Deprecated: Parquet plumbing for rejoinder's own packages, now in
// internal/parquetio; it will be removed. Write datasets with
// [Dataset.WriteParquet].
func WriterProperties(plain ...string) (*parquet.WriterProperties, pqarrow.ArrowWriterProperties) {
	return parquetio.WriterProperties(plain...)
}

// DictionaryPageLimit is the largest dictionary a column chunk builds.
//
// Deprecated: now internal/parquetio's; it will be removed.
const DictionaryPageLimit = parquetio.DictionaryPageLimit

// PlainColumns returns the Parquet paths of the record's columns that
// should not be dictionary-encoded.
//
// Deprecated: Parquet plumbing for rejoinder's own packages, now in
// internal/parquetio; it will be removed.
func PlainColumns(rec arrow.RecordBatch) []string { return parquetio.PlainColumns(rec) }

// WriteParquet writes one zstd-compressed Parquet file per table into dir
// (created if needed) and returns their paths. Each file carries the
// codebook version, dataset name and version and the content hash in its
// key-value metadata. Files are written to a temporary name and renamed,
// so an interrupted run leaves the previous files intact.
func (ds *Dataset) WriteParquet(dir string) ([]string, error) {
	return ds.WriteParquetPartitioned(dir, nil)
}

// writeParquet writes the tables; with keys, the responses table is
// written as a Hive-partitioned directory instead of one file.
func (ds *Dataset) writeParquet(dir string, keys []string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// Every file's metadata carries the content hash, one pass over all
	// the records: it runs beside the conversion of the tables to Arrow,
	// which waits for it only to label the finished record.
	hashed := make(chan string, 1)
	go func() { hashed <- ds.ContentHash() }()
	hash := sync.OnceValue(func() string { return <-hashed })
	// Tables are independent: write them on all cores, then report paths
	// and the first error in table order, as a sequential writer would.
	paths := make([][]string, len(Tables))
	errs := make([]error, len(Tables))
	parallel.For(len(Tables), func(i int) {
		table := Tables[i]
		if table == schema.TableResponses && len(keys) > 0 {
			paths[i], errs[i] = ds.writePartitions(dir, table, keys, hash())
			return
		}
		p := filepath.Join(dir, ParquetFile(table))
		if errs[i] = atomicfile.Write(p, func(w io.Writer) error { return ds.writeTable(w, table, hash) }); errs[i] == nil {
			paths[i] = []string{p}
		}
	})
	var written []string
	for i := range Tables {
		written = append(written, paths[i]...)
		if errs[i] != nil {
			return written, errs[i]
		}
	}
	return written, nil
}

// writeTable converts a table to Arrow, then labels it with the file
// metadata once hash (which may still be computing) is known.
func (ds *Dataset) writeTable(w io.Writer, table string, hash func() string) error {
	rec, err := ds.record(table, memory.DefaultAllocator, "")
	if err != nil {
		return err
	}
	defer rec.Release()
	labelled := array.NewRecordBatch(ds.codebook().ArrowSchema(table, ds.fileMetadata(table, hash())), rec.Columns(), rec.NumRows())
	defer labelled.Release()
	return parquetio.WriteRecord(w, labelled)
}

// WriteRecordParquet writes one record batch as a Parquet file with the
// project's fixed writer settings. It does not close w.
//
// Deprecated: Parquet plumbing for rejoinder's own packages, now in
// internal/parquetio; it will be removed. Write datasets with
// [Dataset.WriteParquet].
func WriteRecordParquet(w io.Writer, rec arrow.RecordBatch) error {
	return parquetio.WriteRecord(w, rec)
}

// ReadParquet reads a dataset written by WriteParquet. Metadata comes from
// the files' key-value metadata; the dataset is validated like one read
// from YAML, with problems located by file and row.
func ReadParquet(dir string) (*Dataset, error) {
	return ReadParquetTables(dir, Tables...)
}

// CheckParquetDir makes the checks of a Parquet directory as a whole that
// every reader makes before reading rows: it holds no YAML records beside
// the Parquet (ErrAmbiguousData), and its files come from one build
// (CheckSameBuild; only the footers are read).
func CheckParquetDir(dir string) error {
	if err := checkNotBoth(dir); err != nil {
		return err
	}
	return CheckSameBuild(dir)
}

// ReadParquetTables reads only the named tables of a Parquet directory
// (always with the cases, which carry the metadata) and validates what it
// read (a directory that also holds YAML records is ErrAmbiguousData); read the tables its references point to as well (the sources,
// say), or they are reported as dangling. A directory whose files come
// from different builds is refused (CheckSameBuild). It lets a writer load the small tables whole and stream the large
// ones (see ScanParquet).
func ReadParquetTables(dir string, tables ...string) (*Dataset, error) {
	if err := CheckParquetDir(dir); err != nil {
		return nil, err
	}
	ds := &Dataset{Codebook: schema.Default()}
	for _, table := range Tables {
		if table != schema.TableCases && !slices.Contains(tables, table) {
			continue
		}
		files, err := TableFiles(dir, table)
		if err != nil {
			return nil, err
		}
		for _, part := range files {
			tbl, kv, err := readTable(part.Path)
			if err != nil {
				return nil, err
			}
			tbl = ds.withPartitionColumns(table, part, tbl)
			if err := ds.fillTable(table, part.Path, tbl); err != nil {
				tbl.Release()
				return nil, err
			}
			tbl.Release()
			if table == schema.TableCases {
				ds.Meta = MetadataFromParquet(kv)
			}
		}
	}
	if err := ds.attachQuotes(); err != nil {
		return nil, err
	}
	if err := dropUnread(ds.Validate(), tables).Err(); err != nil {
		return nil, err
	}
	return ds, nil
}

// dropUnread removes the problems that only a table not read could settle:
// an accusation looks unanswered without the responses, a strategy
// unevidenced without the quotes. ValidateStreamed checks those rules when
// it streams the large tables.
func dropUnread(problems schema.ErrorList, tables []string) schema.ErrorList {
	read := func(t string) bool { return slices.Contains(tables, t) }
	return slices.DeleteFunc(problems, func(p *schema.FieldError) bool {
		return (errors.Is(p, schema.ErrUnanswered) && !read(schema.TableResponses)) ||
			(errors.Is(p, schema.ErrUnevidenced) && !(read(schema.TableResponses) && read(schema.TableQuotes))) ||
			(errors.Is(p, schema.ErrUncited) && !(read(schema.TableCases) && read(schema.TableAccusations) && read(schema.TableResponses)))
	})
}

// MetadataFromParquet rebuilds a dataset's Metadata from the key-value
// metadata of one of its Parquet files.
func MetadataFromParquet(kv map[string]string) Metadata {
	var m Metadata
	v := reflect.ValueOf(&m).Elem()
	for _, f := range schema.FieldsOf(v.Type()) {
		v.Field(f.Index).SetString(kv[metaPrefix+f.Name])
	}
	m.Name, m.Version = kv[MetaDatasetName], kv[MetaDatasetVersion]
	return m
}

func readTable(path string) (tbl arrow.Table, kv map[string]string, err error) {
	p, err := openParquet(path, true, pqarrow.ArrowReadProperties{})
	if err != nil {
		return nil, nil, err
	}
	defer p.Close()
	defer recoverDamaged(path, &err)
	tbl, err = p.fr.ReadTable(context.Background())
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return tbl, p.keyValues(), nil
}

// fillTable appends the rows of an Arrow table to the matching record
// slice, checking that each codebook column is present with its type.
func (ds *Dataset) fillTable(table, path string, tbl arrow.Table) error {
	cols := ds.codebook().Columns(table)
	arrays := make([]arrow.Array, len(cols))
	for i, col := range cols {
		idx := tbl.Schema().FieldIndices(col.Field.Name)
		if len(idx) != 1 {
			return &schema.FieldError{File: path, Table: table, Field: col.Field.Name, Err: schema.ErrMissing, Detail: "column not in the file"}
		}
		got := tbl.Schema().Field(idx[0]).Type
		if !sameColumnType(got, col.Field.Type) {
			return &schema.FieldError{File: path, Table: table, Field: col.Field.Name, Value: got.String(), Allowed: allowedType(col.Field.Type), Err: schema.ErrBadValue, Detail: "column has the wrong type"}
		}
		chunks := tbl.Column(idx[0]).Data().Chunks()
		row := 0
		for _, c := range chunks {
			if err := checkValues(path, table, col, c, row); err != nil {
				return err
			}
			row += c.Len()
		}
		if len(chunks) == 1 {
			chunks[0].Retain()
			arrays[i] = chunks[0]
		} else {
			a, err := array.Concatenate(chunks, memory.DefaultAllocator)
			if err != nil {
				return err
			}
			arrays[i] = a
		}
	}
	defer func() {
		for _, a := range arrays {
			a.Release()
		}
	}()
	rt, _ := schema.RecordType(table)
	n := int(tbl.NumRows())
	// Where each column goes in the struct, worked out once per table.
	fieldIndex := make([]int, len(cols))
	byName := map[string]int{}
	for _, f := range schema.FieldsOf(rt) {
		byName[f.Name] = f.Index
	}
	for i, col := range cols {
		fieldIndex[i] = -1
		if idx, ok := byName[col.Variable.Name]; ok && col.Variable.Name != "quotes" {
			fieldIndex[i] = idx
		}
	}
	slice := reflect.MakeSlice(reflect.SliceOf(rt), n, n)
	in := interner{}
	for row := 0; row < n; row++ {
		rv := slice.Index(row)
		for i, col := range cols {
			if fieldIndex[i] >= 0 {
				setValue(rv.Field(fieldIndex[i]), col, arrays[i], row, in)
			}
		}
		rv.FieldByName("Pos").Set(reflect.ValueOf(&schema.Position{File: path, Line: row + 1}))
	}
	// Append: a partitioned table arrives one file at a time.
	switch table {
	case schema.TableCases:
		ds.Cases = append(ds.Cases, slice.Interface().([]schema.Case)...)
	case schema.TableAccusations:
		ds.Accusations = append(ds.Accusations, slice.Interface().([]schema.Accusation)...)
	case schema.TableResponses:
		ds.Responses = append(ds.Responses, slice.Interface().([]schema.Response)...)
	case schema.TableSources:
		ds.Sources = append(ds.Sources, slice.Interface().([]schema.Source)...)
	case schema.TableQuotes:
		ds.pendingQuotes = append(ds.pendingQuotes, slice.Interface().([]schema.Quote)...)
	}
	return nil
}

// sameColumnType reports whether a column read from a Parquet file holds
// the codebook's type. It is arrow.TypeEqual except for lists: DuckDB,
// Spark and pyarrow mark a list's element nullable (and name it "element",
// as we do, where Arrow says "item"; names are not compared anyway), yet
// list<element: utf8, nullable> holding no nulls is the same list of
// strings. checkValues then refuses the nulls themselves.
func sameColumnType(got, want arrow.DataType) bool {
	g, ok := got.(*arrow.ListType)
	w, wok := want.(*arrow.ListType)
	if ok && wok {
		return arrow.TypeEqual(g.Elem(), w.Elem())
	}
	return arrow.TypeEqual(got, want)
}

// allowedType says which column types sameColumnType accepts for want.
func allowedType(want arrow.DataType) string {
	if want == nil {
		return "no column of that name in the table"
	}
	if l, ok := want.(*arrow.ListType); ok {
		return fmt.Sprintf("a list of %s, its element named item or element, with no nulls", l.Elem())
	}
	return want.String()
}

// checkValues checks what a column's type cannot say: a column the
// codebook declares non-nullable (a key, a boolean, a list and its items)
// holds no null, as other writers mark every column nullable; and every
// string is valid UTF-8, as the Parquet format requires and DuckDB checks
// on reading. firstRow is the index of a's first row in the file, for the
// row number the error gives.
func checkValues(path, table string, col schema.Column, a arrow.Array, firstRow int) error {
	bad := func(row int, err error, value, detail string) error {
		return &schema.FieldError{File: path, Line: firstRow + row + 1, Table: table, Field: col.Field.Name,
			Value: value, Err: err, Detail: detail}
	}
	if !col.Field.Nullable && a.NullN() > 0 {
		return bad(firstNull(a), schema.ErrMissing, "", "null in a column the codebook never leaves empty")
	}
	strs := a
	list, isList := a.(*array.List)
	if isList {
		strs = list.ListValues()
		if strs.NullN() > 0 {
			return bad(listRowOf(list, firstNull(strs)), schema.ErrMissing, "", "null item in a list (lists hold no nulls)")
		}
	}
	s, ok := strs.(*array.String)
	if !ok {
		return nil
	}
	// String by string: two invalid halves can join into a valid buffer.
	for i := 0; i < s.Len(); i++ {
		if v := s.Value(i); !utf8.ValidString(v) {
			row := i
			if isList {
				row = listRowOf(list, i)
			}
			_, excerpt, detail := utf8Problem(v)
			return bad(row, schema.ErrBadValue, excerpt, detail)
		}
	}
	return nil
}

// firstNull returns the index of the first null of an array with nulls.
func firstNull(a arrow.Array) int {
	for i := 0; i < a.Len(); i++ {
		if a.IsNull(i) {
			return i
		}
	}
	return 0
}

// listRowOf returns the row of a list array that holds item i of its
// values.
func listRowOf(l *array.List, item int) int {
	for r := 0; r < l.Len(); r++ {
		if _, end := l.ValueOffsets(r); int64(item) < end {
			return r
		}
	}
	return 0
}

// interner shares one copy of each repeated string (codes, country codes,
// references) across a table, and lets the Arrow buffers the values came
// from be freed: strings read from Arrow alias its buffers.
type interner map[string]string

func (in interner) get(s string) string {
	if v, ok := in[s]; ok {
		return v
	}
	v := strings.Clone(s)
	in[v] = v
	return v
}

// repeats reports whether a column's values repeat across rows (codes,
// countries, references), so that interning them saves memory.
func repeats(v *schema.Variable) bool {
	switch v.Type {
	case schema.TypeEnum, schema.TypeCountry, schema.TypeActor, schema.TypeRef, schema.TypeLanguage, schema.TypeCAMEO, schema.TypeBool:
		return true
	}
	return false
}

func setValue(fv reflect.Value, col schema.Column, a arrow.Array, row int, in interner) {
	if a.IsNull(row) {
		return
	}
	switch arr := a.(type) {
	case *array.String:
		if col.Precision {
			p, err := schema.ParsePrecision(arr.Value(row))
			if d := fv.Interface().(schema.Date); err == nil && !d.IsZero() {
				fv.Set(reflect.ValueOf(schema.DateFromEpochDays(d.DaysSinceEpoch(), p)))
			}
			return
		}
		if repeats(col.Variable) {
			fv.SetString(in.get(arr.Value(row)))
		} else {
			fv.SetString(strings.Clone(arr.Value(row)))
		}
	case *array.Boolean:
		fv.SetBool(arr.Value(row))
	case *array.Date32:
		fv.Set(reflect.ValueOf(schema.DateFromEpochDays(int32(arr.Value(row)), schema.PrecisionDay)))
	case *array.List:
		start, end := arr.ValueOffsets(row)
		values := arr.ListValues().(*array.String)
		out := make([]string, 0, end-start)
		for j := start; j < end; j++ {
			if repeats(col.Variable) {
				out = append(out, in.get(values.Value(int(j))))
			} else {
				out = append(out, strings.Clone(values.Value(int(j))))
			}
		}
		if len(out) > 0 {
			fv.Set(reflect.ValueOf(out))
		}
	}
}

// attachQuotes moves the rows of the quotes table back into their
// accusations and responses.
func (ds *Dataset) attachQuotes() error {
	byUnit := map[string][]schema.Quote{}
	for _, q := range ds.pendingQuotes {
		byUnit[q.UnitID] = append(byUnit[q.UnitID], q)
	}
	ds.pendingQuotes = nil
	for i := range ds.Accusations {
		a := &ds.Accusations[i]
		a.Quotes = byUnit[a.AccusationID]
		delete(byUnit, a.AccusationID)
	}
	for i := range ds.Responses {
		r := &ds.Responses[i]
		r.Quotes = byUnit[r.ResponseID]
		delete(byUnit, r.ResponseID)
	}
	// Every quote left over points nowhere; report each where it was read.
	var problems schema.ErrorList
	for _, unit := range slices.Sorted(maps.Keys(byUnit)) {
		for _, q := range byUnit[unit] {
			e := &schema.FieldError{File: ParquetFile(schema.TableQuotes), Table: schema.TableQuotes, ID: q.QuoteID,
				Field: "unit_id", Value: unit, Allowed: "the id of an accusation or response", Err: schema.ErrDangling}
			if q.Pos != nil {
				e.File, e.Line = q.Pos.File, q.Pos.Line
			}
			problems = append(problems, e)
		}
	}
	return problems.Err()
}
