package dataset

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/rejoinder/rejoinder/internal/parquetio"
	"github.com/rejoinder/rejoinder/schema"
)

// ScanColumns reads the named columns of a table's Parquet file batch by
// batch and calls fn with the arrays of each batch (in the order of names),
// the index of the batch's first row, and its length. Each column must
// exist with the type the codebook gives it, so fn may assert types. Only
// the requested columns are read, one batch at a time, so memory stays
// flat however long the table.
func ScanColumns(path, table string, names []string, fn func(cols []arrow.Array, firstRow, n int) error) error {
	return parquetio.ScanColumns(path, ParquetLimit, names, columnChecks(path, table, names), fn)
}

// ScanColumnsPruned is ScanColumns that skips the row groups a filter
// excludes, so that a filtered scan decodes only the groups that may
// match: the columns named in keepNames (each also in names) of each
// row group are read first and passed to keep batch by batch; only when
// keep reports that the group may hold a wanted row are all the columns
// of the group read and passed to fn. Every column's type is checked,
// and the filter columns' values in every group; the other columns of a
// skipped group are not read, so not checked.
func ScanColumnsPruned(path, table string, names, keepNames []string, keep func(cols []arrow.Array, firstRow, n int) (bool, error), fn func(cols []arrow.Array, firstRow, n int) error) error {
	return parquetio.ScanColumnsPruned(path, ParquetLimit, names, columnChecks(path, table, names),
		parquetio.Prefilter{Names: keepNames, Keep: keep}, fn)
}

// columnChecks are ScanColumns' checks of the named columns of a table.
func columnChecks(path, table string, names []string) parquetio.Checks {
	// Each column is checked as fillTable checks it: its type, then its values.
	checked := map[string]schema.Column{}
	for _, c := range schema.Default().Columns(table) {
		checked[c.Field.Name] = c
	}
	return parquetio.Checks{
		Column: func(n string, got arrow.DataType) error {
			c, ok := checked[n]
			if !ok || !sameColumnType(got, c.Field.Type) {
				var want arrow.DataType
				if ok {
					want = c.Field.Type
				}
				return &schema.FieldError{File: path, Table: table, Field: n, Value: got.String(), Allowed: allowedType(want),
					Err: schema.ErrBadValue, Detail: "column has the wrong type"}
			}
			return nil
		},
		Values: func(i int, a arrow.Array, row int) error {
			return checkValues(path, table, checked[names[i]], a, row)
		},
	}
}

// ScanColumnsAny is ScanColumns for a Parquet file outside the codebook's
// tables (a codings file, say): it checks that the columns exist but not
// their types, which fn must check itself.
//
// Deprecated: Parquet plumbing for rejoinder's own packages, now in
// internal/parquetio; it will be removed. Read a dataset's tables with
// [ScanColumns] or [ScanParquet].
func ScanColumnsAny(path string, names []string, fn func(cols []arrow.Array, firstRow, n int) error) error {
	return parquetio.ScanColumns(path, ParquetLimit, names, parquetio.Checks{}, fn)
}

// ParquetInfo returns the row count of each table of a Parquet directory
// and the key-value metadata of its cases file, without reading any rows.
// A directory whose files come from different builds is refused
// (CheckSameBuild).
func ParquetInfo(dir string) (map[string]int, map[string]string, error) {
	if err := CheckSameBuild(dir); err != nil {
		return nil, nil, err
	}
	rows := map[string]int{}
	var kv map[string]string
	for _, table := range Tables {
		files, err := TableFiles(dir, table)
		if err != nil {
			return nil, nil, err
		}
		for _, part := range files {
			p, err := openParquet(part.Path, false, pqarrow.ArrowReadProperties{})
			if err != nil {
				return nil, nil, err
			}
			rows[table] += int(p.pf.NumRows())
			if table == schema.TableCases {
				kv = p.keyValues()
			}
			p.Close()
		}
	}
	return rows, kv, nil
}

// ScanParquet streams the rows of one table of a Parquet directory, as
// Scan does for a loaded dataset: values in the codebook's column order,
// string, bool, []string or schema.Date (for a date column and its
// precision column alike). The slice and its lists are reused between
// calls. Rows are read batch by batch; nothing else is kept.
func ScanParquet(dir, table string, fn func(row []any) error) error {
	cols := schema.Default().Columns(table)
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Field.Name
	}
	precisionOf := make([]int, len(cols)) // for a date column: its precision column
	for i, c := range cols {
		precisionOf[i] = -1
		if c.Variable.Type == schema.TypeDate && !c.Precision && i+1 < len(cols) && cols[i+1].Precision {
			precisionOf[i] = i + 1
		}
	}
	row := make([]any, len(cols))
	lists := make([][]string, len(cols))
	files, err := TableFiles(dir, table)
	if err != nil {
		return err
	}
	for _, part := range files {
		// Columns a partition's directory names give are not in its file.
		read, pos := part.ColumnsToRead(names)
		for i, n := range names {
			if pos[i] < 0 {
				row[i] = part.Vals[n]
			}
		}
		err := ScanColumns(part.Path, table, read, func(arrays []arrow.Array, _ int, n int) error {
			for r := 0; r < n; r++ {
				for i, c := range cols {
					if pos[i] < 0 {
						continue
					}
					switch a := arrays[pos[i]].(type) {
					case *array.String:
						if c.Precision {
							continue // set with its date
						}
						if a.IsNull(r) {
							row[i] = ""
						} else {
							row[i] = a.Value(r)
						}
					case *array.Boolean:
						row[i] = a.Value(r)
					case *array.List:
						values := a.ListValues().(*array.String)
						start, end := a.ValueOffsets(r)
						lists[i] = lists[i][:0]
						for j := start; j < end; j++ {
							lists[i] = append(lists[i], values.Value(int(j)))
						}
						row[i] = lists[i]
					case *array.Date32:
						d := schema.Date{}
						if !a.IsNull(r) {
							p := schema.PrecisionDay
							if k := precisionOf[i]; k >= 0 {
								if ps := arrays[pos[k]].(*array.String); !ps.IsNull(r) {
									if q, err := schema.ParsePrecision(ps.Value(r)); err == nil && q != schema.PrecisionNone {
										p = q
									}
								}
							}
							d = schema.DateFromEpochDays(int32(a.Value(r)), p)
						}
						row[i] = d
						if k := precisionOf[i]; k >= 0 {
							row[k] = d
						}
					}
				}
				if err := fn(row); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
