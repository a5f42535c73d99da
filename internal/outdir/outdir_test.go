package outdir

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// tree maps every file under dir to its content (symbolic links to
// "-> target").
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.Type()&os.ModeSymlink != 0 {
			to, _ := os.Readlink(p)
			got[rel] = "-> " + to
			return nil
		}
		b, err := os.ReadFile(p)
		got[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func write(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// siblings lists the names beside dir other than dir itself.
func siblings(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dir) {
			names = append(names, e.Name())
		}
	}
	return names
}

// Replace swaps in the new set whole, with or without the one-step
// exchange: files it wrote replace the old ones (keeping their mode),
// other entries are kept (a user's notes, a subdirectory, a link),
// temporary files and what drop supersedes are not, and nothing is left
// beside the directory.
func TestReplace(t *testing.T) {
	for _, oneStep := range []bool{true, false} {
		t.Run(map[bool]string{true: "exchange", false: "two renames"}[oneStep], func(t *testing.T) {
			if !oneStep {
				exchangeDirs = func(a, b string) error { return errNoExchange }
				defer func() { exchangeDirs = exchange }()
			}
			dir := filepath.Join(t.TempDir(), "out")
			write(t, filepath.Join(dir, "a.csv"), "old a", 0o640)
			write(t, filepath.Join(dir, "notes.txt"), "mine", 0o600)
			write(t, filepath.Join(dir, "sub", "x.txt"), "kept", 0o644)
			write(t, filepath.Join(dir, ".a.csv.tmp-123"), "half", 0o644)
			write(t, filepath.Join(dir, "gone.parquet"), "superseded", 0o644)
			if err := os.Symlink("notes.txt", filepath.Join(dir, "link")); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, 0o750); err != nil {
				t.Fatal(err)
			}
			err := Replace(dir, func(staging string) error {
				if filepath.Dir(staging) != filepath.Dir(dir) {
					t.Errorf("staging %s is not beside %s", staging, dir)
				}
				write(t, filepath.Join(staging, "a.csv"), "new a", 0o644)
				write(t, filepath.Join(staging, "b.csv"), "new b", 0o644)
				return nil
			}, func(old, staging string) bool { return filepath.Base(old) == "gone.parquet" })
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"a.csv": "new a", "b.csv": "new b", "notes.txt": "mine", "sub/x.txt": "kept", "link": "-> notes.txt"}
			if got := tree(t, dir); !equalMaps(got, want) {
				t.Errorf("after Replace: %v, want %v", got, want)
			}
			for name, mode := range map[string]os.FileMode{"a.csv": 0o640, "b.csv": 0o644, "notes.txt": 0o600, ".": 0o750} {
				if info, _ := os.Stat(filepath.Join(dir, name)); info.Mode().Perm() != mode {
					t.Errorf("%s: mode %v, want %v", name, info.Mode().Perm(), mode)
				}
			}
			if s := siblings(t, dir); len(s) > 0 {
				t.Errorf("left beside the output: %v", s)
			}
		})
	}
}

// A failed write leaves the old directory as it was and nothing beside
// it, and its error names the output directory, not the temporary one.
func TestReplaceFailureKeepsOld(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	write(t, filepath.Join(dir, "a.csv"), "old a", 0o644)
	write(t, filepath.Join(dir, "b.csv"), "old b", 0o644)
	boom := errors.New("no space left on device")
	err := Replace(dir, func(staging string) error {
		write(t, filepath.Join(staging, "a.csv"), "new a", 0o644)
		return &os.PathError{Op: "write", Path: filepath.Join(staging, "b.csv"), Err: boom}
	}, nil)
	if !errors.Is(err, boom) || err.Error() != "write "+filepath.Join(dir, "b.csv")+": no space left on device" {
		t.Errorf("err = %v", err)
	}
	if got := tree(t, dir); !equalMaps(got, map[string]string{"a.csv": "old a", "b.csv": "old b"}) {
		t.Errorf("after a failed Replace: %v", got)
	}
	if s := siblings(t, dir); len(s) > 0 {
		t.Errorf("left beside the output: %v", s)
	}
	// A new directory appears only when complete.
	fresh := filepath.Join(filepath.Dir(dir), "fresh")
	if err := Replace(fresh, func(string) error { return boom }, nil); !errors.Is(err, boom) {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed first write left %s: %v", fresh, err)
	}
}

