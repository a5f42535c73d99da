package outdir

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// ErrLocked is returned by Lock when another process kept the output
// locked for longer than the caller would wait.
var ErrLocked = errors.New("another rejoinder is writing this output")

// pollEvery is how often a waiting Lock tries again.
const pollEvery = 50 * time.Millisecond

// Locked is a held lock; Unlock releases it.
type Locked struct {
	f *os.File
}

// LockPath is the lock file of target (an output directory or file): a
// hidden file beside it, so that it survives the swap of a directory.
// Symbolic links in target are resolved, so that two names for one output
// share one lock.
func LockPath(target string) (string, error) {
	real, err := resolve(target)
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(real), "."+filepath.Base(real)+".rejoinder-lock"), nil
}

// Lock takes the exclusive lock of target (see LockPath), creating the
// directory that holds it if needed. If another process holds it, Lock
// writes one line "waiting for ..." to msg (when not nil) and tries again
// until wait has passed, then returns an error wrapping ErrLocked; wait 0
// fails at once. The lock is released by Unlock, or by the end of the
// process however it ends.
func Lock(target string, wait time.Duration, msg io.Writer) (*Locked, error) {
	path, err := LockPath(target)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", target, err)
	}
	deadline := time.Now().Add(wait)
	said := false
	for {
		busy, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s (%s): %w", target, path, err)
		}
		if !busy {
			return &Locked{f}, nil
		}
		if !time.Now().Before(deadline) {
			f.Close()
			return nil, fmt.Errorf("%s: %w (lock file %s held for over %v; wait for it to finish, or give --wait a longer time)", target, ErrLocked, path, wait)
		}
		if !said && msg != nil {
			fmt.Fprintf(msg, "waiting for %s: another rejoinder is writing it (lock file %s; up to %v, see --wait)\n", target, path, wait)
			said = true
		}
		time.Sleep(min(pollEvery, time.Until(deadline)))
	}
}

// Unlock releases the lock. The lock file stays: removing it would let a
// waiting process lock a file no later process sees.
func (l *Locked) Unlock() {
	if l != nil && l.f != nil {
		unlock(l.f)
		l.f.Close()
		l.f = nil
	}
}

// resolve makes target absolute and resolves the symbolic links in it
// (in its parent directory only, if it does not exist yet).
func resolve(target string) (string, error) {
	abs, err := filepath.Abs(target)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real, nil
	}
	if parent, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(parent, filepath.Base(abs)), nil
	}
	return abs, nil
}
