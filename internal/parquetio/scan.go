package parquetio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/rejoinder/rejoinder/internal/inputlimit"
	"github.com/rejoinder/rejoinder/schema"
)

// Checks are a caller's checks on the columns ScanColumns reads; either
// may be nil.
type Checks struct {
	// Column checks a column's Arrow type before any row is read.
	Column func(name string, typ arrow.DataType) error
	// Values checks column i (in the order of names) of each batch, whose
	// first row is firstRow.
	Values func(i int, a arrow.Array, firstRow int) error
}

// ScanColumnsAny reads the named columns of a Parquet file (within Limit)
// batch by batch, as ScanColumns does, checking that they exist but not
// their types, which fn must check itself: for Parquet files outside the
// dataset's tables (a codings file, GDELT events, say).
func ScanColumnsAny(path string, names []string, fn func(cols []arrow.Array, firstRow, n int) error) error {
	return ScanColumns(path, Limit, names, Checks{}, fn)
}

// ScanColumns reads the named columns of a Parquet file batch by batch and
// calls fn with the arrays of each batch (in the order of names), the
// index of the batch's first row, and its length. Only the requested
// columns are read, one batch at a time, so memory stays flat however
// long the file. A column not in the file is a schema.ErrMissing
// FieldError; checks are run before fn sees a batch.
func ScanColumns(path string, limit inputlimit.Limit, names []string, checks Checks, fn func(cols []arrow.Array, firstRow, n int) error) (err error) {
	p, err := Open(path, limit, true, pqarrow.ArrowReadProperties{BatchSize: 64 * 1024})
	if err != nil {
		return err
	}
	defer p.Close()
	defer func() {
		if r := recover(); r != nil {
			err = Damaged(path, r)
		}
	}()
	// The leaf columns of each wanted field (a list has one leaf below it).
	want := map[string]int{}
	for i, n := range names {
		want[n] = i
	}
	var leaves []int
	pqs := p.PF.MetaData().Schema
	for i := 0; i < pqs.NumColumns(); i++ {
		top, _, _ := strings.Cut(pqs.Column(i).ColumnPath().String(), ".")
		if _, ok := want[top]; ok {
			leaves = append(leaves, i)
		}
	}
	rr, err := p.FR.GetRecordReader(context.Background(), leaves, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer rr.Release()
	// Map the reader's columns to the order of names.
	order := make([]int, len(names))
	for i, n := range names {
		idx := rr.Schema().FieldIndices(n)
		if len(idx) != 1 {
			return &schema.FieldError{File: path, Field: n, Err: schema.ErrMissing, Detail: "column not in the file"}
		}
		order[i] = idx[0]
		if checks.Column != nil {
			if err := checks.Column(n, rr.Schema().Field(idx[0]).Type); err != nil {
				return err
			}
		}
	}
	cols := make([]arrow.Array, len(names))
	row := 0
	for {
		rec, err := rr.Read()
		if errors.Is(err, io.EOF) || (err == nil && rec == nil) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		for i, k := range order {
			cols[i] = rec.Column(k)
			if checks.Values != nil {
				if err := checks.Values(i, cols[i], row); err != nil {
					return err
				}
			}
		}
		n := int(rec.NumRows())
		if err := fn(cols, row, n); err != nil {
			return err
		}
		row += n
	}
}