// Replace refuses the current directory and a file.
func TestReplaceRefuses(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := Replace(".", func(string) error { return nil }, nil); !errors.Is(err, ErrCurrentDir) {
		t.Errorf("current directory: err = %v", err)
	}
	if err := Replace(filepath.Dir(dir), func(string) error { return nil }, nil); !errors.Is(err, ErrCurrentDir) {
		t.Errorf("a directory holding the current one: err = %v", err)
	}
	write(t, filepath.Join(dir, "f"), "x", 0o644)
	if err := Replace(filepath.Join(dir, "f"), func(string) error { return nil }, nil); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("a file: err = %v", err)
	}
}

// CleanStale removes what killed runs leave (new sets, old sets, a
// file's temporary copies, temporary files inside the directory) and
// nothing else; with the output gone between two renames it puts the old
// set back first.
func TestCleanStale(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	write(t, filepath.Join(dir, "a.csv"), "a", 0o644)
	write(t, filepath.Join(dir, ".rejoinder.xlsx.tmp-99"), "half", 0o644)
	write(t, filepath.Join(root, ".out.rejoinder-new-1", "a.csv"), "new", 0o644)
	write(t, filepath.Join(root, ".out.rejoinder-old-2", "a.csv"), "old", 0o644)
	write(t, filepath.Join(root, ".out.rejoinder-lock"), "", 0o644)
	write(t, filepath.Join(root, ".other.rejoinder-new-3", "a.csv"), "another output's", 0o644)
	write(t, filepath.Join(root, "keep.txt"), "k", 0o644)
	removed, err := CleanStale(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 3 {
		t.Errorf("removed %v, want 3", removed)
	}
	if got := tree(t, root); !equalMaps(got, map[string]string{"out/a.csv": "a", ".out.rejoinder-lock": "", ".other.rejoinder-new-3/a.csv": "another output's", "keep.txt": "k"}) {
		t.Errorf("after CleanStale: %v", got)
	}

	// Killed between the two renames: out is missing, its old set beside it.
	if err := os.Rename(dir, filepath.Join(root, ".out.rejoinder-old-5")); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, ".out.rejoinder-new-5", "a.csv"), "new", 0o644)
	if _, err := CleanStale(dir); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); !equalMaps(got, map[string]string{"a.csv": "a"}) {
		t.Errorf("old set not put back: %v", got)
	}
	// A codings file's temporary copies.
	store := filepath.Join(root, "codings.parquet")
	write(t, filepath.Join(root, ".codings.parquet.tmp-7"), "half", 0o644)
	if removed, err := CleanStale(store); err != nil || len(removed) != 1 {
		t.Errorf("removed %v, %v", removed, err)
	}
}

// A second writer (a separate open file, as a separate process has)
// waits for the lock, saying so, and takes it when the first lets go; with
// no time to wait it fails with ErrLocked, naming the lock file.
func TestLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	first, err := Lock(dir, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	lockFile, _ := LockPath(dir)
	_, err = Lock(dir, 0, nil)
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), lockFile) {
		t.Errorf("err = %v, want ErrLocked naming %s", err, lockFile)
	}
	var msg bytes.Buffer
	var releasing atomic.Bool
	go func() {
		time.Sleep(300 * time.Millisecond)
		releasing.Store(true)
		first.Unlock()
	}()
	second, err := Lock(dir, 10*time.Second, &msg)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Unlock()
	if !releasing.Load() {
		t.Error("the second lock was taken before the first was released")
	}
	if !strings.HasPrefix(msg.String(), "waiting for "+dir) || strings.Count(msg.String(), "\n") != 1 {
		t.Errorf("message = %q", msg.String())
	}
	// Two names for one output share its lock.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(filepath.Dir(dir), "alias")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(link, 0, nil); !errors.Is(err, ErrLocked) {
		t.Errorf("through a symbolic link: err = %v", err)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	return !slices.ContainsFunc(keys, func(k string) bool { v, ok := b[k]; return !ok || v != a[k] })
}
