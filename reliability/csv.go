package reliability

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/rejoinder/rejoinder/internal/inputlimit"
	"github.com/rejoinder/rejoinder/internal/textfile"
	"github.com/rejoinder/rejoinder/schema"
)

// CSVLimit bounds a CSV file of codings read by ReadCSVFile, checked
// before the file is read (REJOINDER_MAX_RELIABILITY_MB raises it): every
// coding is held in memory. A study's codings take a few megabytes.
var CSVLimit = inputlimit.Limit{What: "reliability CSV file", Env: "REJOINDER_MAX_RELIABILITY_MB", Bytes: 256 << 20}

// ReadCSVFile reads the CSV file of codings at path with ReadCSV, after
// checking that it is a regular file (not a named pipe, which would block,
// or a link to a device such as /dev/zero, which would never end) within
// CSVLimit; errors wrap inputlimit's ErrNotRegularFile or
// ErrInputTooLarge (dataset.ErrNotRegularFile, dataset.ErrInputTooLarge).
func ReadCSVFile(path string) ([]Coding, error) {
	f, err := CSVLimit.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCSV(f, path)
}

// ReadCSV reads codings in long format: a header naming the columns unit,
// coder and value (in any order; other columns are ignored), then one
// judgement per row. An empty value is a missing one. Errors carry the
// file name and line, like encoding/csv's.
func ReadCSV(r io.Reader, name string) ([]Coding, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(4096)
	if detail := textfile.UTF16(head); detail != "" {
		// Read as UTF-8, its header would match no column.
		return nil, fmt.Errorf("%s:1: %s; %s", name, detail, textfile.SaveAsUTF8)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file (want a header unit,coder,value)", name)
	}
	if err != nil {
		return nil, readError(name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))] = i
	}
	for _, want := range []string{"unit", "coder", "value"} {
		if _, ok := col[want]; !ok {
			return nil, fmt.Errorf("%s:1: no %q column in the header %q (want unit,coder,value)", name, want, strings.Join(header, ","))
		}
	}
	// Codings gather in blocks joined once at the end: growing one slice
	// of a million codings copied it over and over.
	var blocks [][]Coding
	out := make([]Coding, 0, 1024)
	first := map[[2]string]int{} // (coder, unit) -> line, to place a duplicate
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return slices.Concat(append(blocks, out)...), nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d:%d: %w", name, pe.Line, pe.Column, pe.Err)
		}
		if err != nil {
			return nil, readError(name, err)
		}
		line, _ := cr.FieldPos(0)
		get := func(k string) (string, error) {
			i := col[k]
			if i >= len(rec) {
				return "", fmt.Errorf("%s:%d: row has %d fields, no %s", name, line, len(rec), k)
			}
			return strings.TrimSpace(rec[i]), nil
		}
		var c Coding
		if c.UnitID, err = get("unit"); err != nil {
			return nil, err
		}
		if c.Coder, err = get("coder"); err != nil {
			return nil, err
		}
		if c.Value, err = get("value"); err != nil {
			return nil, err
		}
		for _, v := range []string{c.UnitID, c.Coder, c.Value} {
			if !utf8.ValidString(v) {
				// Printed, or as JSON, the byte would become U+FFFD unseen.
				return nil, fmt.Errorf("%s:%d: %s is not valid UTF-8 (save the file as UTF-8, not Latin-1 or Windows-1252)", name, line, schema.QuoteValue(v))
			}
		}
		if c.UnitID == "" || c.Coder == "" {
			return nil, fmt.Errorf("%s:%d: unit and coder must not be empty", name, line)
		}
		c.Where = fmt.Sprintf("%s:%d", name, line)
		key := [2]string{c.Coder, c.UnitID}
		if at, dup := first[key]; dup {
			return nil, fmt.Errorf("%s:%d: %w: coder %q, unit %q (first at line %d)", name, line, ErrDuplicate, c.Coder, c.UnitID, at)
		}
		first[key] = line
		if len(out) == cap(out) {
			blocks = append(blocks, out)
			out = make([]Coding, 0, 2*cap(out))
		}
		out = append(out, c)
	}
}

// readError places an error of the underlying reader in the file name,
// unless it names the file already (a file over CSVLimit).
func readError(name string, err error) error {
	if errors.Is(err, inputlimit.ErrInputTooLarge) {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}
