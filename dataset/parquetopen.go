package dataset

import (
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/rejoinder/rejoinder/internal/parquetio"
)

// ErrDamagedParquet is reported for a Parquet file the reader library
// could not decode without failing inside (a corrupt page or footer). It
// is internal/parquetio's ErrDamaged, which every Parquet reader reports.
var ErrDamagedParquet = parquetio.ErrDamaged

// parquetFile is an open Parquet file and its Arrow reader.
type parquetFile struct {
	*parquetio.File
	pf *file.Reader
	fr *pqarrow.FileReader // nil when opened for metadata only
}

// openParquet opens a Parquet file of a dataset defensively, within
// ParquetLimit (see parquetio.Open).
func openParquet(path string, arrow bool, props pqarrow.ArrowReadProperties) (*parquetFile, error) {
	f, err := parquetio.Open(path, ParquetLimit, arrow, props)
	if err != nil {
		return nil, err
	}
	return &parquetFile{File: f, pf: f.PF, fr: f.FR}, nil
}

// keyValues returns the footer's key-value metadata (without ARROW:schema).
func (p *parquetFile) keyValues() map[string]string { return p.KeyValues() }

// recoverDamaged turns a panic of the Parquet library while reading path
// into ErrDamagedParquet; deferred by every function that decodes a file.
func recoverDamaged(path string, err *error) {
	if r := recover(); r != nil {
		*err = parquetio.Damaged(path, r)
	}
}
