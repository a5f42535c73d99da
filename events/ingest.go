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
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/atomicfile"
	"github.com/rejoinder/rejoinder/internal/parquetio"
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
	// Replace makes the new events replace the event table out holds
	// instead of being added to it. Ingest still refuses to replace a
	// table that has events with one that has none.
	Replace bool
	// MaxRatio bounds the bytes a zip member may inflate to, as a
	// multiple of its compressed size (default DefaultMaxRatio); past it
	// Ingest stops with ErrLimit. GDELT's zips inflate about 5 to 10
	// times.
	MaxRatio float64
	// MaxBytes bounds the bytes read from all inputs, uncompressed
	// (default DefaultMaxBytes).
	MaxBytes int64
	// MaxLines bounds the lines read from all inputs (0: no bound).
	MaxLines int64
	// MaxMalformed bounds the malformed lines (default
	// DefaultMaxMalformed; negative: no bound): past it Ingest stops with
	// ErrLimit, as the input is then not a GDELT event file.
	MaxMalformed int64
	// Progress, if set, is called now and then (every 4 MiB read, and at
	// the end of each input) with what was read so far.
	Progress func(Progress)
}

// Defaults of the IngestOptions limits.
const (
	DefaultMaxRatio     = 200
	DefaultMaxBytes     = 1 << 40 // 1 TiB: all of GDELT 2.0 is a few hundred GiB
	DefaultMaxMalformed = 100000
)

// Progress is what Ingest has read so far.
type Progress struct {
	Bytes int64 // uncompressed bytes read
	Total int64 // uncompressed size of the inputs, as their headers claim
	Lines int64 // lines read
}

// Errors of Ingest that stop it; nothing is written then.
var (
	// ErrLimit: an input passed a bound of IngestOptions (decompression
	// ratio, total size, lines, malformed lines).
	ErrLimit = errors.New("input limit exceeded")
	// ErrNoEvents: no line of the inputs is a well-formed GDELT event
	// line, so they are not GDELT event files.
	ErrNoEvents = errors.New("no well-formed GDELT event line")
	// ErrWouldEmpty: Replace would replace an event table that has
	// events with one that has none.
	ErrWouldEmpty = errors.New("would replace the event table with an empty one")
)

// FileStats counts the lines of one input (a plain file, or one member of
// a zip archive, named ARCHIVE!MEMBER).
type FileStats struct {
	Name      string
	Lines     int64
	Kept      int64
	Malformed int64
	// Duplicates are kept lines whose GLOBALEVENTID (within its GDELT
	// version) was already ingested: an earlier line, or the table.
	Duplicates int64
}

// IngestReport says what Ingest read and wrote.
type IngestReport struct {
	Files      []FileStats
	Lines      int64
	Kept       int64 // new events written (duplicates not counted)
	Malformed  int64
	Duplicates int64
	// Existing is the number of events carried over from the table out
	// held (0 with Replace).
	Existing int64
	// Mapped counts the events kept whose actor country was a GDELT code
	// mapped to its ISO code (CAMEOToISO), by GDELT code.
	Mapped map[string]int64
	// Unmapped counts, by country code, the events that were not kept
	// only because an actor's country code names no state (regions,
	// CAMEODropped, codes outside the lookup): lines with an accusation
	// or response code and two different, non-empty actor country codes.
	// A line with two such codes counts for both.
	Unmapped map[string]int64
	// Problems are the first MaxProblems malformed lines, in input order.
	Problems []*ParseError
	// Paths are the partition files written, in year order.
	Paths []string
}

