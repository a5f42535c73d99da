package dataset

import (
	"io/fs"

	"github.com/rejoinder/rejoinder/internal/inputlimit"
	"github.com/rejoinder/rejoinder/internal/parquetio"
)

// ErrNotRegularFile is an input that is not a regular file (after links
// are followed): a device such as /dev/zero, a named pipe (FIFO) or a
// socket. Reading one could never end, or end only when memory does, so
// it is refused before it is opened. It is the error of every reader of
// input files (internal/inputlimit), events and reliability too.
var ErrNotRegularFile = inputlimit.ErrNotRegularFile

// ErrInputTooLarge is an input file over its kind's size limit (see
// InputLimit). The limit is checked before the file is read, and the file
// is read no further than the limit, so a file that grows while it is read
// is bounded too. Events and reliability inputs report it too.
var ErrInputTooLarge = inputlimit.ErrInputTooLarge

// InputLimit is the largest size rejoinder reads for one kind of input
// file, and the environment variable that raises it (a number of
// megabytes, MiB). Each limit is far above what the curated dataset or a
// build of 500,000 responses needs, and below what would exhaust memory:
// a YAML file takes about 27 times its size in memory while it is decoded.
// The type is shared with the other readers of input files.
type InputLimit = inputlimit.Limit

// The size limits of the input files the dataset package reads.
var (
	// YAMLLimit bounds one YAML record file (dataset.yaml or a case file).
	YAMLLimit = InputLimit{What: "YAML record file", Env: "REJOINDER_MAX_YAML_MB", Bytes: 64 << 20}
	// ParquetLimit bounds one Parquet file of a dataset (the same limit
	// as internal/parquetio's, for the other packages' Parquet files).
	ParquetLimit = parquetio.Limit
)

// RefuseIrregular returns ErrNotRegularFile, saying what file is (a
// device, a named pipe, ...) and that want is expected, when mode is not
// a regular file's; nil otherwise. Every reader of input files calls it
// on the file's mode, links followed, before opening the file.
func RefuseIrregular(file string, mode fs.FileMode, want string) error {
	return inputlimit.RefuseIrregular(file, mode, want)
}
