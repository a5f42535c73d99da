package analysis

import (
	"errors"
	"fmt"

	"github.com/rejoinder/rejoinder/dataset"
)

// Source is what every analysis reads, in one of three forms: a dataset's
// records in memory (*dataset.Dataset: the embedded one, one loaded from a
// directory, or one built in code), their columnar view (*Columns, from
// ColumnsOf or ReadColumns, to analyse the same data many times), or a
// directory of Parquet files that build, gen or import write (Parquet),
// read with the filter pushed into the scan. Each analysis is one function
// over a Source, so one call serves all three:
//
//	analysis.Profile(ds, opts)
//	analysis.Profile(analysis.Parquet("out"), opts)
type Source interface {
	*dataset.Dataset | *Columns | Parquet
}

// Parquet names a directory of Parquet files (as build, gen or import
// write it, one file a table or partitioned) as a Source.
type Parquet string

// errNilSource is a nil dataset or columns passed as a source.
var errNilSource = errors.New("analysis: nil source")

// columnsOf is the columnar view an analysis of src with filter f reads.
// A dataset's records must be complete: a record built in code and
// appended by hand is refused (dataset.ErrIncomplete) rather than left out
// of the counts.
func columnsOf[S Source](src S, f Filter) (*Columns, error) {
	switch v := any(src).(type) {
	case *dataset.Dataset:
		if v == nil {
			return nil, errNilSource
		}
		if err := v.Complete(); err != nil {
			return nil, err
		}
		return ColumnsOf(v), nil
	case *Columns:
		if v == nil {
			return nil, errNilSource
		}
		return v, nil
	case Parquet:
		return ReadColumnsWhere(string(v), f)
	}
	return nil, fmt.Errorf("analysis: source of type %T", src) // not reached: Source lists the types
}
