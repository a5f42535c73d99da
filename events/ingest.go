package events

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/atomicfile"
)

// IngestOptions tune Ingest; the zero value is fine.
type IngestOptions struct {
	// RowGroup is the number of rows per Parquet row group (default
	// 65536); memory grows with it.
	RowGroup int
	// MaxBuffered bounds the rows held in memory across all years
	// (default 4 row groups); past it the fullest year is written out.
	MaxBuffered int
	// MaxProblems is how many malformed lines the report lists (default
	// 1000); all are counted.
	MaxProblems int
	// Progress, if set, is called now and then with the bytes read so far
	// and the total (uncompressed) size of the inputs.
	Progress func(done, total int64)
}

// FileStats counts the lines of one input (a plain file, or one member of
// a zip archive, named ARCHIVE!MEMBER).
type FileStats struct {
	Name      string
	Lines     int64
	Kept      int64
	Malformed int64
}

// IngestReport says what Ingest read and wrote.
type IngestReport struct {
	Files     []FileStats
	Lines     int64
	Kept      int64
	Malformed int64
	// Problems are the first MaxProblems malformed lines, in input order.
	Problems []*ParseError
	// Paths are the partition files written, in year order.
	Paths []string
}

// Ingest reads GDELT event files (1.0 or 2.0, plain or zip archives,
// recognised by content) and writes the events the filter keeps (see the
// package documentation) to out/events/year=YYYY/part-0.parquet, in input
// order within a year. Memory is bounded by the row-group options, not by
// the input size. A malformed line is counted, listed in the report (and
// in out/malformed.csv) and skipped: never fatal. Every line is checked
// for its column count, event id, date and event code; the other columns
// are checked on the lines kept. The new table is built in a temporary
// directory and replaces out/events only when complete, so a failed run
// leaves the previous one intact. A file that cannot be read is fatal.
func Ingest(paths []string, out string, opts IngestOptions) (*IngestReport, error) {
	if opts.RowGroup <= 0 {
		opts.RowGroup = 1 << 16
	}
	if opts.MaxBuffered <= 0 {
		opts.MaxBuffered = 4 * opts.RowGroup
	}
	if opts.MaxProblems <= 0 {
		opts.MaxProblems = 1000
	}
	inputs, total, err := openInputs(paths)
	if err != nil {
		return nil, err
	}
	defer func() {
		for _, in := range inputs {
			in.close()
		}
	}()
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(out, "."+Table+".tmp-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	w := &partWriter{dir: tmp, opts: opts, years: map[int]*yearWriter{}}
	rep := &IngestReport{}
	var done int64
	progress := func(n int) {
		done += int64(n)
		if opts.Progress != nil {
			opts.Progress(done, total)
		}
	}
	for _, in := range inputs {
		st, err := ingestOne(in, w, rep, opts, progress)
		rep.Files = append(rep.Files, st)
		rep.Lines += st.Lines
		rep.Kept += st.Kept
		rep.Malformed += st.Malformed
		if err != nil {
			w.abort()
			return rep, err
		}
	}
	years, err := w.finish()
	if err != nil {
		return rep, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return rep, err
	}
	root := filepath.Join(out, dataset.PartitionDir(Table))
	if err := swapDir(tmp, root); err != nil {
		return rep, err
	}
	for _, y := range years {
		rep.Paths = append(rep.Paths, filepath.Join(root, partitionName(y), dataset.PartitionFile))
	}
	report := filepath.Join(out, MalformedFile)
	if rep.Malformed == 0 {
		if err := os.Remove(report); err != nil && !errors.Is(err, os.ErrNotExist) {
			return rep, err
		}
	} else if err := atomicfile.Write(report, func(wr io.Writer) error { return writeProblems(wr, rep) }); err != nil {
		return rep, err
	}
	return rep, nil
}

// partitionName is the Hive directory name of a year.
func partitionName(year int) string { return PartitionKey + "=" + strconv.Itoa(year) }

// swapDir puts the complete directory tmp in place of root, which, if it
// exists, must be an event table an earlier ingest wrote.
func swapDir(tmp, root string) error {
	old := ""
	if _, err := os.Stat(root); err == nil {
		if err := checkEventDir(root); err != nil {
			return fmt.Errorf("%s exists and is not an event table rejoinder wrote; move it away: %w", root, err)
		}
		old = tmp + ".old"
		if err := os.Rename(root, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, root); err != nil {
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// checkEventDir accepts an empty directory or a table partitioned by year.
func checkEventDir(root string) error {
	entries, err := os.ReadDir(root)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	parts, err := dataset.ListPartitions(root)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if !slices.Equal(p.Keys, []string{PartitionKey}) {
			return fmt.Errorf("%s: partitioned by %v, not by %s", p.Path, p.Keys, PartitionKey)
		}
	}
	return nil
}

// writeProblems writes the malformed-line report as CSV.
func writeProblems(w io.Writer, rep *IngestReport) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"file", "line", "column", "field", "value", "error"})
	for _, p := range rep.Problems {
		v := p.Value
		if !utf8.ValidString(v) {
			v = strconv.Quote(v) // the report stays UTF-8, and shows the bytes as \xE9
		}
		cw.Write([]string{p.File, strconv.FormatInt(p.Line, 10), strconv.Itoa(p.Column), p.Field, v, p.Err.Error()})
	}
	if n := rep.Malformed - int64(len(rep.Problems)); n > 0 {
		cw.Write([]string{"", "", "", "", "", fmt.Sprintf("%d more malformed lines not listed (see the per-file counts)", n)})
	}
	cw.Flush()
	return cw.Error()
}

