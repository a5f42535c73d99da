package events

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rejoinder/rejoinder/dataset"
)

// returnsWithin runs f and fails the test if it does not return in time:
// a named pipe used to block an input's open for ever, and a link to
// /dev/zero to be read until --max-bytes (1 TiB).
func returnsWithin(t *testing.T, f func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatal("did not return within 20 s")
		return nil
	}
}

// irregularInputs are inputs that are not regular files, each made at a
// path, and what the error must say of it.
var irregularInputs = []struct {
	name string
	make func(path string) error
	says string
}{
	{"named pipe", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "a named pipe (FIFO)"},
	{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "a character device"},
}

// ingest and import refuse an input that is not a regular file before
// reading it, naming the file and what it is; import refuses a pairs file
// over its limit (REJOINDER_MAX_PAIRS_MB); nothing is written.
func TestInputsMustBeRegularFiles(t *testing.T) {
	for _, in := range irregularInputs {
		for _, cmd := range []struct {
			name, file, want string
			run              func(path, out string) error
		}{
			{"ingest", "x.export.CSV", "give a GDELT event file", func(p, out string) error {
				_, err := Ingest([]string{filepath.Join("testdata", "v2.tsv"), p}, out, IngestOptions{})
				return err
			}},
			{"import", "pairs.csv", "give a pairs CSV file", func(p, out string) error {
				_, err := Import([]string{p}, out, 30)
				return err
			}},
		} {
			t.Run(cmd.name+"/"+in.name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), cmd.file)
				if err := in.make(path); err != nil {
					t.Skip(err)
				}
				out := filepath.Join(t.TempDir(), "out")
				err := returnsWithin(t, func() error { return cmd.run(path, out) })
				if !errors.Is(err, dataset.ErrNotRegularFile) {
					t.Fatalf("got %v, want ErrNotRegularFile", err)
				}
				for _, w := range []string{path, in.says, cmd.want} {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
				if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%s written: %v", out, err)
				}
			})
		}
	}
}

// A pairs CSV file over REJOINDER_MAX_PAIRS_MB is refused before it is
// read; the same file imports under the default limit.
func TestImportBoundsPairsFiles(t *testing.T) {
	src := mustPairs(t)
	big := filepath.Join(t.TempDir(), "pairs.csv")
	body, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	// Pad with blank lines (csv skips them) past 1 MiB.
	if err := os.WriteFile(big, append(body, strings.Repeat("\n", 1<<20)...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Import([]string{big}, t.TempDir(), 30); err != nil {
		t.Fatalf("under the default limit: %v", err)
	}
	t.Setenv(PairsCSVLimit.Env, "1")
	out := filepath.Join(t.TempDir(), "out")
	_, err = Import([]string{big}, out, 30)
	if !errors.Is(err, dataset.ErrInputTooLarge) || !strings.Contains(err.Error(), big) || !strings.Contains(err.Error(), "REJOINDER_MAX_PAIRS_MB") {
		t.Fatalf("got %v, want ErrInputTooLarge naming the file and REJOINDER_MAX_PAIRS_MB", err)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s written: %v", out, err)
	}
}

// pairs.parquet that is a named pipe is refused by ReadPairs, not opened.
func TestReadPairsRefusesAPipe(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, PairsFile), 0o644); err != nil {
		t.Skip(err)
	}
	err := returnsWithin(t, func() error { _, _, err := ReadPairs(dir); return err })
	if !errors.Is(err, dataset.ErrNotRegularFile) {
		t.Fatalf("got %v, want ErrNotRegularFile", err)
	}
}

// mustPairs writes the pairs of the fixtures as CSV and returns the file.
func mustPairs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ingestFixtures(t, dir)
	st, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	src, err := st.Pairs(30)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "pairs.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := WritePairs(f, src, FormatCSV); err != nil {
		t.Fatal(err)
	}
	return path
}
