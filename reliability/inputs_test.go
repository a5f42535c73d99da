package reliability

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rejoinder/rejoinder/internal/inputlimit"
)

// ReadCSVFile refuses a file that is not a regular one (a named pipe
// would block the open for ever, a link to /dev/zero never end) and a
// file over REJOINDER_MAX_RELIABILITY_MB, before reading it, naming the
// file; the same codings within the limit are read.
func TestReadCSVFileBounds(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join("testdata", "krippendorff2011.csv")
	want, err := ReadCSVFile(good)
	if err != nil || len(want) == 0 {
		t.Fatalf("%s: %d codings, %v", good, len(want), err)
	}
	body, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		make func(path string) error
		env  string
		kind error
		says []string
	}{
		{"named pipe", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "", inputlimit.ErrNotRegularFile,
			[]string{"a named pipe (FIFO)", "give a reliability CSV file"}},
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, "", inputlimit.ErrNotRegularFile,
			[]string{"a character device"}},
		{"over the limit", func(p string) error {
			return os.WriteFile(p, append(body, strings.Repeat("\n", 1<<20)...), 0o644)
		}, "1", inputlimit.ErrInputTooLarge, []string{"limit of 1 MiB", "REJOINDER_MAX_RELIABILITY_MB=<MiB>"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(CSVLimit.Env, tt.env)
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".csv")
			if err := tt.make(path); err != nil {
				t.Skip(err)
			}
			done := make(chan error, 1)
			go func() { _, err := ReadCSVFile(path); done <- err }()
			var err error
			select {
			case err = <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("ReadCSVFile did not return within 20 s")
			}
			if !errors.Is(err, tt.kind) {
				t.Fatalf("got %v, want %v", err, tt.kind)
			}
			for _, w := range append(tt.says, path) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
	// The padded file (blank lines are skipped) reads under the default limit.
	t.Setenv(CSVLimit.Env, "")
	got, err := ReadCSVFile(filepath.Join(dir, "over-the-limit.csv"))
	if err != nil || len(got) != len(want) {
		t.Errorf("the padded file under the default limit: %d codings, %v; want %d", len(got), err, len(want))
	}
}
