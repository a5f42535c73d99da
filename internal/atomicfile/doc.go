// Package atomicfile writes files so that a reader, or a crash, never
// sees a half-written one: the content goes to a temporary file in the
// same directory, which is synced and renamed over the final name only
// when it is complete.
//
// The project's rule is that no run leaves a half-written output: an
// interrupted build keeps the previous Parquet files, a failed export the
// previous workbook. Every package that writes files (dataset, exports,
// coding, plot, events and the command) writes them through [Write]:
//
//	err := atomicfile.Write("out/rejoinder.xlsx", func(w io.Writer) error {
//		return exports.WriteWorkbook(w, ds, exports.WorkbookOptions{})
//	})
//
// # Where it fits
//
// atomicfile is a leaf under the flow schema → dataset → analysis →
// exports → cmd/rejoinder: it imports nothing of rejoinder's, and being
// internal it is not part of the module's public API.
//
// # Examples
//
// ExampleWrite shows a failed write leaving the previous file as it was
// (go test ./internal/atomicfile -run Example -v).
package atomicfile
