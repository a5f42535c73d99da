package interoptest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A test skipped for a missing reader leaves a line in $REJOINDER_SKIP_DIR;
// SkipSummary counts the tests once each (across the files of several
// test processes) and names every missing reader once, with how to
// install it; nothing is recorded without the variable.
func TestRecordSkipAndSummary(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(SkipDirEnv, dir)
	t.Setenv("REJOINDER_REQUIRE_INTEROP", "")
	for _, sk := range []struct{ test, what, install string }{
		{"duck", "DuckDB", "make interop"},
		{"duck_again", "DuckDB", "make interop"},
		{"calc", "LibreOffice", "apt-get install libreoffice-calc-nogui"},
	} {
		t.Run(sk.test, func(t *testing.T) { missing(t, sk.what, sk.install) })
	}
	files, _ := filepath.Glob(filepath.Join(dir, "skips-*.tsv"))
	if len(files) != 1 {
		t.Fatalf("skip files %v, want one for this process", files)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	pkg, _ := os.Getwd()
	if want := pkg + "\tTestRecordSkipAndSummary/duck\tDuckDB\tmake interop\n"; !strings.HasPrefix(string(b), want) {
		t.Errorf("recorded %q, want it to start with %q", b, want)
	}
	// Another test process skipped the same test name in another package,
	// and one test for a Python module.
	other := "/src/exports\tTestRecordSkipAndSummary/duck\tDuckDB\tmake interop\n" +
		"/src/coding\tTestAgreement\tpython module sklearn\tapt-get install python3-sklearn\n"
	if err := os.WriteFile(filepath.Join(dir, "skips-1.tsv"), []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := SkipSummary(dir)
	want := "interop: 5 tests skipped — missing: DuckDB (make interop), LibreOffice (apt-get install libreoffice-calc-nogui), python module sklearn (apt-get install python3-sklearn)"
	if err != nil || got != want {
		t.Errorf("SkipSummary = %q, %v\nwant %q", got, err, want)
	}

	if got, err := SkipSummary(t.TempDir()); got != "" || err != nil {
		t.Errorf("nothing skipped: SkipSummary = %q, %v; want \"\"", got, err)
	}
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "skips-2.tsv"), []byte("only\ttwo\n"), 0o644)
	if _, err := SkipSummary(bad); err == nil || !strings.Contains(err.Error(), "skips-2.tsv:1: 2 fields") {
		t.Errorf("malformed file: err %v", err)
	}

	t.Setenv(SkipDirEnv, "")
	t.Run("unrecorded", func(t *testing.T) { missing(t, "Jupyter", "make tools") })
	if got, _ := SkipSummary(dir); got != want {
		t.Errorf("a skip without %s was recorded: %q", SkipDirEnv, got)
	}
}
