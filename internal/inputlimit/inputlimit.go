package inputlimit

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
)

// ErrNotRegularFile is an input that is not a regular file (after links
// are followed): a device such as /dev/zero, a named pipe (FIFO) or a
// socket. Reading one could never end, or end only when memory does, so
// it is refused before it is opened.
var ErrNotRegularFile = errors.New("not a regular file")

// ErrInputTooLarge is an input file over its kind's size limit (see
// Limit). The limit is checked before the file is read, and the file is
// read no further than the limit, so a file that grows while it is read
// is bounded too.
var ErrInputTooLarge = errors.New("input file over its size limit")

// Limit is the largest size rejoinder reads for one kind of input file,
// and the environment variable that raises it (a number of megabytes,
// MiB). Each limit is far above what real inputs need, and below what
// would exhaust memory.
type Limit struct {
	What  string // the kind of file, for messages: "YAML record file"
	Env   string // environment variable that sets the limit in MiB
	Bytes int64  // the default limit
}

// Max is the limit in bytes: the environment variable's value in MiB when
// it is set to a positive whole number, else the default. A malformed
// value is an error, not silently the default.
func (l Limit) Max() (int64, error) {
	s := os.Getenv(l.Env)
	if s == "" {
		return l.Bytes, nil
	}
	mb, err := strconv.ParseInt(s, 10, 64)
	// The largest number of MiB whose bytes fit in an int64: 1<<43 MiB
	// would shift into the sign bit and give a negative limit.
	const maxMB = math.MaxInt64 >> 20
	if err != nil || mb <= 0 || mb > maxMB {
		return 0, fmt.Errorf("%s=%q: not a positive whole number of megabytes", l.Env, s)
	}
	return mb << 20, nil
}

// Check refuses an input that is not a regular file or is over the limit;
// file names it in the message. It returns the limit.
func (l Limit) Check(file string, info fs.FileInfo) (int64, error) {
	max, err := l.Max()
	if err != nil {
		return 0, err
	}
	if err := RefuseIrregular(file, info.Mode(), "a "+l.What); err != nil {
		return 0, err
	}
	if info.Size() > max {
		return 0, l.tooLarge(file, info.Size(), max)
	}
	return max, nil
}

func (l Limit) tooLarge(file string, size, max int64) error {
	return fmt.Errorf("%s: %w: %d bytes, more than the %s limit of %d MiB (raise it with the environment variable %s=<MiB> if the file is trusted)",
		file, ErrInputTooLarge, size, l.What, max>>20, l.Env)
}

// CheckInput checks the file at path (links followed) before it is
// opened: a regular file no larger than the limit.
func (l Limit) CheckInput(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	_, err = l.Check(path, info)
	return err
}

// ReadFile reads the file rel of fsys, named file in messages, after
// checking it with fs.Stat (links followed, so a link to /dev/zero is a
// device), and through io.LimitReader so that it stops at the limit even
// if the file grows.
func (l Limit) ReadFile(fsys fs.FS, rel, file string) ([]byte, error) {
	info, err := fs.Stat(fsys, rel)
	if err != nil {
		return nil, err
	}
	max, err := l.Check(file, info)
	if err != nil {
		return nil, err
	}
	f, err := fsys.Open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if int64(len(data)) > max {
		return nil, l.tooLarge(file, int64(len(data)), max)
	}
	return data, nil
}

// Open opens the file at path for streaming after checking it (a regular
// file, links followed, within the limit; checked again on the open
// file, in case the path was replaced in between). Reading past the limit
// (a file that grew) fails with ErrInputTooLarge, so the reader never
// returns more than the limit.
func (l Limit) Open(path string) (io.ReadCloser, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	max, err := l.Check(path, info)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if info, err := f.Stat(); err != nil {
		f.Close()
		return nil, err
	} else if _, err := l.Check(path, info); err != nil {
		f.Close()
		return nil, err
	}
	return &limitedFile{f: f, l: l, path: path, left: max, max: max}, nil
}

// limitedFile reads a file no further than its limit.
type limitedFile struct {
	f         *os.File
	l         Limit
	path      string
	left, max int64
}

func (r *limitedFile) Read(p []byte) (int, error) {
	if r.left < 0 {
		return 0, r.l.tooLarge(r.path, r.max+1, r.max)
	}
	// Read one byte beyond the limit, to tell a file of exactly the limit
	// from one over it.
	if int64(len(p)) > r.left+1 {
		p = p[:r.left+1]
	}
	n, err := r.f.Read(p)
	r.left -= int64(n)
	if r.left < 0 {
		return n + int(r.left), r.l.tooLarge(r.path, r.max+1, r.max)
	}
	return n, err
}

func (r *limitedFile) Close() error { return r.f.Close() }

// RefuseIrregular returns ErrNotRegularFile, saying what file is (a
// device, a named pipe, ...) and that want is expected, when mode is not
// a regular file's; nil otherwise. Every reader of input files calls it
// on the file's mode, links followed, before opening the file.
func RefuseIrregular(file string, mode fs.FileMode, want string) error {
	if mode.IsRegular() {
		return nil
	}
	return fmt.Errorf("%s: %w (it is %s); give %s", file, ErrNotRegularFile, describeMode(mode), want)
}

// describeMode names the kind of a file that is not a regular one.
func describeMode(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	default:
		return "not a plain file (mode " + m.String() + ")"
	}
}
