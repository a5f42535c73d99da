// Package exports writes a rejoinder dataset in the forms its readers use:
// an Excel workbook for colleagues who only open spreadsheets, CSV tables
// with a Frictionless Data Package descriptor and Arrow IPC files for
// other tools, and table/CSV/JSON renderings of analysis results for
// scripts.
//
// Output is deterministic (the same data give the same bytes; for the
// workbook, once its timestamp is fixed by SOURCE_DATE_EPOCH or
// [WorkbookOptions].Generated), and files are written through a temporary
// file renamed into place. Spreadsheet text is always
// stored as text, so a quote that starts with =, +, - or @ never becomes a
// formula.
//
// # Where it fits
//
// Data flows schema → dataset → analysis → exports → cmd/rejoinder.
// exports reads a [*dataset.Dataset] (or a Parquet directory), runs the
// analyses of package analysis for the workbook's analysis sheets, and
// adds a Reliability sheet from package coding's codings. The commands
// build and export call it to write files, and the analysis commands
// print their results with [WriteFrame].
//
// # Entry points
//
//   - The workbook: [SaveWorkbook] (or [WriteWorkbook] to any
//     [io.Writer]) with [WorkbookOptions]: About and Codebook sheets, one
//     Excel Table per table, then Comparison, Profile, Similarity,
//     Dynamics, Timeline and Co-occurrence sheets (native charts on
//     Profile and Timeline).
//     [SaveWorkbookFromParquet] writes the same workbook from a Parquet
//     directory, streaming the large tables so memory stays flat.
//   - CSV and the data package: [WriteDataPackage] writes every table as
//     RFC 4180 CSV and a datapackage.json generated from the codebook
//     ([DataPackage] builds the descriptor); [WriteTableCSV] writes one
//     table; [WriteExcelCSV] writes CSV for spreadsheet programs (see
//     [CSVOptions]).
//   - Arrow: [WriteArrow] writes Feather v2 files for R, pandas and polars.
//   - Results: [WriteFrame] renders a DataFrame as [FormatTable],
//     [FormatCSV] or [FormatJSON], the --format of the analysis commands.
//   - [WriteDatasetDoc] writes DATASET.md from the records.
//
// For example, the build command's outputs from the embedded dataset:
//
//	ds := dataset.MustDefault()
//	paths, err := exports.WriteDataPackage("out", ds) // out/*.csv, out/datapackage.json
//	err = exports.SaveWorkbook("out/rejoinder.xlsx", ds, exports.WorkbookOptions{})
//
// # Examples
//
// ExampleWriteFrame prints an analysis as CSV and JSON (go test ./exports
// -run Example -v).
package exports
