package events

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
	"unicode/utf8"
)

// Day is a calendar day as days since 1970-01-01, the Arrow date32 and
// Parquet DATE value. GDELT dates events to the day (SQLDATE).
type Day int32

// DayOf returns the Day of a calendar date. It does not check the date.
func DayOf(year int, month time.Month, day int) Day {
	// Days from the civil calendar (proleptic Gregorian), counting eras of
	// 400 years from 0000-03-01 so that the leap day ends a year.
	y, m := year, int(month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Day(era*146097 + doe - 719468)
}

// Time returns the day at midnight UTC.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats the day as YYYY-MM-DD.
func (d Day) String() string { return d.Time().Format(time.DateOnly) }

// Year returns the day's year, the partition key of the event dataset.
func (d Day) Year() int { return d.Time().Year() }

// ParseDay reads a YYYY-MM-DD date.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a date YYYY-MM-DD", s)
	}
	return DayOf(t.Year(), t.Month(), t.Day()), nil
}

// Event is one GDELT event row: the columns rejoinder keeps.
type Event struct {
	ID            int64  // GLOBALEVENTID
	Date          Day    // SQLDATE
	Actor1Code    string // full CAMEO actor code, e.g. USAGOV
	Actor1Country string // Actor1CountryCode, e.g. USA
	Actor2Code    string
	Actor2Country string
	EventCode     string // CAMEO code with leading zeros, e.g. 016
	QuadClass     int8
	Goldstein     float64
	NumMentions   int32
	NumSources    int32
	NumArticles   int32
	AvgTone       float64
	SourceURL     string  // empty in the 1.0 backfile
	Version       Version // the layout the line had
}

// Errors a ParseError wraps; each says what is allowed.
var (
	ErrColumns     = errors.New("wrong number of tab-separated columns (allowed: 57 or 58 for GDELT 1.0, 61 for GDELT 2.0)")
	ErrID          = errors.New("not an event id (allowed: an integer, 0 or more)")
	ErrDate        = errors.New("not a date (allowed: YYYYMMDD, a day that exists)")
	ErrCode        = errors.New("not a CAMEO event code (allowed: 2 to 4 digits, e.g. 016, 1125)")
	ErrInt         = errors.New("not an integer")
	ErrFloat       = errors.New("not a number")
	ErrQuad        = errors.New("not a QuadClass (allowed: 1, 2, 3 or 4)")
	ErrLineTooLong = errors.New("line longer than 1 MiB (GDELT lines are a few kilobytes at most)")
	ErrUTF8        = errors.New("not valid UTF-8 (GDELT files are UTF-8; Parquet text must be)")
)

// ParseError is a malformed line of a GDELT file, located like
// encoding/csv's ParseError: file, line (1-based) and column (the 1-based
// GDELT column number, 0 for the whole line), with the column's GDELT
// name and the bad value.
type ParseError struct {
	File   string
	Line   int64
	Column int
	Field  string
	Value  string
	Err    error
}

// Error formats the problem as `file:line: column N (NAME) "value": what
// is wrong`, or for a problem with the whole line as `file:line: what is
// wrong (found value)`. A value longer than 40 bytes is cut short.
func (e *ParseError) Error() string {
	pos := e.File
	if e.Line > 0 {
		pos += ":" + strconv.FormatInt(e.Line, 10)
	}
	if pos != "" {
		pos += ": "
	}
	v := e.Value
	if len(v) > 40 {
		v = v[:40] + "…"
	}
	if e.Column == 0 && v == "" {
		return fmt.Sprintf("%s%s", pos, e.Err)
	}
	if e.Column == 0 {
		return fmt.Sprintf("%s%s (found %s)", pos, e.Err, v)
	}
	return fmt.Sprintf("%scolumn %d (%s) %q: %v", pos, e.Column, e.Field, v, e.Err)
}

// Unwrap returns the kind of problem, for errors.Is (ErrColumns and the
// other Err variables).
func (e *ParseError) Unwrap() error { return e.Err }

