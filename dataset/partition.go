package dataset

import (
	"errors"
	"fmt"
	"io"
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
	"github.com/rejoinder/rejoinder/schema"
)

// PartitionYear is the derived partition key: the year of a response's
// date. It is not a column of the table; readers such as DuckDB and Spark
// add it from the directory names.
const PartitionYear = "year"

// HiveNull is the directory value Hive, Spark and DuckDB use for a null
// partition value (a response with no date, under the year key).
const HiveNull = "__HIVE_DEFAULT_PARTITION__"

// PartitionFile is the name of the one Parquet file in each partition.
const PartitionFile = "part-0.parquet"

// ErrPartitionKey is returned for a partition key the responses table
// cannot be split by.
var ErrPartitionKey = errors.New("invalid partition key")

// PartitionKeys lists the keys the responses table can be partitioned by:
// its single-valued categorical columns (codes, countries, languages, the
// case it belongs to) and the derived year. Free text and row ids would
// give a directory per row.
func PartitionKeys() []string {
	var keys []string
	for _, c := range schema.Default().Columns(schema.TableResponses) {
		if c.Field.Type.ID() != arrow.STRING || c.Precision {
			continue
		}
		switch c.Variable.Type {
		case schema.TypeEnum, schema.TypeCountry, schema.TypeActor, schema.TypeLanguage, schema.TypeCAMEO:
			keys = append(keys, c.Field.Name)
		case schema.TypeRef:
			if c.Field.Name == "case_id" {
				keys = append(keys, c.Field.Name)
			}
		}
	}
	return append(keys, PartitionYear)
}

// ParsePartitionKeys splits a comma-separated list such as
// "responder,year" and checks each key against PartitionKeys.
func ParsePartitionKeys(s string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	allowed := PartitionKeys()
	var keys []string
	for _, k := range strings.Split(s, ",") {
		k = strings.TrimSpace(k)
		if !slices.Contains(allowed, k) {
			return nil, fmt.Errorf("%w %q (allowed: %s)", ErrPartitionKey, k, strings.Join(allowed, ", "))
		}
		if slices.Contains(keys, k) {
			return nil, fmt.Errorf("%w %q: given twice", ErrPartitionKey, k)
		}
		keys = append(keys, k)
	}
	return keys, nil
}

// PartitionDir is the directory a partitioned table is written under.
func PartitionDir(table string) string { return table }

// WriteParquetPartitioned is WriteParquet with the responses table split
// into a Hive-partitioned directory, responses/key=value/.../part-0.parquet,
// one directory level per key in the order given. DuckDB
// (read_parquet('responses/**/*.parquet', hive_partitioning = true)),
// Spark and BigQuery read such a directory as one table, and a reader
// that filters on a key skips the other partitions' files. The key
// columns are not repeated inside the files, as Hive expects; the year
// key is derived from the date, with HiveNull for an undated response.
// The other tables are single files as WriteParquet writes them. With no
// keys it is WriteParquet. Either form replaces the other in dir, so that
// a directory never holds the responses twice.
func (ds *Dataset) WriteParquetPartitioned(dir string, keys []string) ([]string, error) {
	// The same checks as for the command line: known keys, none twice.
	if _, err := ParsePartitionKeys(strings.Join(keys, ",")); err != nil {
		return nil, err
	}
	paths, err := ds.writeParquet(dir, keys)
	if err != nil {
		return paths, err
	}
	if len(keys) == 0 {
		// Drop a partitioned responses directory left by an earlier build,
		// but only one that holds nothing but partitions.
		root := filepath.Join(dir, PartitionDir(schema.TableResponses))
		if _, err := ListPartitions(root); err == nil {
			if err := os.RemoveAll(root); err != nil {
				return paths, err
			}
		}
	} else if err := os.Remove(filepath.Join(dir, ParquetFile(schema.TableResponses))); err != nil && !errors.Is(err, os.ErrNotExist) {
		return paths, err
	}
	return paths, nil
}

