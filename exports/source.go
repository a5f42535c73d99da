package exports

import (
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// source is where the workbook reads its tables' rows: a dataset in
// memory, or a Parquet directory streamed batch by batch so that memory
// does not grow with the rows.
type source interface {
	count(table string) int
	scan(table string, fn func(row []any) error) error
}

// loaded reads a dataset in memory.
type loaded struct{ ds *dataset.Dataset }

func (l loaded) scan(table string, fn func(row []any) error) error { return l.ds.Scan(table, fn) }

func (l loaded) count(table string) int {
	ds := l.ds
	switch table {
	case schema.TableCases:
		return len(ds.Cases)
	case schema.TableAccusations:
		return len(ds.Accusations)
	case schema.TableResponses:
		return len(ds.Responses)
	case schema.TableSources:
		return len(ds.Sources)
	}
	n := 0
	for _, a := range ds.Accusations {
		n += len(a.Quotes)
	}
	for _, r := range ds.Responses {
		n += len(r.Quotes)
	}
	return n
}

// streamed reads a Parquet directory written by build or gen.
type streamed struct {
	dir  string
	rows map[string]int
}

func (s streamed) count(table string) int { return s.rows[table] }

func (s streamed) scan(table string, fn func(row []any) error) error {
	return dataset.ScanParquet(s.dir, table, fn)
}
