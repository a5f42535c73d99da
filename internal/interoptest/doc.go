// Package interoptest runs the independent readers under interop/ for the
// interoperability tests: programs written by others that read
// rejoinder's outputs, so that a test checks a file the way its users'
// tools will see it, not only the way rejoinder reads it back.
//
// The readers are DuckDB, Apache Arrow JS and Frictionless
// datapackage-js through Node.js (installed from interop/package-lock.json
// by `make interop`), Python scripts using pandas with openpyxl,
// scikit-learn and NLTK (Debian's python3), and LibreOffice. Locally a
// missing reader skips the test; with REJOINDER_REQUIRE_INTEROP=1, as
// .ci/run sets it, it fails the test, so CI cannot pass without having
// checked.
//
// # Where it fits
//
// interoptest is used only by tests, across the flow schema → dataset →
// analysis → exports → cmd/rejoinder: by the tests of dataset, exports,
// coding, reliability, events and notebooks, and by its command
// skipsummary, which `make test` runs. It imports nothing of rejoinder's.
//
// # Entry points
//
// [RunJSON] runs a Node.js script and decodes the JSON it prints;
// [Python] does the same for a Python script, checking its modules first;
// [LibreOffice] finds the soffice program, [Command] any other (pdftotext,
// say). Each skip for a missing reader
// is also noted by [RecordSkip] in the directory $REJOINDER_SKIP_DIR names
// ([SkipDirEnv]), which `make test` sets; after go test it prints
// [SkipSummary] of it, one line naming the skipped tests' missing readers
// and how to install each (command skipsummary). A package whose test
// skipped reads a new directory on every run, so go test does not cache
// its result and the line is never lost to the cache.
//
// In a test, DuckDB counting the rows of the Parquet files package
// dataset wrote:
//
//	var got map[string]struct{ Rows int } // file → what DuckDB read
//	interoptest.RunJSON(t, "parquet_counts.mjs", "@duckdb/node-api", &got, paths...)
//
// There are no runnable examples: every call needs a *testing.T and an
// installed reader; see the tests of the packages above (interop_test.go
// in exports, reliability and events).
package interoptest
