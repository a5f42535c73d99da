package schema

import (
	"errors"
	"fmt"
	"strings"
)

// MaxProblemsPerKind is how many problems of one kind (the same error, in
// the same field of the same table) the command line prints before it
// only counts the rest: one missing column once gave 729,468 problems,
// 119 MB on standard error, with the cause last.
const MaxProblemsPerKind = 20

// Report prints the list for a person: root causes first — problems with
// a file's structure (a syntax error, a missing column, a header row)
// before the problems of single records, which often follow from them —
// then at most perKind problems of each kind, each further kind's count
// on one line ("… and 129 more problems like …"), then the total. The list
// itself keeps every problem; perKind <= 0 prints them all.
func (l ErrorList) Report(perKind int) string {
	return ReportByKind(l.rootCausesFirst(), (*FieldError).kind, perKind)
}

// ReportByKind prints problems one a line, at most perKind of each kind
// (kind names a problem's kind), then one line per kind with the count of
// those left out, then the total; perKind <= 0 prints them all. Readers
// with their own list of problems (coding import's) print through it too.
func ReportByKind[E error](problems []E, kind func(E) string, perKind int) string {
	var b strings.Builder
	shown := map[string]int{}
	var kinds []string // in order of first appearance, for the counts
	for _, e := range problems {
		k := kind(e)
		if shown[k] == 0 {
			kinds = append(kinds, k)
		}
		shown[k]++
		if perKind <= 0 || shown[k] <= perKind {
			b.WriteString(e.Error() + "\n")
		}
	}
	for _, k := range kinds {
		if n := shown[k] - perKind; perKind > 0 && n > 0 {
			fmt.Fprintf(&b, "… and %d more problems like %q (the first %d are listed)\n", n, k, perKind)
		}
	}
	fmt.Fprintf(&b, "%d problem(s) found.", len(problems))
	return b.String()
}

// kind names the problem without its place and value: table, field and
// the kind of error, such as "quotes: unit_id: refers to an id that does
// not exist".
func (e *FieldError) kind() string {
	var parts []string
	for _, p := range []string{e.Table, e.Field} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if e.Err != nil {
		parts = append(parts, e.Err.Error())
	}
	return strings.Join(parts, ": ")
}

// rootCausesFirst returns the problems with the structural ones moved to
// the front, each group in its original order.
func (l ErrorList) rootCausesFirst() ErrorList {
	out := make(ErrorList, 0, len(l))
	for _, e := range l {
		if e.structural() {
			out = append(out, e)
		}
	}
	for _, e := range l {
		if !e.structural() {
			out = append(out, e)
		}
	}
	return out
}

// structural reports whether the problem is with a file's structure
// rather than one record's value: a syntax error, a missing column, or
// anything in a CSV file's header row.
func (e *FieldError) structural() bool {
	return errors.Is(e.Err, ErrSyntax) || errors.Is(e.Err, ErrMissingColumn) ||
		(e.Line == 1 && strings.HasSuffix(strings.ToLower(e.File), ".csv"))
}
