package outdir

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// exchangeDirs is exchange, replaced in tests by one that cannot.
var exchangeDirs = exchange

// errNoExchange says the file system cannot exchange two directories in
// one rename.
var errNoExchange = errors.New("directory exchange not supported")

// ErrCurrentDir is returned by Replace for an output directory that is
// the current directory or holds it: swapping it would leave the shell
// that started the run in a deleted directory.
var ErrCurrentDir = errors.New("the output directory is the current directory or holds it")

// Temporary names: the new set being written, and (only where the
// directories cannot be exchanged) the old set while the new one moves in.
const (
	newInfix = ".rejoinder-new-"
	oldInfix = ".rejoinder-old-"
)

// IsTemp reports whether name is a temporary file of atomicfile
// (".NAME.tmp-*") or of this package, which a killed run may leave.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && (strings.Contains(name, ".tmp-") || strings.Contains(name, newInfix) || strings.Contains(name, oldInfix))
}

// Replace writes a new version of the directory dir as one unit. write
// gets an empty directory beside dir (".DIR.rejoinder-new-*", on the same
// file system) and writes the new outputs into it. Only if it succeeds
// are the entries of the old dir that write did not make carried over
// (hard links; not temporary files, and not those drop, given the old
// entry's path and staging, reports as superseded by the new set), every file that replaces one keeps the old
// file's mode, and the new directory is synced and swapped in for the old
// in one rename. On any failure, or a kill at any moment, dir holds the
// whole old set; the next run removes the leftovers (CleanStale).
//
// The caller holds the Lock of dir.
func Replace(dir string, write func(staging string) error, drop func(oldPath, staging string) bool) (err error) {
	if err := CheckDir(dir); err != nil {
		return err
	}
	real, err := resolve(dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(real), filepath.Base(real)
	info, statErr := os.Stat(real)
	exists := statErr == nil
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	staging, err := os.MkdirTemp(parent, "."+base+newInfix)
	if err != nil {
		return fmt.Errorf("create a temporary directory beside %s: %w", dir, err)
	}
	// After a swap the staging name holds the old set: remove it either way.
	defer os.RemoveAll(staging)
	mode := fs.FileMode(0o755)
	if exists {
		mode = info.Mode().Perm()
	}
	if err := os.Chmod(staging, mode); err != nil {
		return err
	}
	if err := write(staging); err != nil {
		return &stagedError{err, staging, dir}
	}
	if exists {
		if err := carryOver(real, staging, drop); err != nil {
			return err
		}
		if err := keepModes(real, staging); err != nil {
			return err
		}
	}
	if err := syncDirs(staging); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if !exists {
		if err := os.Rename(staging, real); err != nil {
			return fmt.Errorf("move the new %s into place: %w", dir, err)
		}
	} else if err := swap(staging, real); err != nil {
		return fmt.Errorf("swap the new %s into place: %w", dir, err)
	}
	return syncDir(parent)
}

// stagedError is a writer's error with the temporary directory's name
// replaced by the output directory's, which is what the user gave.
type stagedError struct {
	err          error
	staging, dir string
}

func (e *stagedError) Error() string { return strings.ReplaceAll(e.err.Error(), e.staging, e.dir) }

func (e *stagedError) Unwrap() error { return e.err }

// CheckDir checks that dir can be replaced as a whole: it is a directory
// or does not exist yet, and it is neither the current directory nor
// holds it. Commands call it before the work, Replace again.
func CheckDir(dir string) error {
	real, err := resolve(dir)
	if err != nil {
		return err
	}
	if err := refuseCurrentDir(dir, real); err != nil {
		return err
	}
	info, err := os.Stat(real)
	switch {
	case err == nil && !info.IsDir():
		return fmt.Errorf("%s: not a directory (the output must be a directory)", dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return nil
}

// Rebase turns paths under staging into the same paths under dir, for
// reporting what was written.
func Rebase(paths []string, staging, dir string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		rel, err := filepath.Rel(staging, p)
		if err != nil || strings.HasPrefix(rel, "..") {
			out[i] = p
			continue
		}
		out[i] = filepath.Join(dir, rel)
	}
	return out
}

// refuseCurrentDir refuses to replace the directory the process (and the
// shell that started it) is in, or one that holds it.
func refuseCurrentDir(dir, real string) error {
	wd, err := os.Getwd()
	if err != nil {
		return nil
	}
	if w, err := filepath.EvalSymlinks(wd); err == nil {
		wd = w
	}
	if wd == real || strings.HasPrefix(wd, real+string(filepath.Separator)) {
		return fmt.Errorf("%s: %w; it is replaced as a whole, so give a directory outside the current one (say --out out)", dir, ErrCurrentDir)
	}
	return nil
}

// swap puts staging in place of dir and the old dir under staging's name.
func swap(staging, dir string) error {
	err := exchangeDirs(staging, dir)
	if !errors.Is(err, errNoExchange) {
		return err
	}
	// Two renames: a kill between them leaves dir missing and the old set
	// under the old name, which CleanStale puts back.
	old := filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+oldInfix+filepath.Base(staging)[len(filepath.Base(dir))+len(newInfix)+1:])
	if err := os.Rename(dir, old); err != nil {
		return err
	}
	if err := os.Rename(staging, dir); err != nil {
		if rerr := os.Rename(old, dir); rerr != nil {
			return fmt.Errorf("%w; and putting the old directory back failed: %v (it is %s)", err, rerr, old)
		}
		return err
	}
	return os.Rename(old, staging)
}

// CleanStale removes what killed runs left beside target (a directory or
// file): new sets never swapped in, old sets never removed, atomicfile's
// temporary files of target. If target is missing but an old set is
// there (a run killed between two renames), the old set is put back
// first. It returns the names removed. The caller holds target's Lock, so
// no running writer owns them.
func CleanStale(target string) ([]string, error) {
	real, err := resolve(target)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(real), filepath.Base(real)
	entries, err := os.ReadDir(parent)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var olds []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+base+oldInfix) {
			olds = append(olds, e.Name())
		}
	}
	if _, err := os.Lstat(real); errors.Is(err, fs.ErrNotExist) && len(olds) > 0 {
		slices.Sort(olds)
		if err := os.Rename(filepath.Join(parent, olds[0]), real); err != nil {
			return nil, fmt.Errorf("put back %s, left by an interrupted run: %w", filepath.Join(parent, olds[0]), err)
		}
	}
	var removed []string
	remove := func(dir, name string) error {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("remove %s, left by an interrupted run: %w", filepath.Join(dir, name), err)
		}
		removed = append(removed, filepath.Join(dir, name))
		return nil
	}
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, "."+base+newInfix) || strings.HasPrefix(n, "."+base+oldInfix) || strings.HasPrefix(n, "."+base+".tmp-") {
			if _, err := os.Lstat(filepath.Join(parent, n)); err == nil {
				if err := remove(parent, n); err != nil {
					return removed, err
				}
			}
		}
	}
	if info, err := os.Stat(real); err == nil && info.IsDir() {
		inner, err := os.ReadDir(real)
		if err != nil {
			return removed, err
		}
		for _, e := range inner {
			if IsTemp(e.Name()) {
				if err := remove(real, e.Name()); err != nil {
					return removed, err
				}
			}
		}
	}
	return removed, nil
}

