// Package inputlimit bounds the input files rejoinder reads: each kind of
// file has a size limit, checked before the file is opened and enforced
// while it is read, and an environment variable (REJOINDER_MAX_*_MB) that
// raises it; a file that is not a regular one (a device such as
// /dev/zero, a named pipe, a socket) is refused before it is opened,
// since reading it could block for ever or never end.
//
// # Where it fits
//
// inputlimit is a leaf shared by every reader of input files: package
// dataset (YAML records, Parquet), events (pairs CSV, GDELT files) and
// reliability (CSV of codings). dataset re-exports its errors as
// [dataset.ErrNotRegularFile] and [dataset.ErrInputTooLarge] (the same
// values) and its type as dataset.InputLimit.
package inputlimit
