package dataset

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/rejoinder/rejoinder/schema"
)

// FuzzExcelCell checks the contract of the --excel cell escaping: for
// every UTF-8 string, as text or not, UnescapeExcelCell undoes exactly
// what EscapeExcelCell added, and the escaped cell never starts with a
// character a spreadsheet program reads as the start of a formula.
func FuzzExcelCell(f *testing.F) {
	for _, s := range []string{"", "016", "=1+1", "+7", "-x", "@SUM(A1)", "\tx", "\rx", "'", "''a", `="016"`, `="`, "plain", "0", "é=", "'=1"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, text bool) {
		if !utf8.ValidString(s) {
			return
		}
		esc := EscapeExcelCell(s, text)
		if got := UnescapeExcelCell(esc); got != s {
			t.Fatalf("UnescapeExcelCell(EscapeExcelCell(%q, %v) = %q) = %q", s, text, esc, got)
		}
		if esc != "" && strings.ContainsRune("+-@\t\r", rune(esc[0])) {
			t.Fatalf("EscapeExcelCell(%q, %v) = %q starts a formula", s, text, esc)
		}
		if strings.HasPrefix(esc, "=") && !(strings.HasPrefix(esc, `="`) && digitsOnly(esc[2:len(esc)-1])) {
			t.Fatalf("EscapeExcelCell(%q, %v) = %q is a formula other than =\"digits\"", s, text, esc)
		}
	})
}

// FuzzYAMLSyntaxError feeds arbitrary bytes to the YAML parser of record
// files: every syntax error yaml.v3 reports is placed by syntaxError at a
// line of the file and a column of that line (or just past its end), and
// is a schema.ErrSyntax naming the file; nothing panics.
func FuzzYAMLSyntaxError(f *testing.F) {
	for _, s := range []string{
		"case:\n  title: 'it's'\n",
		"case:\n  title: \"a\\qb\"\n",
		"case:\n\ttitle: a\n",
		"case:\n  title: a\x01b\n",
		"case:\n  title: a\xffb\n",
		"case:\n  title: @x\n",
		"case:\n  title: - a\n",
		"case:\r\n  title: a: b\r\n",
		"responses:\n- response_id: x\n  strategies:\n  - denial\n summary: y\n",
		"case: [a, b\n",
		"case: {a: 1\n",
		"a: &x 1\nb: *y\n",
		"\xef\xbb\xbfcase:\n  title: \"x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var n yaml.Node
		if yaml.Unmarshal(data, &n) == nil {
			return
		}
		root, fe := parseYAML("fuzz.yaml", data)
		if root != nil || fe == nil {
			t.Fatalf("yaml.v3 refuses the file but parseYAML gives %v, %v", root, fe)
		}
		if !errors.Is(fe, schema.ErrSyntax) || fe.File != "fuzz.yaml" {
			t.Fatalf("not a syntax error naming the file: %#v", fe)
		}
		lines := strings.Split(string(data), "\n")
		if fe.Line < 1 || fe.Line > len(lines) {
			t.Fatalf("line %d outside the file's %d lines: %v", fe.Line, len(lines), fe)
		}
		if width := utf8.RuneCountInString(lines[fe.Line-1]); fe.Column < 1 || fe.Column > width+1 {
			t.Fatalf("column %d outside line %d of %d characters: %v", fe.Column, fe.Line, width, fe)
		}
		if fe.Excerpt == "" {
			t.Fatalf("no excerpt: %v", fe)
		}
	})
}

// FuzzInputLimitMax parses arbitrary values of a REJOINDER_MAX_*_MB
// variable: a positive whole number of megabytes is that many MiB, and
// anything else is an error naming the variable, never a silent default
// and never an overflowed (negative or zero) limit.
func FuzzInputLimitMax(f *testing.F) {
	for _, s := range []string{"1", "64", "0", "-1", "1.5", " 2", "2MB", "8796093022208", "8796093022209", "99999999999999999999", "+3", "0x10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" || strings.ContainsRune(s, 0) {
			return // unset, and a value no environment can hold
		}
		lim := InputLimit{What: "fuzz file", Env: "REJOINDER_MAX_FUZZ_MB", Bytes: 7}
		t.Setenv(lim.Env, s)
		got, err := lim.Max()
		if err != nil {
			if !strings.Contains(err.Error(), lim.Env) {
				t.Fatalf("error does not name %s: %v", lim.Env, err)
			}
			return
		}
		if got <= 0 || got%(1<<20) != 0 || got == lim.Bytes {
			t.Fatalf("%s=%q gives the limit %d", lim.Env, s, got)
		}
	})
}
