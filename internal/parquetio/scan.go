package parquetio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
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
	return ScanColumnsPruned(path, limit, names, checks, Prefilter{}, fn)
}

// Prefilter lets ScanColumnsPruned skip the row groups a caller's filter
// excludes: the filter's columns of each row group are decoded first,
// and the other columns only for the groups Keep may want.
type Prefilter struct {
	// Names are the columns Keep reads; each must be among the scan's names.
	Names []string
	// Keep sees the Names columns of one row group batch by batch (in the
	// order of Names; firstRow counts from the file's first row) and
	// reports whether the group may hold a row the caller wants. Once it
	// says true the group's remaining filter batches are not read, and
	// the whole group is passed to fn as by ScanColumns.
	Keep func(cols []arrow.Array, firstRow, n int) (bool, error)
}

// ScanColumnsPruned is ScanColumns that skips row groups: with a Keep,
// a row group is read only if Keep wants it, and fn never sees the rows
// of a skipped group. The types of every column are checked first, and
// checks.Values runs on the filter columns of every group, skipped or
// not; the other columns of a skipped group are not decoded, so not
// checked. Without a Keep it is ScanColumns.
func ScanColumnsPruned(path string, limit inputlimit.Limit, names []string, checks Checks, pre Prefilter, fn func(cols []arrow.Array, firstRow, n int) error) (err error) {
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
	if pre.Keep == nil {
		_, err := scanGroups(p, path, names, checks, nil, 0, fn)
		return err
	}
	if err := checkColumns(p, path, names, checks); err != nil {
		return err
	}
	// checks.Values indexes names; the filter columns are a subset.
	preChecks := Checks{}
	if checks.Values != nil {
		at := make([]int, len(pre.Names))
		for i, n := range pre.Names {
			at[i] = slices.Index(names, n)
			if at[i] < 0 {
				return fmt.Errorf("%s: filter column %q is not among the columns read", path, n)
			}
		}
		preChecks.Values = func(i int, a arrow.Array, firstRow int) error { return checks.Values(at[i], a, firstRow) }
	}
	first := 0
	for g := 0; g < p.PF.NumRowGroups(); g++ {
		keep := false
		_, err := scanGroups(p, path, pre.Names, preChecks, []int{g}, first, func(cols []arrow.Array, row, n int) error {
			var err error
			if keep, err = pre.Keep(cols, row, n); err == nil && keep {
				err = errStopGroup
			}
			return err
		})
		if err != nil && !errors.Is(err, errStopGroup) {
			return err
		}
		if keep {
			if _, err := scanGroups(p, path, names, checks, []int{g}, first, fn); err != nil {
				return err
			}
		}
		first += int(p.PF.MetaData().RowGroup(g).NumRows())
	}
	return nil
}

// errStopGroup ends the read of a row group's filter columns early.
var errStopGroup = errors.New("row group wanted")

// checkColumns checks, before any row is read, that every named column
// is in the file, with checks.Column's type.
func checkColumns(p *File, path string, names []string, checks Checks) error {
	s, err := p.FR.Schema()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for _, n := range names {
		idx := s.FieldIndices(n)
		if len(idx) != 1 {
			return &schema.FieldError{File: path, Field: n, Err: schema.ErrMissing, Detail: "column not in the file"}
		}
		if checks.Column != nil {
			if err := checks.Column(n, s.Field(idx[0]).Type); err != nil {
				return err
			}
		}
	}
	return nil
}

// scanGroups reads the named columns of the given row groups (nil: all)
// batch by batch, numbering rows from first, and returns the rows read.
func scanGroups(p *File, path string, names []string, checks Checks, groups []int, first int, fn func(cols []arrow.Array, firstRow, n int) error) (int, error) {
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
	rr, err := p.FR.GetRecordReader(context.Background(), leaves, groups)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	defer rr.Release()
	// Map the reader's columns to the order of names.
	order := make([]int, len(names))
	for i, n := range names {
		idx := rr.Schema().FieldIndices(n)
		if len(idx) != 1 {
			return 0, &schema.FieldError{File: path, Field: n, Err: schema.ErrMissing, Detail: "column not in the file"}
		}
		order[i] = idx[0]
		if checks.Column != nil {
			if err := checks.Column(n, rr.Schema().Field(idx[0]).Type); err != nil {
				return 0, err
			}
		}
	}
	cols := make([]arrow.Array, len(names))
	row := first
	for {
		rec, err := rr.Read()
		if errors.Is(err, io.EOF) || (err == nil && rec == nil) {
			return row - first, nil
		}
		if err != nil {
			return row - first, fmt.Errorf("%s: %w", path, err)
		}
		for i, k := range order {
			cols[i] = rec.Column(k)
			if checks.Values != nil {
				if err := checks.Values(i, cols[i], row); err != nil {
					return row - first, err
				}
			}
		}
		n := int(rec.NumRows())
		if err := fn(cols, row, n); err != nil {
			return row - first, err
		}
		row += n
	}
}
