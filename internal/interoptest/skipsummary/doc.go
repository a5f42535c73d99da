// Command skipsummary prints the one line `make test` ends with when
// interoperability tests were skipped because a reader (DuckDB, the JS
// readers, LibreOffice, Python modules, Jupyter) is not installed: how
// many tests, what is missing and how to install it. Its argument is the
// directory the Makefile handed to the tests as $REJOINDER_SKIP_DIR, where
// interoptest.RecordSkip left a line per skipped test; it prints nothing
// when nothing was skipped.
//
//	go run ./internal/interoptest/skipsummary DIR
package main
