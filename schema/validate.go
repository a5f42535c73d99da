package schema

import (
	"cmp"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rejoinder/rejoinder/internal/parallel"
)

// The kinds of problem the validator and the loaders report. Test a
// FieldError's kind with errors.Is.
var (
	ErrSyntax       = errors.New("syntax error")
	ErrUnknownField = errors.New("unknown field")
	ErrDuplicateKey = errors.New("key given twice")
	ErrMissing      = errors.New("required field is missing")
	// ErrMissingColumn is a column, required or optional, that a table's
	// CSV header lacks: every column of the table must be there, an
	// optional one with empty cells.
	ErrMissingColumn = errors.New("column missing from the header")
	ErrBadValue      = errors.New("invalid value")
	ErrUnknownCode   = errors.New("unknown code")
	ErrBadCountry    = errors.New("not an ISO 3166-1 alpha-3 country code")
	// ErrBadActor is an accuser that is neither a state's ISO code nor
	// one of the codebook's international bodies.
	ErrBadActor         = errors.New("not an ISO 3166-1 alpha-3 country code or an international body's code")
	ErrMissingSource    = errors.New("no source cited")
	ErrDangling         = errors.New("refers to an id that does not exist")
	ErrDuplicateID      = errors.New("duplicate id")
	ErrBeforeAccusation = errors.New("dated before the accusation it answers")
	ErrNoStrategy       = errors.New("observed response has no strategy")
	// ErrUnevidenced is a strategy of a response that none of its quotes
	// names in its codes: every code must rest on the statement's words.
	ErrUnevidenced = errors.New("strategy not evidenced by any quote")
	// ErrUnanswered is an accusation with no response record at all:
	// silence is data, recorded as no_response_found with the searches run.
	ErrUnanswered = errors.New("accusation has no response record")
	// ErrUncited is a source that no case, accusation or response cites:
	// a document in the list that nothing rests on is a leftover, and a
	// writer that keeps only what records cite would lose it.
	ErrUncited      = errors.New("source cited by no record")
	ErrInconsistent = errors.New("inconsistent with another field")
)

// FieldError is one problem with one field of one record, with where it
// stands. It is modelled on encoding/csv's ParseError: the position and
// the record, then the kind of problem in Err.
type FieldError struct {
	File    string // file the record was read from; empty for records built in code
	Line    int    // 1-based; 0 when unknown
	Column  int    // 1-based; 0 when unknown
	Table   string // cases, accusations, responses, quotes, sources
	ID      string // the record's id, when it has one
	Field   string // the field path within the record ("strategies[1]")
	Value   string // the offending value, as written
	Allowed string // what would have been accepted
	Err     error  // the kind of problem: one of the Err variables
	Detail  string // more words on this instance, if any
	// Excerpt, when set, is the text around the position (numbered
	// lines and a caret), printed below the one-line message; a YAML
	// syntax error has one, as the offending line is what the user must
	// find.
	Excerpt string
}

// Error formats the problem as file:line:col: table id: field: problem
// "value": detail (allowed: ...), followed by the Excerpt's lines if any.
func (e *FieldError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(Position{File: e.File, Line: e.Line, Column: e.Column}.String() + ": ")
	}
	if e.Table != "" {
		b.WriteString(e.Table)
		if e.ID != "" {
			b.WriteString(" " + e.ID)
		}
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Err.Error())
	if e.Value != "" {
		b.WriteString(" " + QuoteValue(e.Value))
	}
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	if e.Allowed != "" {
		b.WriteString(" (allowed: " + e.Allowed + ")")
	}
	if e.Excerpt != "" {
		b.WriteString("\n" + e.Excerpt)
	}
	return b.String()
}

// MaxEchoedValue is how many bytes of a bad value a printed problem
// quotes: a 10 MB cell is cut, with its size, rather than echoed whole.
// FieldError.Value keeps the whole value.
const MaxEchoedValue = 200

