package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// copyMinimal copies the minimal records fixture into a fresh directory.
func copyMinimal(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "records")
	if err := os.CopyFS(dir, os.DirFS("testdata/minimal")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// loadWithin runs Load and fails the test if it does not return in time
// (a FIFO used to block it for ever).
func loadWithin(t *testing.T, dir string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := Load(dir)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatalf("Load(%s) did not return within 20 s", dir)
		return nil
	}
}

// A record file that is a device, a named pipe, or too large is refused
// before it is read, with the file, what it is, and what to do.
func TestLoadBoundsRecordFiles(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, file string)
		env  string // REJOINDER_MAX_YAML_MB
		kind error
		want []string
	}{
		{"link to /dev/zero", func(t *testing.T, file string) {
			if err := os.Symlink("/dev/zero", file); err != nil {
				t.Fatal(err)
			}
		}, "", ErrNotRegularFile, []string{"a character device", "give a YAML record file"}},
		{"named pipe", func(t *testing.T, file string) {
			if err := syscall.Mkfifo(file, 0o644); err != nil {
				t.Skip("no FIFOs here:", err)
			}
		}, "", ErrNotRegularFile, []string{"a named pipe (FIFO)"}},
		{"over the limit", func(t *testing.T, file string) {
			body := "# " + strings.Repeat("x", 2<<20) + "\ncase:\n  case_id: zz-big-2020\n"
			if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "1", ErrInputTooLarge, []string{"limit of 1 MiB", "REJOINDER_MAX_YAML_MB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(YAMLLimit.Env, tt.env)
			dir := copyMinimal(t)
			file := filepath.Join(dir, "zz-big-2020.yaml")
			tt.make(t, file)
			err := loadWithin(t, dir)
			if !errors.Is(err, tt.kind) {
				t.Fatalf("Load = %v, want %v", err, tt.kind)
			}
			for _, w := range append(tt.want, file) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// Within the limit the same directory loads; a malformed limit is an
// error, not silently the default.
func TestYAMLLimitSetting(t *testing.T) {
	t.Setenv(YAMLLimit.Env, "1")
	if _, err := Load(copyMinimal(t)); err != nil {
		t.Fatalf("small files under a 1 MiB limit: %v", err)
	}
	t.Setenv(YAMLLimit.Env, "lots")
	_, err := Load(copyMinimal(t))
	if err == nil || !strings.Contains(err.Error(), `REJOINDER_MAX_YAML_MB="lots"`) {
		t.Fatalf("Load with a malformed limit = %v", err)
	}
}

// A Parquet file that is a pipe, or over its limit, is refused before the
// Parquet reader opens it.
func TestReadParquetBoundsFiles(t *testing.T) {
	ds, err := Load("testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		make func(file string) error
		kind error
	}{
		{"named pipe", func(file string) error { return syscall.Mkfifo(file, 0o644) }, ErrNotRegularFile},
		{"over the limit", func(file string) error { return os.WriteFile(file, make([]byte, 2<<20), 0o644) }, ErrInputTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(ParquetLimit.Env, "1")
			dir := t.TempDir()
			if _, err := ds.WriteParquet(dir); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, ParquetFile("responses"))
			if err := os.Remove(file); err != nil {
				t.Fatal(err)
			}
			if err := tt.make(file); err != nil {
				t.Skip(err)
			}
			err := loadWithin(t, dir)
			if !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), file) {
				t.Fatalf("Load = %v, want %v naming %s", err, tt.kind, file)
			}
		})
	}
}

// A directory of records that also holds Parquet (build --data d --out d)
// is ambiguous: Load names what it found of each kind instead of reading
// the Parquet and ignoring the records.
func TestLoadRefusesRecordsBesideParquet(t *testing.T) {
	dir := copyMinimal(t)
	ds, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := RefuseRecordsDir(dir); !errors.Is(err, ErrAmbiguousData) || !strings.Contains(err.Error(), "dataset.yaml") {
		t.Fatalf("RefuseRecordsDir(records) = %v, want ErrAmbiguousData naming dataset.yaml", err)
	}
	for _, empty := range []string{t.TempDir(), filepath.Join(t.TempDir(), "new")} {
		if err := RefuseRecordsDir(empty); err != nil {
			t.Errorf("RefuseRecordsDir(%s) = %v, want nil", empty, err)
		}
	}
	for _, keys := range [][]string{nil, {"responder"}} {
		if _, err := ds.WriteParquetPartitioned(dir, keys); err != nil {
			t.Fatal(err)
		}
		_, err = Load(dir)
		if !errors.Is(err, ErrAmbiguousData) {
			t.Fatalf("keys %v: Load = %v, want ErrAmbiguousData", keys, err)
		}
		for _, w := range []string{"tst-alpha-2020.yaml", "dataset.yaml", "responses"} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("keys %v: error %q does not name %s", keys, err, w)
			}
		}
	}
}

// A partition directory named by a key that is no column of the
// responses (responder=RUS/note=old/) would have its values dropped
// unread: every reader refuses it, naming the key.
func TestReadParquetRefusesUnknownPartitionKey(t *testing.T) {
	ds, err := Load("testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := ds.WriteParquetPartitioned(dir, []string{"responder"}); err != nil {
		t.Fatal(err)
	}
	parts, err := TableFiles(dir, "responses")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range parts {
		deeper := filepath.Join(filepath.Dir(p.Path), "note=old", PartitionFile)
		if err := os.MkdirAll(filepath.Dir(deeper), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(p.Path, deeper); err != nil {
			t.Fatal(err)
		}
	}
	_, err = Load(dir)
	if !errors.Is(err, ErrPartitionKey) || !strings.Contains(err.Error(), `"note"`) {
		t.Fatalf("Load = %v, want ErrPartitionKey naming note", err)
	}
}

// A REJOINDER_MAX_*_MB value is a positive number of MiB whose bytes fit
// in an int64; 1<<43 MiB would overflow into a negative limit (found by
// FuzzInputLimitMax).
func TestInputLimitMaxRange(t *testing.T) {
	lim := InputLimit{What: "test file", Env: "REJOINDER_MAX_TEST_MB", Bytes: 5}
	tests := []struct {
		value string
		want  int64 // 0: an error
	}{
		{"", 5},
		{"1", 1 << 20},
		{"8796093022207", 8796093022207 << 20},
		{"8796093022208", 0},
		{"0", 0},
		{"-1", 0},
		{"1.5", 0},
	}
	for _, tt := range tests {
		t.Setenv(lim.Env, tt.value)
		got, err := lim.Max()
		if tt.want == 0 && err == nil {
			t.Errorf("%s=%q: limit %d, want an error", lim.Env, tt.value, got)
		}
		if tt.want != 0 && (err != nil || got != tt.want) {
			t.Errorf("%s=%q: %d, %v; want %d", lim.Env, tt.value, got, err, tt.want)
		}
	}
}
