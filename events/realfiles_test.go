package events

import (
	"archive/zip"
	"bufio"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// realDirEnv names a directory of real GDELT event files (export.CSV or
// their zips, 1.0 and 2.0 mixed) for TestRealGDELTFiles; see
// events/testdata/REAL-FILES.md for where to get them. The repository
// keeps only a small sample (testdata/real, TestRealGDELTSample).
const realDirEnv = "REJOINDER_GDELT_DIR"

// On real GDELT files, the pairs events pairs finds over the ingested
// Parquet, the DuckDB SQL finds over that Parquet, and the DuckDB SQL
// finds straight from the tab-separated files of each layout (1.0, its
// 57 and 58 columns together, and 2.0), are the same rows. Skipped
// unless REJOINDER_GDELT_DIR names such files.
func TestRealGDELTFiles(t *testing.T) {
	dir := os.Getenv(realDirEnv)
	if dir == "" {
		t.Skip(realDirEnv + " not set: no real GDELT files to test on (see testdata/REAL-FILES.md)")
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(checkRealGDELT(t, paths)) == 0 {
		t.Fatalf("no GDELT event file in %s", dir)
	}
}

// realLayout is what checkRealGDELT found for one GDELT version.
type realLayout struct {
	files []string      // plain copies, named vV-NAME
	rep   *IngestReport // ingest of those files alone
	pairs [][]string    // the pairs events pairs lists over them, window 30
}

// checkRealGDELT copies real GDELT files (plain or zipped) as plain text,
// groups them by layout, ingests each version alone and all together, and
// requires the pairs events pairs finds over the Parquet to be the rows
// DuckDB's SQL finds over that Parquet and straight over the
// tab-separated files of the version (1.0's 57 and 58 columns read
// together). It returns what it found per version.
func checkRealGDELT(t *testing.T, paths []string) map[Version]realLayout {
	t.Helper()
	plain := t.TempDir()
	byVersion := map[Version][]string{}
	for _, p := range paths {
		for _, f := range plainCopies(t, p, plain) {
			if v, renamed := layoutOf(t, f); v != 0 {
				byVersion[v] = append(byVersion[v], renamed)
			}
		}
	}
	found := map[Version]realLayout{}
	if len(byVersion) == 0 {
		return found
	}
	all := t.TempDir()
	for v, files := range byVersion {
		one := t.TempDir()
		rep, err := Ingest(files, one, IngestOptions{})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("GDELT %d: %d files, %d lines, %d kept, %d malformed, %d duplicates; dropped codes %v", v, len(files), rep.Lines, rep.Kept, rep.Malformed, rep.Duplicates, rep.Unmapped)
		st, err := Load(one)
		if err != nil {
			t.Fatal(err)
		}
		src, err := st.Pairs(30)
		if err != nil {
			t.Fatal(err)
		}
		ours := ourRows(t, src)
		glob := filepath.Join(filepath.Dir(files[0]), "v"+strconv.Itoa(int(v))+"-*")
		checkDuckDB(t, "real tsv v"+strconv.Itoa(int(v)), SQLOptions{Dialect: DialectDuckDB, Window: 30, TSV: glob, Version: v}, ours)
		checkDuckDB(t, "real parquet v"+strconv.Itoa(int(v)), SQLOptions{Dialect: DialectDuckDB, Window: 30, Data: one}, ours)
		if _, err := Ingest(files, all, IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		found[v] = realLayout{files: files, rep: rep, pairs: ours}
	}
	st, err := Load(all)
	if err != nil {
		t.Fatal(err)
	}
	src, err := st.Pairs(30)
	if err != nil {
		t.Fatal(err)
	}
	checkDuckDB(t, "real parquet, all versions (any order)", SQLOptions{Dialect: DialectDuckDB, Window: 30, Data: all}, ourRows(t, src))
	return found
}

// plainCopies copies a file, or each member of a zip, into dir as plain
// text (DuckDB reads no zip), named by its layout later.
func plainCopies(t *testing.T, path, dir string) []string {
	t.Helper()
	var out []string
	write := func(name string, r io.Reader) {
		p := filepath.Join(dir, strconv.Itoa(len(out))+"-"+filepath.Base(name))
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(f, r); err != nil {
			t.Fatal(err)
		}
		f.Close()
		out = append(out, p)
	}
	if zr, err := zip.OpenReader(path); err == nil {
		defer zr.Close()
		for _, zf := range zr.File {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			write(zf.Name, rc)
			rc.Close()
		}
		return out
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	write(path, f)
	return out
}

// layoutOf renames a plain copy vV-NAME after the layout of its first
// line (1 for 57 or 58 columns, 2 for 61) and returns both, or 0 for
// neither.
func layoutOf(t *testing.T, path string) (Version, string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(f).ReadString('\n')
	f.Close()
	v := versionOf(strings.Count(strings.TrimRight(line, "\r\n"), "\t") + 1)
	if v == 0 {
		return 0, path
	}
	renamed := filepath.Join(filepath.Dir(path), "v"+strconv.Itoa(int(v))+"-"+filepath.Base(path))
	if err := os.Rename(path, renamed); err != nil {
		t.Fatal(err)
	}
	return v, renamed
}