// writePartitions writes table under dir/table/ split by keys. The new
// directory is built beside the old one and swapped in when complete.
func (ds *Dataset) writePartitions(dir, table string, keys []string, hash string) ([]string, error) {
	cb := ds.codebook()
	cols := cb.Columns(table)
	full := cb.ArrowSchema(table, ds.fileMetadata(table, hash))
	keyIndex := make([]int, len(keys)) // column the key's value comes from
	isKey := map[int]bool{}
	for i, k := range keys {
		name := k
		if k == PartitionYear {
			name = "date"
		}
		keyIndex[i] = slices.IndexFunc(cols, func(c schema.Column) bool { return c.Field.Name == name && !c.Precision })
		if k != PartitionYear {
			isKey[keyIndex[i]] = true
		}
	}
	var fields []arrow.Field
	var kept []int
	for i, f := range full.Fields() {
		if !isKey[i] {
			fields = append(fields, f)
			kept = append(kept, i)
		}
	}
	md := full.Metadata()
	partSchema := arrow.NewSchema(fields, &md)

	builders := map[string]*array.RecordBuilder{}
	defer func() {
		for _, b := range builders {
			b.Release()
		}
	}()
	segs := make([]string, len(keys))
	err := ds.Scan(table, func(row []any) error {
		for i, k := range keys {
			v := ""
			if k == PartitionYear {
				if d := row[keyIndex[i]].(schema.Date); !d.IsZero() {
					v = strconv.Itoa(d.Year)
				}
			} else {
				v = row[keyIndex[i]].(string)
			}
			segs[i] = k + "=" + escapePartition(v)
		}
		rel := filepath.Join(segs...)
		b := builders[rel]
		if b == nil {
			b = array.NewRecordBuilder(memory.DefaultAllocator, partSchema)
			builders[rel] = b
		}
		for j, ci := range kept {
			appendValue(b.Field(j), cols[ci], row[ci])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}

	tmp, err := os.MkdirTemp(dir, "."+table+".tmp-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	rels := make([]string, 0, len(builders))
	for rel := range builders {
		rels = append(rels, rel)
	}
	slices.Sort(rels) // a fixed order, so that the output is deterministic
	for _, rel := range rels {
		if err := os.MkdirAll(filepath.Join(tmp, rel), 0o755); err != nil {
			return nil, err
		}
		rec := builders[rel].NewRecordBatch()
		err := atomicfile.Write(filepath.Join(tmp, rel, PartitionFile), func(w io.Writer) error { return parquetio.WriteRecord(w, rec) })
		rec.Release()
		if err != nil {
			return nil, err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	root := filepath.Join(dir, PartitionDir(table))
	old := ""
	if _, err := os.Stat(root); err == nil {
		if _, err := ListPartitions(root); err != nil {
			return nil, fmt.Errorf("%s exists and is not a partitioned table rejoinder wrote; move it away: %w", root, err)
		}
		old = tmp + ".old"
		if err := os.Rename(root, old); err != nil {
			return nil, err
		}
	}
	if err := os.Rename(tmp, root); err != nil {
		return nil, err
	}
	if old != "" {
		os.RemoveAll(old)
	}
	paths := make([]string, len(rels))
	for i, rel := range rels {
		paths[i] = filepath.Join(root, rel, PartitionFile)
	}
	return paths, nil
}

// Partition is one file of a Hive-partitioned table with the key values
// its directory names give.
type Partition struct {
	Path string
	Keys []string          // key names, outermost first
	Vals map[string]string // key → value; "" for HiveNull
}

// ColumnsToRead splits the columns a reader wants between the file and
// the directory names: it returns the names to read from the file and,
// for each wanted column, its index among them, or -1 when the partition
// fixes its value (in Vals).
func (p Partition) ColumnsToRead(names []string) (read []string, pos []int) {
	pos = make([]int, len(names))
	for i, n := range names {
		if _, fixed := p.Vals[n]; fixed {
			pos[i] = -1
			continue
		}
		pos[i] = len(read)
		read = append(read, n)
	}
	return read, pos
}

// ListPartitions lists the files of a Hive-partitioned table directory in
// sorted path order. It fails on anything else in the tree (a file outside
// a key=value directory, directories of mixed keys), so that a directory
// it accepts can be read, or replaced, as one table.
func ListPartitions(root string) ([]Partition, error) {
	var out []Partition
	var walk func(dir string, keys []string, vals map[string]string) error
	walk = func(dir string, keys []string, vals map[string]string) error {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range entries {
			p := filepath.Join(dir, e.Name())
			if !e.IsDir() {
				if len(keys) == 0 || !strings.HasSuffix(e.Name(), ".parquet") {
					return fmt.Errorf("%s: not a Parquet file inside a key=value directory", p)
				}
				v := make(map[string]string, len(vals))
				for k, x := range vals {
					v[k] = x
				}
				out = append(out, Partition{Path: p, Keys: slices.Clone(keys), Vals: v})
				continue
			}
			k, raw, ok := strings.Cut(e.Name(), "=")
			if !ok || k == "" {
				return fmt.Errorf("%s: directory is not named key=value", p)
			}
			val, err := unescapePartition(raw)
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			vals[k] = val
			if err := walk(p, append(keys, k), vals); err != nil {
				return err
			}
			delete(vals, k)
		}
		return nil
	}
	if err := walk(root, nil, map[string]string{}); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no partition files", root)
	}
	for _, p := range out[1:] {
		if !slices.Equal(p.Keys, out[0].Keys) {
			return nil, fmt.Errorf("%s: partition keys %v differ from %v", p.Path, p.Keys, out[0].Keys)
		}
	}
	return out, nil
}

// escapePartition percent-encodes what a directory name cannot hold, as
// Hive does; codes and ids need none of it.
func escapePartition(v string) string {
	if v == "" {
		return HiveNull
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < 0x20 || c >= 0x7f || strings.IndexByte(`"#%'*/:=?\{[]^`, c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func unescapePartition(s string) (string, error) {
	if s == HiveNull {
		return "", nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+3 > len(s) {
			return "", fmt.Errorf("bad escape in partition value %q", s)
		}
		n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", fmt.Errorf("bad escape in partition value %q", s)
		}
		b.WriteByte(byte(n))
		i += 2
	}
	return b.String(), nil
}

// TableFiles lists the Parquet files that hold a table in dir: its one
// file, or the partitions of a table written with
// WriteParquetPartitioned. A partition's Vals give the columns its
// directory names fix.
func TableFiles(dir, table string) ([]Partition, error) {
	single := filepath.Join(dir, ParquetFile(table))
	_, err := os.Stat(single)
	if err == nil {
		return []Partition{{Path: single}}, nil
	}
	if info, derr := os.Stat(filepath.Join(dir, PartitionDir(table))); derr == nil && info.IsDir() {
		parts, err := ListPartitions(filepath.Join(dir, PartitionDir(table)))
		if err != nil || table != schema.TableResponses {
			return parts, err
		}
		// A key that is no column would be dropped unread: refuse it.
		allowed := PartitionKeys()
		for _, k := range parts[0].Keys {
			if !slices.Contains(allowed, k) {
				return nil, fmt.Errorf("%s: %w %q in a directory name (allowed: %s)", filepath.Dir(parts[0].Path), ErrPartitionKey, k, strings.Join(allowed, ", "))
			}
		}
		return parts, nil
	}
	return nil, err
}

// withPartitionColumns adds to a partition's table the columns its
// directory names fix, as constant columns, so that it has every column
// of the codebook again. It takes over tbl's reference.
func (ds *Dataset) withPartitionColumns(table string, part Partition, tbl arrow.Table) arrow.Table {
	if len(part.Vals) == 0 {
		return tbl
	}
	n := int(tbl.NumRows())
	fields := slices.Clone(tbl.Schema().Fields())
	var cols []arrow.Column
	for i := 0; i < int(tbl.NumCols()); i++ {
		cols = append(cols, *tbl.Column(i))
	}
	var made []arrow.Array
	for _, c := range ds.codebook().Columns(table) {
		v, fixed := part.Vals[c.Field.Name]
		if !fixed || c.Field.Type.ID() != arrow.STRING {
			continue
		}
		b := array.NewStringBuilder(memory.DefaultAllocator)
		for range n {
			if v == "" && c.Field.Nullable {
				b.AppendNull()
			} else {
				b.Append(v)
			}
		}
		a := b.NewArray()
		b.Release()
		made = append(made, a)
		chunked := arrow.NewChunked(c.Field.Type, []arrow.Array{a})
		fields = append(fields, c.Field)
		cols = append(cols, *arrow.NewColumn(c.Field, chunked))
		chunked.Release()
	}
	md := tbl.Schema().Metadata()
	out := array.NewTable(arrow.NewSchema(fields, &md), cols, int64(n))
	for _, a := range made {
		a.Release()
	}
	tbl.Release()
	return out
}

// IsParquetDir reports whether dir holds a Parquet dataset, as build and
// gen write it (with or without partitions), rather than YAML records.
func IsParquetDir(dir string) bool {
	if dir == "" {
		return false
	}
	if _, err := os.Stat(filepath.Join(dir, ParquetFile(schema.TableResponses))); err == nil {
		return true
	}
	info, err := os.Stat(filepath.Join(dir, PartitionDir(schema.TableResponses)))
	return err == nil && info.IsDir()
}