// Ingest reads GDELT event files (1.0 or 2.0, plain or zip archives,
// recognised by content) and writes the events the filter keeps (see the
// package documentation) to out/events/year=YYYY/part-0.parquet, in input
// order within a year. Actor countries are written as ISO 3166-1 alpha-3
// codes: GDELT's non-ISO codes of states are mapped (CAMEOToISO). The new
// events are added to the table out already holds (its events first),
// unless opts.Replace. An event whose GLOBALEVENTID, within its GDELT
// version, is already in the table or earlier in the input is a
// duplicate: counted, not written. Memory is bounded by the row-group
// options and the set of ids kept (16 bytes an event), not by the input
// size. A malformed line is counted, listed in the report (and in
// out/malformed.csv) and skipped. Every line is checked for its column
// count, event id, date and event code; the other columns are checked
// on the lines kept. The input limits of opts are checked while
// streaming (ErrLimit), and inputs without a single well-formed line are
// refused (ErrNoEvents). The new table is built in a temporary directory
// and replaces out/events only when complete, so a failed run leaves the
// previous one intact. A file that cannot be read is fatal.
func Ingest(paths []string, out string, opts IngestOptions) (*IngestReport, error) {
	opts = withDefaults(opts)
	inputs, total, err := openInputs(paths)
	if err != nil {
		return nil, err
	}
	defer func() {
		for _, in := range inputs {
			in.close()
		}
	}()
	root := filepath.Join(out, dataset.PartitionDir(Table))
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(out, "."+Table+".tmp-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	w := &partWriter{dir: tmp, opts: opts, years: map[int]*yearWriter{}}
	rep := &IngestReport{Mapped: map[string]int64{}, Unmapped: map[string]int64{}}
	run := &ingestRun{opts: opts, w: w, rep: rep, seen: map[eventKey]struct{}{}, total: total}
	had, err := existingEvents(root)
	if err != nil {
		return nil, err
	}
	if !opts.Replace && had > 0 {
		if rep.Existing, err = run.carryOver(root); err != nil {
			w.abort()
			return rep, err
		}
	}
	for _, in := range inputs {
		st, err := run.ingestOne(in)
		rep.Files = append(rep.Files, st)
		rep.Lines += st.Lines
		rep.Kept += st.Kept
		rep.Malformed += st.Malformed
		rep.Duplicates += st.Duplicates
		if err != nil {
			w.abort()
			return rep, err
		}
	}
	if err := checkOutcome(paths, rep, had, opts); err != nil {
		w.abort()
		return rep, err
	}
	years, err := w.finish()
	if err != nil {
		return rep, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return rep, err
	}
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

func withDefaults(opts IngestOptions) IngestOptions {
	if opts.RowGroup <= 0 {
		opts.RowGroup = 1 << 16
	}
	if opts.MaxBuffered <= 0 {
		opts.MaxBuffered = 4 * opts.RowGroup
	}
	if opts.MaxProblems <= 0 {
		opts.MaxProblems = 1000
	}
	if opts.MaxRatio <= 0 {
		opts.MaxRatio = DefaultMaxRatio
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxMalformed == 0 {
		opts.MaxMalformed = DefaultMaxMalformed
	}
	return opts
}

// checkOutcome refuses inputs without one well-formed line, and a
// replacement that would empty a table with events.
func checkOutcome(paths []string, rep *IngestReport, had int64, opts IngestOptions) error {
	if rep.Lines == rep.Malformed {
		return fmt.Errorf("%s: %w (read %d lines, %d malformed; is it a GDELT event file, export.CSV or its zip?); nothing written",
			strings.Join(paths, ", "), ErrNoEvents, rep.Lines, rep.Malformed)
	}
	if opts.Replace && had > 0 && rep.Kept == 0 {
		return fmt.Errorf("%w: the table has %d events and the inputs none the filter keeps; nothing written (ingest without --replace to add to it)", ErrWouldEmpty, had)
	}
	return nil
}

// existingEvents counts the events of the table at root (0 when there is
// none), checking that it is an event table rejoinder wrote.
func existingEvents(root string) (int64, error) {
	if _, err := os.Stat(root); errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err := checkEventDir(root); err != nil {
		return 0, fmt.Errorf("%s exists and is not an event table rejoinder wrote; move it away: %w", root, err)
	}
	entries, err := os.ReadDir(root)
	if err != nil || len(entries) == 0 {
		return 0, err
	}
	parts, err := dataset.ListPartitions(root)
	if err != nil {
		return 0, err
	}
	var n int64
	for _, p := range parts {
		err := parquetio.ScanColumnsAny(p.Path, []string{ColumnEventID}, func(_ []arrow.Array, _, rows int) error {
			n += int64(rows)
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	return n, nil
}

// eventKey identifies an event: GLOBALEVENTID is unique within a GDELT
// version.
type eventKey struct {
	version Version
	id      int64
}

// ingestRun is the state of one Ingest.
type ingestRun struct {
	opts  IngestOptions
	w     *partWriter
	rep   *IngestReport
	seen  map[eventKey]struct{}
	total int64
	bytes int64 // read so far, all inputs
	lines int64
}

// carryOver writes the events of the table at root to the new table
// first, and marks their ids as seen.
func (run *ingestRun) carryOver(root string) (int64, error) {
	parts, err := dataset.ListPartitions(root)
	if err != nil {
		return 0, err
	}
	names := make([]string, eventSchema.NumFields())
	for i, f := range eventSchema.Fields() {
		names[i] = f.Name
	}
	var n int64
	for _, p := range parts {
		err := parquetio.ScanColumnsAny(p.Path, names, func(cols []arrow.Array, _, rows int) error {
			for r := 0; r < rows; r++ {
				e, err := eventFromColumns(cols, r)
				if err != nil {
					return fmt.Errorf("%s: row %d: %w", p.Path, r+1, err)
				}
				run.seen[eventKey{e.Version, e.ID}] = struct{}{}
				if err := run.w.add(&e); err != nil {
					return err
				}
				n++
			}
			return nil
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// eventFromColumns reads row r of columns in eventSchema's order.
func eventFromColumns(cols []arrow.Array, r int) (Event, error) {
	for i, c := range cols {
		if !arrow.TypeEqual(c.DataType(), eventSchema.Field(i).Type) {
			return Event{}, fmt.Errorf("column %s is %s, want %s", eventSchema.Field(i).Name, c.DataType(), eventSchema.Field(i).Type)
		}
	}
	e := Event{
		ID:            cols[0].(*array.Int64).Value(r),
		Date:          Day(cols[1].(*array.Date32).Value(r)),
		Actor1Code:    cols[2].(*array.String).Value(r),
		Actor1Country: cols[3].(*array.String).Value(r),
		Actor2Code:    cols[4].(*array.String).Value(r),
		Actor2Country: cols[5].(*array.String).Value(r),
		EventCode:     cols[6].(*array.String).Value(r),
		QuadClass:     cols[7].(*array.Int8).Value(r),
		Goldstein:     cols[8].(*array.Float64).Value(r),
		NumMentions:   cols[9].(*array.Int32).Value(r),
		NumSources:    cols[10].(*array.Int32).Value(r),
		NumArticles:   cols[11].(*array.Int32).Value(r),
		AvgTone:       cols[12].(*array.Float64).Value(r),
		Version:       Version(cols[14].(*array.Int8).Value(r)),
	}
	if !cols[13].IsNull(r) {
		e.SourceURL = cols[13].(*array.String).Value(r)
	}
	return e, nil
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
	name       string
	compressed int64 // a zip member's compressed size; 0 for a plain file
	open       func() (io.ReadCloser, error)
	close      func()
}

// openInputs lists the streams of the given paths, with their total
// uncompressed size. A zip archive (recognised by its signature) gives one
// input per member file.
func openInputs(paths []string) ([]input, int64, error) {
	var out []input
	var total int64
	noop := func() {}
	for _, p := range paths {
		// A named pipe would block the open, a link to /dev/zero never
		// end: only regular files, checked before they are opened.
		info, err := os.Stat(p)
		if err != nil {
			return nil, 0, err
		}
		if err := dataset.RefuseIrregular(p, info.Mode(), "a GDELT event file (.CSV or .zip)"); err != nil {
			return nil, 0, err
		}
		f, err := os.Open(p)
		if err != nil {
			return nil, 0, err
		}
		var sig [4]byte
		n, _ := io.ReadFull(f, sig[:])
		info, err = f.Stat()
		f.Close()
		if err != nil {
			return nil, 0, err
		}
		if err := dataset.RefuseIrregular(p, info.Mode(), "a GDELT event file (.CSV or .zip)"); err != nil {
			return nil, 0, err // replaced since the check
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
				out = append(out, input{name: p + "!" + zf.Name, compressed: max(int64(zf.CompressedSize64), 1), open: zf.Open, close: closeZip})
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

// limitReader enforces the byte and ratio limits on one input and
// reports progress, as it streams.
type limitReader struct {
	r          io.Reader
	run        *ingestRun
	compressed int64 // the zip member's compressed size, 0 for a plain file
	read       int64 // this input
	pending    int
}

func (c *limitReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.read += int64(n)
	c.run.bytes += int64(n)
	c.pending += n
	if c.pending >= 4<<20 || err != nil {
		c.pending = 0
		c.run.progress()
	}
	if c.run.bytes > c.run.opts.MaxBytes {
		return n, fmt.Errorf("%w: read %d bytes, more than the bound of %d (--max-bytes)", ErrLimit, c.run.bytes, c.run.opts.MaxBytes)
	}
	// A 1 MiB allowance lets small members compress well.
	if c.compressed > 0 && float64(c.read) > c.run.opts.MaxRatio*float64(c.compressed)+(1<<20) {
		return n, fmt.Errorf("%w: %d compressed bytes inflate to more than %d, over %g times (--max-ratio); a GDELT zip inflates about 5 to 10 times",
			ErrLimit, c.compressed, c.read, c.run.opts.MaxRatio)
	}
	return n, err
}

func (run *ingestRun) progress() {
	if run.opts.Progress != nil {
		run.opts.Progress(Progress{Bytes: run.bytes, Total: run.total, Lines: run.lines})
	}
}

// ingestOne reads one input into the partition writer.
func (run *ingestRun) ingestOne(in input) (FileStats, error) {
	st := FileStats{Name: in.name}
	rc, err := in.open()
	if err != nil {
		return st, fmt.Errorf("%s: %w", in.name, err)
	}
	defer rc.Close()
	r := NewReader(&limitReader{r: rc, run: run, compressed: in.compressed}, in.name)
	opts, rep := run.opts, run.rep
	problem := func(perr *ParseError) error {
		st.Malformed++
		if len(rep.Problems) < opts.MaxProblems {
			rep.Problems = append(rep.Problems, r.locate(perr))
		}
		if opts.MaxMalformed >= 0 && rep.Malformed+st.Malformed > opts.MaxMalformed {
			return fmt.Errorf("%s: line %d: %w: more than %d malformed lines (--max-malformed); is it a GDELT event file?", in.name, r.Line, ErrLimit, opts.MaxMalformed)
		}
		return nil
	}
	for {
		l, err := r.line()
		if err == io.EOF {
			run.progress()
			return st, nil
		}
		if err != nil && err != errLineTooLong {
			return st, fmt.Errorf("%s: line %d: %w", in.name, r.Line+1, err)
		}
		st.Lines++
		run.lines++
		if opts.MaxLines > 0 && run.lines > opts.MaxLines {
			return st, fmt.Errorf("%s: line %d: %w: more than %d lines (--max-lines)", in.name, r.Line, ErrLimit, opts.MaxLines)
		}
		if err == errLineTooLong {
			if err := problem(&ParseError{Err: ErrLineTooLong}); err != nil {
				return st, err
			}
			continue
		}
		if err := run.line(&r.fs, l, &st, problem); err != nil {
			return st, err
		}
	}
}

// line filters, parses and writes one line.
func (run *ingestRun) line(fs *fields, l []byte, st *FileStats, problem func(*ParseError) error) error {
	fs.split(l)
	id, day, perr := fs.head()
	if perr != nil {
		return problem(perr)
	}
	c1, c2, code := fs.col(ColActor1CountryCode), fs.col(ColActor2CountryCode), fs.col(ColEventCode)
	if responseTypeOf(code) == "" {
		return nil
	}
	s1, s2 := State(c1), State(c2)
	if s1 == "" || s2 == "" {
		run.countUnmapped(c1, c2, s1, s2)
		return nil
	}
	if s1 == s2 {
		return nil
	}
	e, perr := fs.event(id, day)
	if perr != nil {
		return problem(perr)
	}
	k := eventKey{e.Version, e.ID}
	if _, dup := run.seen[k]; dup {
		st.Duplicates++
		return nil
	}
	run.seen[k] = struct{}{}
	for _, c := range []*string{&e.Actor1Country, &e.Actor2Country} {
		if iso := State(*c); iso != *c {
			run.rep.Mapped[*c]++
			*c = iso
		}
	}
	st.Kept++
	return run.w.add(&e)
}

// countUnmapped counts a line of the code set lost to a country code that
// names no state (see IngestReport.Unmapped).
func (run *ingestRun) countUnmapped(c1, c2 []byte, s1, s2 string) {
	if len(c1) == 0 || len(c2) == 0 || bytes.Equal(c1, c2) || !utf8.Valid(c1) || !utf8.Valid(c2) {
		return
	}
	if s1 == "" {
		run.rep.Unmapped[string(c1)]++
	}
	if s2 == "" {
		run.rep.Unmapped[string(c2)]++
	}
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
			props, aprops := parquetio.WriterProperties(ColumnEventID, ColumnGoldstein, ColumnAvgTone, ColumnSourceURL)
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
