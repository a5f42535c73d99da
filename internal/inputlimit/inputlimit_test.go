package inputlimit

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var testLimit = Limit{What: "test file", Env: "REJOINDER_MAX_TEST_MB", Bytes: 10}

// within runs f and fails the test if it does not return in time (a
// named pipe blocks an open for ever).
func within[T any](t *testing.T, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(10 * time.Second):
		t.Fatal("did not return within 10 s")
		panic("unreachable")
	}
}

// Open refuses, before opening, a named pipe, a link to a device and a
// file over the limit, naming the file, what it is and the variable that
// raises the limit; a file of exactly the limit is read whole.
func TestOpenChecksFirst(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		make func(path string) error
		kind error
		want string
	}{
		{"named pipe", func(p string) error { return syscall.Mkfifo(p, 0o644) }, ErrNotRegularFile, "a named pipe (FIFO)); give a test file"},
		{"link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }, ErrNotRegularFile, "a character device"},
		{"directory", func(p string) error { return os.Mkdir(p, 0o755) }, ErrNotRegularFile, "a directory"},
		{"over the limit", func(p string) error { return os.WriteFile(p, make([]byte, 11), 0o644) }, ErrInputTooLarge,
			"11 bytes, more than the test file limit of 0 MiB (raise it with the environment variable REJOINDER_MAX_TEST_MB=<MiB>"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-"))
			if err := tt.make(path); err != nil {
				t.Skip(err)
			}
			err := within(t, func() error {
				f, err := testLimit.Open(path)
				if err == nil {
					f.Close()
				}
				return err
			})
			if !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Open = %v, want %v saying %q", err, tt.kind, tt.want)
			}
		})
	}
	exact := filepath.Join(dir, "exact")
	os.WriteFile(exact, []byte("0123456789"), 0o644)
	f, err := testLimit.Open(exact)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if b, err := io.ReadAll(f); err != nil || string(b) != "0123456789" {
		t.Errorf("a file of exactly the limit: %q, %v", b, err)
	}
}

// A file that grows past the limit after it was opened is read no further
// than the limit: the read fails with ErrInputTooLarge.
func TestOpenStopsAGrowingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "growing")
	os.WriteFile(path, []byte("0123"), 0o644)
	f, err := testLimit.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := os.WriteFile(path, []byte(strings.Repeat("x", 1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(f)
	if !errors.Is(err, ErrInputTooLarge) || len(b) > 10 {
		t.Errorf("read %d bytes, %v; want at most 10 and ErrInputTooLarge", len(b), err)
	}
}

// The environment variable sets the limit in MiB; anything but a positive
// whole number is an error naming it.
func TestMaxFromEnvironment(t *testing.T) {
	for _, tt := range []struct {
		env  string
		want int64
		bad  bool
	}{
		{"", 10, false}, {"3", 3 << 20, false}, {"0", 0, true}, {"-1", 0, true}, {"lots", 0, true}, {"9223372036854775807", 0, true},
	} {
		t.Setenv(testLimit.Env, tt.env)
		got, err := testLimit.Max()
		if (err != nil) != tt.bad || got != tt.want {
			t.Errorf("%s=%q: %d, %v; want %d (error %v)", testLimit.Env, tt.env, got, err, tt.want, tt.bad)
		}
		if err != nil && !strings.Contains(err.Error(), testLimit.Env) {
			t.Errorf("error %q does not name %s", err, testLimit.Env)
		}
	}
}
