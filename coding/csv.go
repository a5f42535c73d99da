package coding

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rejoinder/rejoinder/dataset"
)

// CodingsHeader is the header of a codings CSV file: one coding a row, in
// the long format the reliability literature expects (and the data package
// publishes).
var CodingsHeader = []string{"unit_id", "variable", "coder", "round", "value"}

// ErrCodingsCSV is a codings CSV file that does not follow CodingsHeader.
var ErrCodingsCSV = errors.New("bad codings CSV")

// CSVError is one problem in a codings CSV file, with its place, like
// encoding/csv's ParseError.
type CSVError struct {
	File   string
	Line   int // 1-based
	Column string
	Value  string
	Err    error
	Detail string
}

// Error says where, what and why: "file:line: column: bad codings CSV ...".
func (e *CSVError) Error() string {
	s := fmt.Sprintf("%s:%d", e.File, e.Line)
	if e.Column != "" {
		s += ": " + e.Column
	}
	s += ": " + e.Err.Error()
	if e.Value != "" {
		s += fmt.Sprintf(" %q", e.Value)
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// Unwrap returns the kind of problem, ErrCodingsCSV, for errors.Is.
func (e *CSVError) Unwrap() error { return e.Err }

// PublishedFile and GoldFile name the published codings in
// dataset.CodingsFS: every independent coder's values, round by round, and
// the adjudicated gold coding (coder "gold") that the records hold.
const (
	PublishedFile = "codings.csv"
	GoldFile      = "gold.csv"
)

// Published returns the independent coders' codings published with the
// embedded dataset. DATASET.md reports their agreement, and build ships
// them in the data package.
func Published() ([]Coding, error) { return readPublished(PublishedFile) }

// PublishedGold returns the adjudicated gold coding of the embedded
// dataset, the values its records hold (a test keeps them equal).
func PublishedGold() ([]Coding, error) { return readPublished(GoldFile) }

func readPublished(name string) ([]Coding, error) {
	f, err := dataset.CodingsFS().Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCodingsCSV(f, "dataset/codings/"+name)
}

// WriteCodingsCSV writes codings as CSV with CodingsHeader, sorted by
// unit, variable, coder and round, so that the same codings give the same
// bytes.
func WriteCodingsCSV(w io.Writer, codings []Coding) error {
	codings = slices.Clone(codings)
	slices.SortFunc(codings, compareCodings)
	cw := csv.NewWriter(w)
	if err := cw.Write(CodingsHeader); err != nil {
		return err
	}
	for _, c := range codings {
		if err := cw.Write([]string{c.UnitID, c.Variable, c.Coder, strconv.Itoa(c.Round), c.Value}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadCodingsCSV reads a codings CSV file written by WriteCodingsCSV (name
// is used in errors). Every problem is a *CSVError naming the line: a
// header other than CodingsHeader, a row of the wrong width, a round that
// is not a positive whole number, an empty unit, variable or coder,
// invalid UTF-8, or the same unit, variable, coder and round twice.
func ReadCodingsCSV(r io.Reader, name string) ([]Coding, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, &CSVError{File: name, Line: 1, Err: ErrCodingsCSV, Detail: "empty file; want the header " + strings.Join(CodingsHeader, ",")}
	}
	if err != nil {
		return nil, &CSVError{File: name, Line: 1, Err: ErrCodingsCSV, Detail: err.Error()}
	}
	if !slices.Equal(header, CodingsHeader) {
		return nil, &CSVError{File: name, Line: 1, Value: strings.Join(header, ","), Err: ErrCodingsCSV, Detail: "want the header " + strings.Join(CodingsHeader, ",")}
	}
	var out []Coding
	seen := map[Coding]int{} // key without value → line
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return nil, &CSVError{File: name, Line: line, Err: ErrCodingsCSV, Detail: err.Error()}
		}
		line, _ := cr.FieldPos(0) // only valid after a successful Read
		if len(rec) != len(CodingsHeader) {
			return nil, &CSVError{File: name, Line: line, Err: ErrCodingsCSV, Detail: fmt.Sprintf("%d fields, want %d (%s)", len(rec), len(CodingsHeader), strings.Join(CodingsHeader, ","))}
		}
		for i, v := range rec {
			if !utf8.ValidString(v) {
				return nil, &CSVError{File: name, Line: line, Column: CodingsHeader[i], Err: ErrCodingsCSV, Detail: "invalid UTF-8"}
			}
			if v == "" && CodingsHeader[i] != "value" {
				return nil, &CSVError{File: name, Line: line, Column: CodingsHeader[i], Err: ErrCodingsCSV, Detail: "empty; every coding names its unit, variable, coder and round"}
			}
		}
		round, err := strconv.Atoi(rec[3])
		if err != nil || round < 1 {
			return nil, &CSVError{File: name, Line: line, Column: "round", Value: rec[3], Err: ErrCodingsCSV, Detail: "want a whole number from 1"}
		}
		c := Coding{UnitID: rec[0], Variable: rec[1], Coder: rec[2], Round: round, Value: rec[4]}
		key := c
		key.Value = ""
		if first, dup := seen[key]; dup {
			return nil, &CSVError{File: name, Line: line, Value: c.UnitID + " " + c.Variable, Err: ErrCodingsCSV,
				Detail: fmt.Sprintf("coder %s, round %d coded it already on line %d", c.Coder, c.Round, first)}
		}
		seen[key] = line
		out = append(out, c)
	}
	return out, nil
}