// QuoteValue quotes a bad value v for a message, as %q does, but cut
// after MaxEchoedValue bytes (at a character boundary) with "… (N bytes)":
// every reader echoing a value it refuses uses it, so that a 10 MB cell is
// not printed whole.
func QuoteValue(v string) string {
	if len(v) <= MaxEchoedValue {
		return strconv.Quote(v)
	}
	cut := MaxEchoedValue
	for cut > 0 && !utf8.RuneStart(v[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d bytes)", strconv.Quote(v[:cut]), len(v))
}

// Unwrap returns the kind of problem, for errors.Is.
func (e *FieldError) Unwrap() error { return e.Err }

// ErrorList is every problem found in a dataset, sorted by file and
// position. It is an error when it is not empty.
type ErrorList []*FieldError

// Error lists the problems one per line.
func (l ErrorList) Error() string {
	lines := make([]string, len(l))
	for i, e := range l {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns nil for an empty list and the list otherwise, so that a
// function can return `problems.Err()` as its error.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Sort orders the problems by file, line and column, then table, id and
// field for records without positions.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *FieldError) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Table, b.Table), cmp.Compare(a.ID, b.ID), cmp.Compare(a.Field, b.Field))
	})
}

var (
	idPattern       = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	languagePattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	cameoPattern    = regexp.MustCompile(`^[0-9]{2,4}$`)
)

// isID reports whether s matches idPattern (lower-case letters and digits
// in runs joined by single hyphens), without the regular expression: every
// id of every row is checked, and the pattern's matcher was a tenth of
// the validator's time.
func isID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// IsCountry reports whether code is an ISO 3166-1 alpha-3 country code.
func IsCountry(code string) bool {
	_, ok := iso3166Alpha3[code]
	return ok
}

// CountryName returns the English short name of an ISO 3166-1 alpha-3
// code, or "" for an unknown code.
func CountryName(code string) string { return iso3166Alpha3[code] }

// validator gathers problems while it walks the records.
type validator struct {
	cb       *Codebook
	problems ErrorList
}

func (v *validator) report(table, id string, pos *Position, field, value, allowed string, kind error, detail string) {
	p := pos.Field(field)
	v.problems = append(v.problems, &FieldError{File: p.File, Line: p.Line, Column: p.Column,
		Table: table, ID: id, Field: field, Value: value, Allowed: allowed, Err: kind, Detail: detail})
}

// Validate checks records against the codebook and returns every problem
// at once: unknown codes (with the nearest codes), bad country codes,
// missing sources, dangling and duplicate ids, sources of another case,
// responses dated before their accusation, observed responses without a
// strategy, contradictory evidence codes, control characters in text, and
// malformed values. It never stops at the first problem, so a researcher
// can fix a file in one pass.
//
// The checks only read the records, so they run concurrently, each
// gathering its own problems; the lists are joined in the order a single
// pass would have made them, then sorted, so the result is the same.
func Validate(cb *Codebook, r *Records) ErrorList {
	tables := make([]*validator, len(cb.Tables))
	keys := make([]map[string]bool, len(cb.Tables))
	parallel.For(len(cb.Tables), func(i int) {
		tables[i] = &validator{cb: cb}
		keys[i] = tables[i].checkTable(&cb.Tables[i], r.Rows(cb.Tables[i].Name))
	})
	ids := map[string]map[string]bool{}
	for i, t := range cb.Tables {
		ids[t.Name] = keys[i]
	}
	cross := []func(v *validator){
		func(v *validator) { v.checkReferences(r, ids) },
		func(v *validator) { v.checkSourceCases(r, ids) },
		func(v *validator) { v.checkResponses(r) },
		func(v *validator) { v.checkAccusations(r) },
		func(v *validator) { v.checkEvidence(r) },
		func(v *validator) { v.checkAnswered(r) },
		func(v *validator) { v.checkCited(r) },
	}
	crossed := make([]*validator, len(cross))
	parallel.For(len(cross), func(i int) {
		crossed[i] = &validator{cb: cb}
		cross[i](crossed[i])
	})
	var problems ErrorList
	for _, v := range append(tables, crossed...) {
		problems = append(problems, v.problems...)
	}
	problems = dropDerivedDuplicates(problems, r)
	problems.Sort()
	return problems
}

