package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// build --data d --out d would leave YAML records and Parquet in one
// directory, and later reads would see only the Parquet: build refuses,
// and a directory holding both is refused as --data (issue 16, item 3).
func TestBuildRefusesRecordsDirectory(t *testing.T) {
	recs := filepath.Join(t.TempDir(), "recs")
	if err := os.CopyFS(recs, os.DirFS("../../dataset/testdata/minimal")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "build", "--data", recs, "--out", recs)
	if code != 1 || !strings.Contains(stderr, "both YAML records and a Parquet dataset") || !strings.Contains(stderr, "choose another --out") {
		t.Fatalf("build into the records: status %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(recs, "responses.parquet")); err == nil {
		t.Error("build wrote Parquet into the records directory")
	}
	out := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runCLI(t, "build", "--data", recs, "--out", out); code != 0 {
		t.Fatalf("build: %d %s", code, stderr)
	}
	// Records copied beside the Parquet: every reader refuses the mix.
	if err := os.CopyFS(out, os.DirFS(recs)); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"validate", "--data", out}, {"profile", "--data", out}} {
		code, _, stderr := runCLI(t, args...)
		if code != 1 || !strings.Contains(stderr, "YAML records (dataset.yaml") || !strings.Contains(stderr, "Parquet (responses.parquet)") {
			t.Errorf("%v: status %d, stderr %q", args, code, stderr)
		}
	}
}
