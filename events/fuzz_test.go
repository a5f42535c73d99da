package events

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseLine: any input gives an event or a *ParseError, never a
// panic; an event has an id of 0 or more, a known layout and a code of 2 to 4
// digits, and its error, if any, names a column the line has.
func FuzzParseLine(f *testing.F) {
	for _, name := range []string{"v1.tsv", "v2.tsv"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		for _, l := range bytes.Split(data, []byte("\n")) {
			f.Add(l)
			f.Add(append(bytes.Clone(l), 0xE9)) // a source URL that is not UTF-8
		}
	}
	f.Add([]byte(""))
	f.Add([]byte(strings.Repeat("\t", 60)))
	f.Fuzz(func(t *testing.T, line []byte) {
		e, err := ParseLine(line)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not a *ParseError", err, err)
			}
			n := bytes.Count(line, []byte("\t")) + 1
			if pe.Column < 0 || pe.Column > n || pe.Error() == "" {
				t.Fatalf("error column %d of a %d-column line", pe.Column, n)
			}
			return
		}
		if e.ID < 0 || (e.Version != V1 && e.Version != V2) || len(e.EventCode) < 2 || len(e.EventCode) > 4 {
			t.Fatalf("bad event %+v", e)
		}
		if e.Date.String() == "" || e.QuadClass < 1 || e.QuadClass > 4 {
			t.Fatalf("bad event %+v", e)
		}
		for _, s := range []string{e.Actor1Code, e.Actor1Country, e.Actor2Code, e.Actor2Country, e.SourceURL} {
			if !utf8.ValidString(s) {
				t.Fatalf("event keeps text that is not UTF-8: %q", s)
			}
		}
	})
}