// carryOver links into staging the entries of old that write did not
// make, except temporary files and what drop calls superseded.
func carryOver(old, staging string, drop func(oldPath, staging string) bool) error {
	entries, err := os.ReadDir(old)
	if err != nil {
		return err
	}
	for _, e := range entries {
		n := e.Name()
		if IsTemp(n) {
			continue
		}
		if _, err := os.Lstat(filepath.Join(staging, n)); err == nil {
			continue
		}
		if drop != nil && drop(filepath.Join(old, n), staging) {
			continue
		}
		if err := linkTree(filepath.Join(old, n), filepath.Join(staging, n)); err != nil {
			return fmt.Errorf("keep %s in the new output: %w", filepath.Join(old, n), err)
		}
	}
	return nil
}

// linkTree recreates src at dst: directories made anew, files hard-linked
// (copied where a link is refused), symbolic links copied.
func linkTree(src, dst string) error {
	info, err := os.Lstat(src)
	if err != nil {
		return err
	}
	switch {
	case info.IsDir():
		if err := os.Mkdir(dst, info.Mode().Perm()); err != nil {
			return err
		}
		entries, err := os.ReadDir(src)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if IsTemp(e.Name()) {
				continue
			}
			if err := linkTree(filepath.Join(src, e.Name()), filepath.Join(dst, e.Name())); err != nil {
				return err
			}
		}
		return nil
	case info.Mode()&fs.ModeSymlink != 0:
		to, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(to, dst)
	case info.Mode().IsRegular():
		if os.Link(src, dst) == nil {
			return nil
		}
		return copyFile(src, dst, info.Mode().Perm())
	}
	return fmt.Errorf("not a file, directory or symbolic link (%v); move it out of the output directory", info.Mode().Type())
}

func copyFile(src, dst string, perm fs.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// keepModes gives every regular file of staging the mode of the file it
// replaces in old, if any.
func keepModes(old, staging string) error {
	return filepath.WalkDir(staging, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, _ := filepath.Rel(staging, p)
		info, err := os.Lstat(filepath.Join(old, rel))
		if err != nil || !info.Mode().IsRegular() {
			return nil
		}
		return os.Chmod(p, info.Mode().Perm())
	})
}

// syncDirs syncs every directory under root, so that the names of the
// files in it are on disk before it is swapped in.
func syncDirs(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		return syncDir(p)
	})
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
