// Package parquetio is the Parquet plumbing rejoinder's packages share:
// the fixed writer settings that make the same data give the same bytes
// (WriteRecord, WriterProperties, PlainColumns), and the defensive reader
// (Open, ScanColumns) that turns a damaged file into ErrDamaged rather
// than a crash. dataset writes and reads the dataset's tables with it;
// coding and events their own Parquet files. It is internal so that
// dataset's public API is the dataset, not the plumbing.
package parquetio