// maxCols is one more than the widest layout, so that a line with too
// many columns is seen as such.
const maxCols = ColumnsV2 + 1

// fields holds a split line: f[i] is column i+1; n the number of columns
// (counted past maxCols).
type fields struct {
	f [maxCols][]byte
	n int
}

func (fs *fields) split(line []byte) {
	fs.n = 0
	for {
		i := bytes.IndexByte(line, '\t')
		if fs.n < maxCols {
			if i < 0 {
				fs.f[fs.n] = line
			} else {
				fs.f[fs.n] = line[:i]
			}
		}
		fs.n++
		if i < 0 {
			return
		}
		line = line[i+1:]
	}
}

func (fs *fields) col(c int) []byte { return fs.f[c-1] }

func (fs *fields) errAt(c int, err error) *ParseError {
	return &ParseError{Column: c, Field: columnName(fs.n, c), Value: string(fs.col(c)), Err: err}
}

// head checks what every line must have, whether kept or not: a known
// column count, an event id, a date and an event code.
func (fs *fields) head() (id int64, day Day, perr *ParseError) {
	if versionOf(fs.n) == 0 {
		return 0, 0, &ParseError{Err: ErrColumns, Value: strconv.Itoa(fs.n) + " columns"}
	}
	// 0 is a real id: the first event of GDELT's 1979 backfile.
	id, ok := parseUint(fs.col(ColGlobalEventID))
	if !ok {
		return 0, 0, fs.errAt(ColGlobalEventID, ErrID)
	}
	day, ok = parseSQLDate(fs.col(ColSQLDate))
	if !ok {
		return 0, 0, fs.errAt(ColSQLDate, ErrDate)
	}
	if c := fs.col(ColEventCode); len(c) < 2 || len(c) > 4 || !allDigits(string(c)) {
		return 0, 0, fs.errAt(ColEventCode, ErrCode)
	}
	return id, day, nil
}

// event parses the rest of a line whose head is valid.
func (fs *fields) event(id int64, day Day) (Event, *ParseError) {
	e := Event{
		ID: id, Date: day, Version: versionOf(fs.n),
		Actor1Code: string(fs.col(ColActor1Code)), Actor1Country: string(fs.col(ColActor1CountryCode)),
		Actor2Code: string(fs.col(ColActor2Code)), Actor2Country: string(fs.col(ColActor2CountryCode)),
		EventCode: string(fs.col(ColEventCode)),
	}
	q, ok := parseUint(fs.col(ColQuadClass))
	if !ok || q < 1 || q > 4 {
		return e, fs.errAt(ColQuadClass, ErrQuad)
	}
	e.QuadClass = int8(q)
	var err error
	if e.Goldstein, err = strconv.ParseFloat(string(fs.col(ColGoldsteinScale)), 64); err != nil {
		return e, fs.errAt(ColGoldsteinScale, ErrFloat)
	}
	if e.AvgTone, err = strconv.ParseFloat(string(fs.col(ColAvgTone)), 64); err != nil {
		return e, fs.errAt(ColAvgTone, ErrFloat)
	}
	for _, c := range []struct {
		col int
		dst *int32
	}{{ColNumMentions, &e.NumMentions}, {ColNumSources, &e.NumSources}, {ColNumArticles, &e.NumArticles}} {
		n, ok := parseUint(fs.col(c.col))
		if !ok || n > 1<<31-1 {
			return e, fs.errAt(c.col, ErrInt)
		}
		*c.dst = int32(n)
	}
	if c := ColSourceURL(fs.n); c > 0 {
		e.SourceURL = string(fs.col(c))
	}
	// The text kept must be UTF-8, or DuckDB refuses the Parquet written.
	for _, c := range []int{ColActor1Code, ColActor1CountryCode, ColActor2Code, ColActor2CountryCode, ColSourceURL(fs.n)} {
		if c > 0 && !utf8.Valid(fs.col(c)) {
			return e, fs.errAt(c, ErrUTF8)
		}
	}
	return e, nil
}

