package dataset

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/schema"
)

// twoBuilds writes the curated dataset and a copy with one case title
// changed (so another content hash) into two directories.
func twoBuilds(t *testing.T, keys []string) (a, b string, hashA, hashB string) {
	t.Helper()
	ds := MustDefault()
	other := *ds
	other.Cases = slices.Clone(ds.Cases)
	other.Cases[0].Title += " (edited)"
	a, b = t.TempDir(), t.TempDir()
	if _, err := ds.WriteParquetPartitioned(a, keys); err != nil {
		t.Fatal(err)
	}
	if _, err := other.WriteParquetPartitioned(b, keys); err != nil {
		t.Fatal(err)
	}
	hashA, hashB = ds.ContentHash(), other.ContentHash()
	if hashA == hashB {
		t.Fatal("the two builds have one hash: the test cannot tell them apart")
	}
	return a, b, hashA, hashB
}

// A directory holding files of two builds (here one file, or one
// partition, copied from another build) is refused by every reader, with
// ErrMixedBuild and an error naming the files and both hashes; a whole
// build is read.
func TestMixedBuildRejected(t *testing.T) {
	for _, tc := range []struct {
		name   string
		keys   []string
		copied func(dir string) string // the file copied from the other build
	}{
		{"one file", nil, func(dir string) string { return filepath.Join(dir, ParquetFile(schema.TableResponses)) }},
		{"one partition", []string{"responder"}, func(dir string) string {
			parts, err := ListPartitions(filepath.Join(dir, PartitionDir(schema.TableResponses)))
			if err != nil || len(parts) < 2 {
				t.Fatalf("partitions: %v, %v", parts, err)
			}
			return parts[len(parts)-1].Path
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b, hashA, hashB := twoBuilds(t, tc.keys)
			if _, err := Load(a); err != nil {
				t.Fatalf("a whole build refused: %v", err)
			}
			dst := tc.copied(a)
			rel, _ := filepath.Rel(a, dst)
			copyFile(t, filepath.Join(b, rel), dst)
			_, loadErr := Load(a)
			_, _, infoErr := ParquetInfo(a)
			for what, err := range map[string]error{"Load": loadErr, "ParquetInfo": infoErr, "CheckSameBuild": CheckSameBuild(a)} {
				var mixed *MixedBuildError
				if !errors.Is(err, ErrMixedBuild) || !errors.As(err, &mixed) {
					t.Fatalf("%s: err = %v, want ErrMixedBuild", what, err)
				}
				if len(mixed.Hashes) != 2 || !slices.Equal(mixed.Hashes[hashB], []string{dst}) || !slices.Contains(mixed.Hashes[hashA], filepath.Join(a, ParquetFile(schema.TableCases))) {
					t.Errorf("%s: hashes = %v; want %s only in %s", what, mixed.Hashes, hashB, dst)
				}
				msg := err.Error()
				for _, want := range []string{hashA, hashB, rel, ParquetFile(schema.TableCases)} {
					if !strings.Contains(msg, want) {
						t.Errorf("%s: message does not name %s:\n%s", what, want, msg)
					}
				}
			}
		})
	}
}

// Files without a content hash (DuckDB, pandas and pyarrow write none)
// are not compared: a build with one table rewritten by such a tool is
// read, and so is a directory written wholly by one.
func TestSameBuildIgnoresFilesWithoutHash(t *testing.T) {
	ours, foreign := t.TempDir(), t.TempDir()
	if _, err := MustDefault().WriteParquet(ours); err != nil {
		t.Fatal(err)
	}
	duckDBStyleCopy(t, ours, foreign)
	if err := CheckSameBuild(foreign); err != nil {
		t.Errorf("a directory without hashes: %v", err)
	}
	copyFile(t, filepath.Join(foreign, ParquetFile(schema.TableResponses)), filepath.Join(ours, ParquetFile(schema.TableResponses)))
	if _, err := Load(ours); err != nil {
		t.Errorf("one table rewritten by another tool: %v", err)
	}
}