// input is one stream of lines: a plain file or a member of a zip.
type input struct {
	name  string
	open  func() (io.ReadCloser, error)
	close func()
}

// openInputs lists the streams of the given paths, with their total
// uncompressed size. A zip archive (recognised by its signature) gives one
// input per member file.
func openInputs(paths []string) ([]input, int64, error) {
	var out []input
	var total int64
	noop := func() {}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, 0, err
		}
		var sig [4]byte
		n, _ := io.ReadFull(f, sig[:])
		info, err := f.Stat()
		f.Close()
		if err != nil {
			return nil, 0, err
		}
		if n == 4 && bytes.Equal(sig[:], []byte("PK\x03\x04")) {
			zr, err := zip.OpenReader(p)
			if err != nil {
				return nil, 0, fmt.Errorf("%s: %w", p, err)
			}
			closed := false
			closeZip := func() {
				if !closed {
					closed = true
					zr.Close()
				}
			}
			members := 0
			for _, zf := range zr.File {
				if zf.FileInfo().IsDir() {
					continue
				}
				members++
				total += int64(zf.UncompressedSize64)
				out = append(out, input{name: p + "!" + zf.Name, open: zf.Open, close: closeZip})
			}
			if members == 0 {
				zr.Close()
				return nil, 0, fmt.Errorf("%s: zip archive holds no file", p)
			}
			continue
		}
		total += info.Size()
		out = append(out, input{name: p, open: func() (io.ReadCloser, error) { return os.Open(p) }, close: noop})
	}
	return out, total, nil
}

// counter reports the bytes read through it.
type counter struct {
	r       io.Reader
	pending int
	report  func(int)
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.pending += n
	if c.pending >= 4<<20 || err != nil {
		c.report(c.pending)
		c.pending = 0
	}
	return n, err
}

// ingestOne reads one input into the partition writer.
func ingestOne(in input, w *partWriter, rep *IngestReport, opts IngestOptions, progress func(int)) (FileStats, error) {
	st := FileStats{Name: in.name}
	rc, err := in.open()
	if err != nil {
		return st, fmt.Errorf("%s: %w", in.name, err)
	}
	defer rc.Close()
	r := NewReader(&counter{r: rc, report: progress}, in.name)
	problem := func(perr *ParseError) {
		st.Malformed++
		if len(rep.Problems) < opts.MaxProblems {
			rep.Problems = append(rep.Problems, r.locate(perr))
		}
	}
	for {
		l, err := r.line()
		if err == io.EOF {
			return st, nil
		}
		if err == errLineTooLong {
			st.Lines++
			problem(&ParseError{Err: ErrLineTooLong})
			continue
		}
		if err != nil {
			return st, fmt.Errorf("%s: line %d: %w", in.name, r.Line+1, err)
		}
		st.Lines++
		fs := &r.fs
		fs.split(l)
		id, day, perr := fs.head()
		if perr != nil {
			problem(perr)
			continue
		}
		if !keep(fs.col(ColActor1CountryCode), fs.col(ColActor2CountryCode), fs.col(ColEventCode)) {
			continue
		}
		e, perr := fs.event(id, day)
		if perr != nil {
			problem(perr)
			continue
		}
		st.Kept++
		if err := w.add(&e); err != nil {
			return st, err
		}
	}
}