// dropDerivedDuplicates removes the duplicate quote ids that follow from
// a duplicate accusation or response id: a quote's id is its unit's id
// plus -q<n>, so two units with one id give quotes with one id, an id the
// user never wrote. The unit's duplicate is reported, once, instead.
func dropDerivedDuplicates(problems ErrorList, r *Records) ErrorList {
	dupUnits := map[string]bool{}
	for _, p := range problems {
		if errors.Is(p, ErrDuplicateID) && (p.Table == TableAccusations || p.Table == TableResponses) {
			dupUnits[p.ID] = true
		}
	}
	if len(dupUnits) == 0 {
		return problems
	}
	derived := map[string]bool{}
	for _, q := range r.Quotes() {
		if dupUnits[q.UnitID] {
			derived[q.QuoteID] = true
		}
	}
	return slices.DeleteFunc(problems, func(p *FieldError) bool {
		return p.Table == TableQuotes && errors.Is(p, ErrDuplicateID) && derived[p.ID]
	})
}

// checkTable applies each variable's type rules to every row and returns
// the set of the table's keys.
func (v *validator) checkTable(t *Table, rows []reflect.Value) map[string]bool {
	keys := map[string]bool{}
	if len(rows) == 0 {
		return keys
	}
	// Pair each variable with its struct field once, not per row.
	type slot struct {
		v     *Variable
		index int
	}
	var slots []slot
	keyIndex := -1
	for _, f := range FieldsOf(rows[0].Type()) {
		if f.Name == t.Key {
			keyIndex = f.Index
		}
		if v, ok := t.Variable(f.Name); ok && f.Name != "quotes" { // quotes are rows of their own table
			slots = append(slots, slot{v, f.Index})
		}
	}
	var firstRow map[string]int // each id's first row, built at the first duplicate only
	for _, row := range rows {
		pos := positionOf(row)
		id := ""
		if keyIndex >= 0 {
			id = row.Field(keyIndex).String()
		}
		for _, sl := range slots {
			v.checkValue(t.Name, id, pos, sl.v, row.Field(sl.index))
		}
		if id == "" {
			continue
		}
		if keys[id] {
			if firstRow == nil {
				firstRow = firstRows(rows, keyIndex)
			}
			detail := ""
			if where := positionOf(rows[firstRow[id]]).Field(t.Key).String(); where != "" {
				detail = "first used at " + where
			}
			v.report(t.Name, id, pos, t.Key, id, "each id once", ErrDuplicateID, detail)
			continue
		}
		keys[id] = true
	}
	return keys
}

// firstRows maps each key to the index of the first row that holds it.
func firstRows(rows []reflect.Value, keyIndex int) map[string]int {
	first := make(map[string]int, len(rows))
	for i, row := range rows {
		id := row.Field(keyIndex).String()
		if _, seen := first[id]; !seen {
			first[id] = i
		}
	}
	return first
}

// checkValue applies one variable's rules to one field.
func (v *validator) checkValue(table, id string, pos *Position, vr *Variable, fv reflect.Value) {
	missing := ErrMissing
	if vr.Type == TypeRef && vr.Ref == TableSources {
		missing = ErrMissingSource // every unit cites a source: say so in those words
	}
	// Switch on the kind, not on fv.Interface(): boxing every field of a
	// million records costs more than the checks.
	switch fv.Kind() {
	case reflect.String:
		x := fv.String()
		if x == "" {
			if vr.Required {
				v.report(table, id, pos, vr.Name, "", allowedFor(vr), missing, "")
			}
			return
		}
		v.checkScalar(table, id, pos, vr, vr.Name, -1, x)
	case reflect.Slice:
		n := fv.Len()
		if n == 0 && vr.Required {
			v.report(table, id, pos, vr.Name, "", allowedFor(vr), missing, "")
		}
		for i := 0; i < n; i++ {
			s := fv.Index(i).String()
			for j := 0; j < i; j++ {
				if fv.Index(j).String() == s {
					v.report(table, id, pos, fmt.Sprintf("%s[%d]", vr.Name, i), s, "each value once", ErrBadValue, "repeated in the list")
					break
				}
			}
			v.checkScalar(table, id, pos, vr, vr.Name, i, s)
		}
	case reflect.Struct: // a Date
		if vr.Required && Precision(fv.FieldByIndex(datePrecision).Uint()) == PrecisionNone {
			v.report(table, id, pos, vr.Name, "", allowedFor(vr), ErrMissing, "")
		}
	case reflect.Bool:
		if vr.Required && !pos.Has(vr.Name) {
			v.report(table, id, pos, vr.Name, "", "true or false", ErrMissing, "")
		}
	}
}