// ParseLine parses one line of a GDELT 1.0 or 2.0 event file (without
// its newline; a trailing CR is ignored). A malformed line gives a
// *ParseError naming the column, without file and line, which Reader
// adds. ParseLine does not filter: it parses any well-formed event.
func ParseLine(line []byte) (Event, error) {
	var fs fields
	fs.split(bytes.TrimSuffix(line, []byte{'\r'}))
	id, day, perr := fs.head()
	if perr != nil {
		return Event{}, perr
	}
	e, perr := fs.event(id, day)
	if perr != nil {
		return Event{}, perr
	}
	return e, nil
}

// parseUint reads a decimal number of up to 18 digits.
func parseUint(b []byte) (int64, bool) {
	if len(b) == 0 || len(b) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

// parseSQLDate reads YYYYMMDD, rejecting days that do not exist.
func parseSQLDate(b []byte) (Day, bool) {
	if len(b) != 8 {
		return 0, false
	}
	n, ok := parseUint(b)
	if !ok {
		return 0, false
	}
	y, m, d := int(n/10000), int(n/100%100), int(n%100)
	if y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return DayOf(y, time.Month(m), d), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// Reader reads the events of one GDELT file line by line, as
// encoding/csv's Reader does records. Read returns a *ParseError for a
// malformed line and can be called again to go on with the next line.
type Reader struct {
	File string // the name errors carry
	Line int64  // the number of the line last read (1-based)

	br  *bufio.Reader
	buf []byte
	fs  fields
}

// NewReader returns a Reader of r; file is the name errors carry.
func NewReader(r io.Reader, file string) *Reader {
	return &Reader{File: file, br: bufio.NewReaderSize(r, 1<<20)}
}

// line returns the next line without its line ending, or io.EOF. The
// slice is valid until the next call.
func (r *Reader) line() ([]byte, error) {
	l, err := r.br.ReadSlice('\n')
	long := false
	if err == bufio.ErrBufferFull {
		r.buf = append(r.buf[:0], l...)
		for err == bufio.ErrBufferFull {
			l, err = r.br.ReadSlice('\n')
			// Past MaxLineBytes the rest of the line is skipped, not held:
			// a file with no line breaks cannot fill memory.
			if len(r.buf) < MaxLineBytes {
				r.buf = append(r.buf, l...)
			} else {
				long = true
			}
		}
		l = r.buf
	}
	if err == io.EOF {
		if len(l) == 0 {
			return nil, io.EOF
		}
		err = nil // a last line without newline
	}
	if err != nil {
		return nil, err
	}
	r.Line++
	if long {
		return nil, errLineTooLong
	}
	l = bytes.TrimSuffix(l, []byte{'\n'})
	return bytes.TrimSuffix(l, []byte{'\r'}), nil
}

// MaxLineBytes is the longest line a Reader accepts; GDELT's lines are a
// few hundred bytes to a few kilobytes. A longer line is malformed
// (ErrLineTooLong) and reading goes on after it.
const MaxLineBytes = 1 << 20

var errLineTooLong = errors.New("line too long")

// Read returns the next event, io.EOF at the end, a *ParseError for a
// malformed line (reading may go on), or the underlying reader's error.
func (r *Reader) Read() (Event, error) {
	l, err := r.line()
	if err == errLineTooLong {
		return Event{}, r.locate(&ParseError{Err: ErrLineTooLong})
	}
	if err != nil {
		return Event{}, err
	}
	r.fs.split(l)
	id, day, perr := r.fs.head()
	if perr == nil {
		var e Event
		if e, perr = r.fs.event(id, day); perr == nil {
			return e, nil
		}
	}
	return Event{}, r.locate(perr)
}

func (r *Reader) locate(perr *ParseError) *ParseError {
	perr.File, perr.Line = r.File, r.Line
	return perr
}
