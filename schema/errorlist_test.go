package schema

import (
	"fmt"
	"strings"
	"testing"
)

// The printed list puts a file's structural problems first, prints at
// most perKind problems of each kind with a count of the rest, and ends
// with the total; the list itself keeps everything.
func TestErrorListReport(t *testing.T) {
	var l ErrorList
	for i := range 25 {
		l = append(l, &FieldError{File: "a/quotes.csv", Line: i + 2, Table: TableQuotes, ID: fmt.Sprintf("q%d", i),
			Field: "unit_id", Value: fmt.Sprintf("r%d", i), Err: ErrDangling})
	}
	l = append(l, &FieldError{File: "a/quotes.csv", Line: 40, Table: TableQuotes, Field: "text", Err: ErrMissing})
	l = append(l, &FieldError{File: "a/responses.csv", Line: 1, Table: TableResponses, Field: "notes", Err: ErrMissingColumn})
	l.Sort()
	got := strings.Split(l.Report(3), "\n")
	want := []string{
		"a/responses.csv:1: responses: notes: column missing from the header",
		`a/quotes.csv:2: quotes q0: unit_id: refers to an id that does not exist "r0"`,
		`a/quotes.csv:3: quotes q1: unit_id: refers to an id that does not exist "r1"`,
		`a/quotes.csv:4: quotes q2: unit_id: refers to an id that does not exist "r2"`,
		"a/quotes.csv:40: quotes: text: required field is missing",
		`… and 22 more problems like "quotes: unit_id: refers to an id that does not exist" (the first 3 are listed)`,
		"27 problem(s) found.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Report(3) =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(l) != 27 {
		t.Errorf("the list has %d problems after printing, want all 27", len(l))
	}
	if all := l.Report(0); strings.Count(all, "\n") != 27 || strings.Contains(all, "more problems like") {
		t.Errorf("Report(0) does not print every problem:\n%s", all)
	}
}

// A bad value is quoted up to MaxEchoedValue bytes, cut between
// characters, with its size; FieldError.Value keeps it whole.
func TestFieldErrorCutsLongValue(t *testing.T) {
	long := strings.Repeat("a", MaxEchoedValue-1) + "é" + strings.Repeat("b", 10<<20)
	e := &FieldError{File: "r.csv", Line: 2, Field: "cameo_code", Value: long, Err: ErrUnknownCode}
	msg := e.Error()
	want := fmt.Sprintf(`r.csv:2: cameo_code: unknown code %q… (%d bytes)`, strings.Repeat("a", MaxEchoedValue-1), len(long))
	if msg != want {
		t.Errorf("message of %d bytes starts %.300q, want %q", len(msg), msg, want)
	}
	if e.Value != long {
		t.Error("the value itself was cut")
	}
	short := &FieldError{Field: "x", Value: "é\n", Err: ErrBadValue}
	if got := short.Error(); got != `x: invalid value "é\n"` {
		t.Errorf("short value: %q", got)
	}
}

// cellProblem stands for another reader's problem type (coding import's).
type cellProblem struct{ cell, kind string }

func (p cellProblem) Error() string { return p.cell + ": " + p.kind }

// ReportByKind caps any list of problems by the kind it is given, and
// prints every problem when perKind is 0.
func TestReportByKind(t *testing.T) {
	var ps []cellProblem
	for i := range 5 {
		ps = append(ps, cellProblem{fmt.Sprintf("C%d", i+2), "unknown code"})
	}
	ps = append(ps, cellProblem{"D2", "required"})
	kind := func(p cellProblem) string { return p.kind }
	want := "C2: unknown code\nC3: unknown code\nD2: required\n… and 3 more problems like \"unknown code\" (the first 2 are listed)\n6 problem(s) found."
	if got := ReportByKind(ps, kind, 2); got != want {
		t.Errorf("ReportByKind(2) =\n%s\nwant\n%s", got, want)
	}
	if got := ReportByKind(ps, kind, 0); strings.Count(got, "\n") != 6 {
		t.Errorf("ReportByKind(0) =\n%s", got)
	}
}