// datePrecision is the index of Date's Precision field.
var datePrecision = func() []int {
	f, _ := reflect.TypeFor[Date]().FieldByName("Precision")
	return f.Index
}()

// checkScalar checks one non-empty value against its variable's type:
// the field name's value, or its index-th element (index ≥ 0) for a list.
// References are checked later, once every table's ids are known.
func (v *validator) checkScalar(table, id string, pos *Position, vr *Variable, name string, index int, s string) {
	bad := func(kind error, detail string) {
		path := name
		if index >= 0 {
			path = fmt.Sprintf("%s[%d]", name, index)
		}
		v.report(table, id, pos, path, s, allowedFor(vr), kind, detail)
	}
	switch vr.Type {
	case TypeID:
		if !isID(s) {
			bad(ErrBadValue, "")
		}
	case TypeEnum:
		if _, ok := vr.Value(s); !ok {
			bad(ErrUnknownCode, DidYouMean(s, vr.Codes()))
		}
	case TypeCountry:
		if !IsCountry(s) {
			detail := ""
			if IsBody(s) {
				detail = s + " is an international body: only an accuser may be one"
			}
			bad(ErrBadCountry, detail)
		}
	case TypeActor:
		if !IsActor(s) {
			bad(ErrBadActor, "")
		}
	case TypeURL:
		u, err := url.Parse(s)
		switch {
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \t\n\""):
			bad(ErrBadValue, "")
		case strings.HasSuffix(u.Hostname(), "."):
			// A fully qualified host name (example.com.) is the same
			// address, but URI validators (Frictionless's among them)
			// refuse it: the data package would not validate.
			bad(ErrBadValue, "the host name ends in a dot; write it without the dot (the same address)")
		}
	case TypeLanguage:
		if !languagePattern.MatchString(s) {
			bad(ErrBadValue, "")
		}
	case TypeCAMEO:
		if !cameoPattern.MatchString(s) {
			bad(ErrBadValue, "")
		}
	case TypeText:
		if strings.TrimSpace(s) != s || strings.TrimSpace(s) == "" {
			bad(ErrBadValue, "leading or trailing white space")
		} else if i := strings.IndexFunc(s, isControl); i >= 0 {
			bad(ErrBadValue, controlDetail(s, i))
		}
	}
}

// isControl reports whether r is a control character that text may not
// hold: all but the line breaks LF and CR. A tab is one of them: a TSV
// reader splits the field at it, a spreadsheet shows it as nothing, and
// no quote is printed with one; it comes from copying and pasting.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\r') || (r >= 0x7f && r <= 0x9f)
}