// keep is the ingest filter: two different states and a code of the set.
func keep(a1, a2, code []byte) bool {
	return IsState(a1) && IsState(a2) && !bytes.Equal(a1, a2) && responseTypeOf(code) != ""
}

// responseTypeOf is ResponseType for a byte slice, without allocating.
func responseTypeOf(code []byte) string {
	var buf [4]byte
	if len(code) > 4 {
		return ""
	}
	n := copy(buf[:], code)
	return ResponseType(string(buf[:n]))
}

// partWriter streams rows into one Parquet file per year. Each file is
// written by atomicfile.Write in its own goroutine, fed record batches
// through a channel, so that all years can be open at once.
type partWriter struct {
	dir      string
	opts     IngestOptions
	years    map[int]*yearWriter
	buffered int
}

type yearWriter struct {
	b     *array.RecordBuilder
	batch chan arrow.RecordBatch
	done  chan error
}

func (w *partWriter) add(e *Event) error {
	y := e.Date.Year()
	yw := w.years[y]
	if yw == nil {
		var err error
		if yw, err = w.open(y); err != nil {
			return err
		}
		w.years[y] = yw
	}
	appendEvent(yw.b, e)
	w.buffered++
	if yw.b.Field(0).Len() >= w.opts.RowGroup {
		return w.flush(yw)
	}
	if w.buffered >= w.opts.MaxBuffered {
		var fullest *yearWriter
		for _, o := range w.years {
			if fullest == nil || o.b.Field(0).Len() > fullest.b.Field(0).Len() ||
				o.b.Field(0).Len() == fullest.b.Field(0).Len() && o == yw {
				fullest = o
			}
		}
		return w.flush(fullest)
	}
	return nil
}

func (w *partWriter) open(year int) (*yearWriter, error) {
	dir := filepath.Join(w.dir, partitionName(year))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	yw := &yearWriter{
		b:     array.NewRecordBuilder(memory.DefaultAllocator, eventSchema),
		batch: make(chan arrow.RecordBatch),
		done:  make(chan error, 1),
	}
	go func() {
		yw.done <- atomicfile.Write(filepath.Join(dir, dataset.PartitionFile), func(out io.Writer) error {
			// Written in batches, so the columns where most values
			// differ are named plain up front (see dataset.WriterProperties).
			props, aprops := dataset.WriterProperties(ColumnEventID, ColumnGoldstein, ColumnAvgTone, ColumnSourceURL)
			fw, err := pqarrow.NewFileWriter(eventSchema, struct{ io.Writer }{out}, props, aprops)
			for rec := range yw.batch {
				if err == nil {
					err = fw.Write(rec)
				}
				rec.Release()
			}
			if fw != nil {
				if cerr := fw.Close(); err == nil {
					err = cerr
				}
			}
			return err
		})
	}()
	return yw, nil
}

// flush sends a year's buffered rows to its file as one row group.
func (w *partWriter) flush(yw *yearWriter) error {
	n := yw.b.Field(0).Len()
	if n == 0 {
		return nil
	}
	rec := yw.b.NewRecordBatch()
	select {
	case yw.batch <- rec:
	case err := <-yw.done:
		rec.Release()
		yw.done <- err
		if err == nil {
			err = errors.New("partition writer stopped")
		}
		return err
	}
	w.buffered -= n
	return nil
}

// finish writes what is buffered, closes every file and returns the
// years written, sorted.
func (w *partWriter) finish() ([]int, error) {
	years := make([]int, 0, len(w.years))
	for y := range w.years {
		years = append(years, y)
	}
	slices.Sort(years)
	var first error
	for _, y := range years {
		yw := w.years[y]
		if err := w.flush(yw); err != nil && first == nil {
			first = err
		}
		yw.b.Release()
		close(yw.batch)
		if err := <-yw.done; err != nil && first == nil {
			first = err
		}
	}
	return years, first
}

// abort stops the writers after a fatal error; the temporary directory
// is removed by the caller.
func (w *partWriter) abort() {
	for _, yw := range w.years {
		yw.b.Release()
		close(yw.batch)
		<-yw.done
	}
	w.years = nil
}