// controlDetail says which control character text holds, and where.
func controlDetail(s string, i int) string {
	at := utf8.RuneCountInString(s[:i]) + 1
	if s[i] == '\t' {
		return fmt.Sprintf("a tab at character %d; text may not hold tabs (write a space)", at)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return fmt.Sprintf("control character U+%04X at character %d; text may hold line breaks but no other control characters", r, at)
}

// allowedFor describes in words what a variable accepts, for messages.
func allowedFor(vr *Variable) string {
	switch vr.Type {
	case TypeID:
		return "lower-case letters, digits and single hyphens, e.g. prk-park-2018-r1"
	case TypeEnum:
		return strings.Join(vr.Codes(), ", ")
	case TypeCountry:
		return "an ISO 3166-1 alpha-3 code such as USA, GBR, RUS, PRK"
	case TypeActor:
		return "an ISO 3166-1 alpha-3 code such as USA, GBR, or an international body: " + strings.Join(bodyCodes(), ", ")
	case TypeDate:
		return "YYYY-MM-DD, YYYY-MM or YYYY"
	case TypeURL:
		return "an absolute http or https URL"
	case TypeLanguage:
		return "a BCP 47 tag such as en, ru, ko, pt-BR"
	case TypeCAMEO:
		return "a CAMEO event code of 2 to 4 digits, e.g. 016, 1125"
	case TypeRef:
		return "the id of a row of " + vr.Ref
	case TypeBool:
		return "true or false"
	}
	return "non-empty text"
}

// checkReferences checks every reference against the ids of its table,
// and that every record cites a source.
func (v *validator) checkReferences(r *Records, ids map[string]map[string]bool) {
	refs := func(table, id string, pos *Position, field string, targets []string, list []string) {
		v.checkRefs(ids, table, id, pos, field, targets, list)
	}
	sourcesOnly := []string{TableSources}
	for _, c := range r.Cases {
		refs(TableCases, c.CaseID, c.Pos, "sources", sourcesOnly, c.Sources)
	}
	for _, a := range r.Accusations {
		refs(TableAccusations, a.AccusationID, a.Pos, "case_id", []string{TableCases}, []string{a.CaseID})
		refs(TableAccusations, a.AccusationID, a.Pos, "sources", sourcesOnly, a.Sources)
		v.checkQuotes(TableAccusations, a.AccusationID, a.Pos, a.Quotes, a.Sources, ids[TableSources])
	}
	for _, s := range r.Responses {
		refs(TableResponses, s.ResponseID, s.Pos, "case_id", []string{TableCases}, []string{s.CaseID})
		refs(TableResponses, s.ResponseID, s.Pos, "responds_to", []string{TableAccusations}, []string{s.RespondsTo})
		refs(TableResponses, s.ResponseID, s.Pos, "sources", sourcesOnly, s.Sources)
		v.checkQuotes(TableResponses, s.ResponseID, s.Pos, s.Quotes, s.Sources, ids[TableSources])
	}
}

// checkRefs checks the references of one field (one id, or a list)
// against the ids of the target tables.
func (v *validator) checkRefs(ids map[string]map[string]bool, table, id string, pos *Position, field string, targets []string, list []string) {
	allowed := "the id of a row of " + strings.Join(targets, " or ")
	for i, ref := range list {
		if ref == "" {
			continue
		}
		found := false
		for _, t := range targets {
			found = found || ids[t][ref]
		}
		if !found {
			path := field
			if len(list) > 1 || field == "sources" {
				path = fmt.Sprintf("%s[%d]", field, i)
			}
			v.report(table, id, pos, path, ref, allowed, ErrDangling, "")
		}
	}
}

// checkSourceCases checks that every case, accusation and response cites
// sources of its own case. A source belongs to the case whose id its own
// id starts with (<case id>-s<n>, as the codebook has it); one that
// follows no case's pattern is left alone.
func (v *validator) checkSourceCases(r *Records, ids map[string]map[string]bool) {
	check := func(table, id string, pos *Position, caseID string, sources []string) {
		for i, sid := range sources {
			if caseID == "" || !ids[TableSources][sid] {
				continue // no case to compare with, or reported as dangling
			}
			if owner := sourceCase(sid, ids[TableCases]); owner != "" && owner != caseID {
				v.report(table, id, pos, fmt.Sprintf("sources[%d]", i), sid, "a source of case "+caseID+" ("+caseID+"-s<n>)", ErrInconsistent,
					"source "+sid+" belongs to case "+owner+"; list the document under this case's sources, with an id of this case, and cite that")
			}
		}
	}
	for _, c := range r.Cases {
		check(TableCases, c.CaseID, c.Pos, c.CaseID, c.Sources)
	}
	for _, a := range r.Accusations {
		check(TableAccusations, a.AccusationID, a.Pos, a.CaseID, a.Sources)
	}
	for _, s := range r.Responses {
		check(TableResponses, s.ResponseID, s.Pos, s.CaseID, s.Sources)
	}
}

// sourceCase returns the case a source id belongs to: the longest case id
// that, followed by "-s", starts it; "" when none does.
func sourceCase(sourceID string, cases map[string]bool) string {
	owner := ""
	for i := 0; ; {
		j := strings.Index(sourceID[i:], "-s")
		if j < 0 {
			return owner
		}
		if cases[sourceID[:i+j]] {
			owner = sourceID[:i+j]
		}
		i += j + 2
	}
}

// checkQuotes checks that each quote cites a source that its unit cites.
// A source that exists but is not in the unit's list is a different slip
// from one that does not exist, and is named as such.
func (v *validator) checkQuotes(table, id string, pos *Position, quotes []Quote, unitSources []string, sourceIDs map[string]bool) {
	for i, q := range quotes {
		field := fmt.Sprintf("quotes[%d].source_id", i)
		// A missing source_id is reported with the quotes table's rules.
		if q.SourceID == "" || slices.Contains(unitSources, q.SourceID) {
			continue
		}
		allowed := "one of the record's sources: " + strings.Join(unitSources, ", ")
		if sourceIDs[q.SourceID] {
			v.report(table, id, pos, field, q.SourceID, allowed, ErrInconsistent,
				fmt.Sprintf("source %s exists but is not in this %s's sources list; add it there, or cite one that is", q.SourceID, singular(table)))
			continue
		}
		v.report(table, id, pos, field, q.SourceID, allowed, ErrDangling, "the quote's source is not among the record's sources")
	}
}

// singular names one row of a table, for messages.
func singular(table string) string {
	return strings.TrimSuffix(table, "s") // responses → response, accusations → accusation
}

// checkAccusations applies the rules that tie an accusation's fields
// together.
func (v *validator) checkAccusations(r *Records) {
	for _, a := range r.Accusations {
		if i := slices.Index(a.EvidenceCited, "none_public"); i >= 0 && len(a.EvidenceCited) > 1 {
			others := slices.DeleteFunc(slices.Clone(a.EvidenceCited), func(e string) bool { return e == "none_public" })
			v.report(TableAccusations, a.AccusationID, a.Pos, fmt.Sprintf("evidence_cited[%d]", i), "none_public",
				"none_public alone, or only the kinds of evidence cited", ErrInconsistent, "no evidence cited publicly, beside "+strings.Join(others, ", "))
		}
		if a.Accuser != "" && a.Accuser == a.AccusedState {
			v.report(TableAccusations, a.AccusationID, a.Pos, "accused_state", a.AccusedState, "a state other than the accuser", ErrInconsistent, "")
		}
		if a.CaseID != "" && a.AccusationID != "" && !strings.HasPrefix(a.AccusationID, a.CaseID+"-a") {
			v.report(TableAccusations, a.AccusationID, a.Pos, "accusation_id", a.AccusationID, a.CaseID+"-a<number>", ErrInconsistent, "the id must start with its case id")
		}
	}
}

// checkResponses applies the rules that tie a response to its accusation
// and its fields to each other.
func (v *validator) checkResponses(r *Records) {
	accusations := map[string]*Accusation{}
	ambiguous := map[string]bool{} // ids of two accusations: reported as duplicates
	for i := range r.Accusations {
		id := r.Accusations[i].AccusationID
		if _, dup := accusations[id]; dup {
			ambiguous[id] = true
		}
		accusations[id] = &r.Accusations[i]
	}
	for _, s := range r.Responses {
		rep := func(field, value, allowed string, kind error, detail string) {
			v.report(TableResponses, s.ResponseID, s.Pos, field, value, allowed, kind, detail)
		}
		if s.CaseID != "" && s.ResponseID != "" && !strings.HasPrefix(s.ResponseID, s.CaseID+"-r") {
			rep("response_id", s.ResponseID, s.CaseID+"-r<number>", ErrInconsistent, "the id must start with its case id")
		}
		if s.Organ == "" && s.Observed != "no_response_found" {
			rep("organ", "", allowedFor(v.cb.MustVariable(TableResponses, "organ")), ErrMissing, "required unless observed is no_response_found")
		}
		v.checkObserved(s.ResponseID, s.Pos, s.Observed, s.Strategies)
		v.checkSilence(&s, rep)
		if s.RespondsTo == "" {
			if !s.Anticipatory {
				rep("responds_to", "", "the id of the accusation answered (empty only when anticipatory is true)", ErrMissing, "")
			}
			continue
		}
		a, ok := accusations[s.RespondsTo]
		if !ok || ambiguous[s.RespondsTo] {
			continue // reported as dangling, or as a duplicate: which one is meant is not known
		}
		if a.CaseID != s.CaseID {
			rep("responds_to", s.RespondsTo, "an accusation of case "+s.CaseID, ErrInconsistent, "the accusation belongs to case "+a.CaseID)
		}
		before := s.Date.Before(a.Date)
		switch {
		case before && !s.Anticipatory:
			rep("date", s.Date.String(), "on or after "+a.Date.String()+" (or set anticipatory: true)", ErrBeforeAccusation, "accusation "+a.AccusationID+" is dated "+a.Date.String())
		case s.Anticipatory && (a.Date.Before(s.Date) || (s.Date == a.Date && s.Date.Precision == PrecisionDay)):
			rep("anticipatory", "true", "false unless the response is dated before accusation "+a.AccusationID+" ("+a.Date.String()+")", ErrInconsistent, "")
		}
	}
}

// checkSilence applies the rules of a record of silence: it says what was
// searched and when, its link is not_applicable (and only its), and it is
// verified only when a quoted source states the silence.
func (v *validator) checkSilence(s *Response, rep func(field, value, allowed string, kind error, detail string)) {
	silent := s.Observed == "no_response_found"
	switch {
	case silent && s.Link != "" && s.Link != "not_applicable":
		rep("link", s.Link, "not_applicable", ErrInconsistent, "observed is no_response_found: there is no response to tie")
	case !silent && s.Link == "not_applicable" && s.Observed != "":
		rep("link", s.Link, "stated or inferred", ErrInconsistent, "not_applicable is for records of silence (observed is "+s.Observed+")")
	}
	if !silent {
		return
	}
	if len(s.Searched) == 0 {
		rep("searched", "", "the searches run: where, the query, what it found", ErrMissing, "required when observed is no_response_found")
	}
	if s.SearchedOn.IsZero() {
		rep("searched_on", "", "the date of the search (YYYY-MM-DD)", ErrMissing, "required when observed is no_response_found")
	}
	if s.Verified && len(s.Quotes) == 0 {
		rep("verified", "true", "false, unless a quote shows a source stating the silence", ErrInconsistent, "a search that found nothing is not a verified fact")
	}
}

// checkEvidence requires every strategy of a response to be named in the
// codes of one of its quotes, and every quote's codes to be among its
// response's strategies; an accusation's quotes carry no codes.
func (v *validator) checkEvidence(r *Records) {
	for _, a := range r.Accusations {
		for i, q := range a.Quotes {
			if len(q.Codes) > 0 {
				v.report(TableAccusations, a.AccusationID, quotePos(q, a.Pos), fmt.Sprintf("quotes[%d].codes", i), strings.Join(q.Codes, ", "),
					"no codes (strategies are coded on responses)", ErrInconsistent, "")
			}
		}
	}
	known := v.cb.MustVariable(TableResponses, "strategies").Codes()
	isKnown := func(code string) bool { return slices.Contains(known, code) }
	for _, s := range r.Responses {
		if !all(s.Strategies, isKnown) {
			continue // the unknown code is reported; comparing with it would only echo it
		}
		evidenced := map[string]bool{}
		for i, q := range s.Quotes {
			for j, code := range q.Codes {
				evidenced[code] = true
				if isKnown(code) && !slices.Contains(s.Strategies, code) {
					allowed := "one of the response's strategies: " + strings.Join(s.Strategies, ", ")
					if len(s.Strategies) == 0 {
						allowed = "no codes (the response has no strategies)"
					}
					v.report(TableResponses, s.ResponseID, quotePos(q, s.Pos), fmt.Sprintf("quotes[%d].codes[%d]", i, j), code, allowed, ErrInconsistent,
						"add it to strategies if the quote evidences it, or remove it from the quote")
				}
			}
		}
		if s.Observed != "responded" {
			continue
		}
		for i, code := range s.Strategies {
			if evidenced[code] {
				continue
			}
			var ids []string
			for _, q := range s.Quotes {
				ids = append(ids, q.QuoteID)
			}
			detail := "no quote names it in its codes; quotes: " + strings.Join(ids, ", ")
			if len(ids) == 0 {
				detail = "the response has no quotes"
			}
			v.report(TableResponses, s.ResponseID, s.Pos, fmt.Sprintf("strategies[%d]", i), code,
				"a strategy that one of the response's quotes evidences (codes: ["+code+"] on that quote), or drop the code", ErrUnevidenced, detail)
		}
	}
}

// all reports whether every item satisfies ok.
func all(items []string, ok func(string) bool) bool {
	for _, it := range items {
		if !ok(it) {
			return false
		}
	}
	return true
}

// quotePos is where a quote stands, or its unit's position when the quote
// has none.
func quotePos(q Quote, unit *Position) *Position {
	if q.Pos != nil {
		return q.Pos
	}
	return unit
}

// checkAnswered requires at least one response record for every
// accusation: a response, a declined comment or a record of silence.
func (v *validator) checkAnswered(r *Records) {
	answered := map[string]bool{}
	for _, s := range r.Responses {
		answered[s.RespondsTo] = true
	}
	v.reportUnanswered(r.Accusations, answered)
}

// reportUnanswered reports the accusations whose ids answered lacks.
func (v *validator) reportUnanswered(accusations []Accusation, answered map[string]bool) {
	for _, a := range accusations {
		if a.AccusationID != "" && !answered[a.AccusationID] {
			v.report(TableAccusations, a.AccusationID, a.Pos, "accusation_id", a.AccusationID,
				"an accusation with at least one response record (observed: responded, declined_comment or no_response_found)", ErrUnanswered,
				"add a response whose responds_to is "+a.AccusationID+"; if none was found, a no_response_found record listing what was searched")
		}
	}
}

// checkCited reports the sources that no case, accusation or response
// lists (a quote's source is always among its unit's, so those suffice).
func (v *validator) checkCited(r *Records) {
	cited := map[string]bool{}
	addCited(cited, r)
	v.reportUncited(r.Sources, cited)
}

// addCited adds to cited the sources the cases, accusations and responses
// of r list.
func addCited(cited map[string]bool, r *Records) {
	for _, c := range r.Cases {
		for _, id := range c.Sources {
			cited[id] = true
		}
	}
	for _, a := range r.Accusations {
		for _, id := range a.Sources {
			cited[id] = true
		}
	}
	for _, s := range r.Responses {
		for _, id := range s.Sources {
			if !cited[id] {
				cited[strings.Clone(id)] = true
			}
		}
	}
}

// reportUncited reports the sources whose ids cited lacks.
func (v *validator) reportUncited(sources []Source, cited map[string]bool) {
	for _, s := range sources {
		if s.SourceID != "" && !cited[s.SourceID] {
			v.report(TableSources, s.SourceID, s.Pos, "source_id", s.SourceID, "a source that a case, accusation or response lists in its sources",
				ErrUncited, "cite it where it is used, or remove it")
		}
	}
}

// checkObserved applies the rules that tie a response's strategies to
// what was observed: a response needs at least one strategy; a declined
// comment has none but non_denial; no response found has none.
func (v *validator) checkObserved(id string, pos *Position, observed string, strategies []string) {
	switch observed {
	case "responded":
		if len(strategies) == 0 {
			codes := v.cb.MustVariable(TableResponses, "strategies").Codes()
			v.report(TableResponses, id, pos, "strategies", "", strings.Join(codes, ", "), ErrNoStrategy, "code at least one strategy")
		}
	case "declined_comment", "no_response_found":
		for i, code := range strategies {
			if observed == "no_response_found" || code != "non_denial" {
				v.report(TableResponses, id, pos, fmt.Sprintf("strategies[%d]", i), code, "no strategies (non_denial only, for declined_comment)", ErrInconsistent, "observed is "+observed)
			}
		}
	}
}

// CheckField applies to one value of one row the rules Validate applies
// to that field alone: required or not, the variable's type (codes with
// the nearest ones, ids, countries, URLs, text), a list's items each once.
// value is a string, or a []string for a list. It is for readers that
// read some columns of a table (profile over Parquet), so that they
// refuse each value they use as validate would, with the same problem;
// pos locates the row, id is its key if known ("" otherwise).
func CheckField(table, id string, pos *Position, vr *Variable, value any) ErrorList {
	var v validator
	v.checkValue(table, id, pos, vr, reflect.ValueOf(value))
	return v.problems
}

// CheckReference checks a row's reference (field holding value) against
// the ids of the tables it may point to, as Validate does: ids maps a
// table name to its set of ids. An empty value is not a reference (its
// being required is CheckField's).
func CheckReference(table, id string, pos *Position, field, value string, ids map[string]map[string]bool, targets ...string) ErrorList {
	var v validator
	v.checkRefs(ids, table, id, pos, field, targets, []string{value})
	return v.problems
}

// CheckObserved applies Validate's rules that tie a response's strategies
// to its observed code (an observed response needs a strategy, and so
// on), for readers that read those two columns without the record.
func CheckObserved(cb *Codebook, id string, pos *Position, observed string, strategies []string) ErrorList {
	v := validator{cb: cb}
	v.checkObserved(id, pos, observed, strategies)
	return v.problems
}
