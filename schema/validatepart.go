package schema

import (
	"errors"
	"maps"
	"strings"
)

// PartValidator applies Validate's rules to a dataset whose responses are
// too many to hold at once: the cases, accusations and sources are held
// whole, and the responses, each with all of its quotes, come in batches.
// The rules are Validate's own functions, run on what each batch can
// settle, and Finish applies the rules on the whole tables that need
// every batch (every accusation answered, every source cited). Ids unique
// across batches are left to the caller, which sees every batch's ids.
type PartValidator struct {
	cb              *Codebook
	ids             map[string]map[string]bool
	accusations     []Accusation
	answered, cited map[string]bool // by the responses seen so far
}

// NewPartValidator prepares the checks of batches of responses against
// whole, which holds the cases, accusations and sources.
func NewPartValidator(cb *Codebook, whole *Records) *PartValidator {
	p := &PartValidator{cb: cb, ids: map[string]map[string]bool{}, accusations: whole.Accusations,
		answered: map[string]bool{}, cited: map[string]bool{}}
	for _, table := range []string{TableCases, TableAccusations, TableSources} {
		t, _ := cb.Table(table)
		p.ids[table] = (&validator{cb: cb}).checkTable(t, whole.Rows(table))
	}
	return p
}

// Validate returns the problems of one batch of responses, whose Quotes
// hold all of their quotes, as Validate would report them for those rows.
// Batches are given one at a time.
func (p *PartValidator) Validate(responses []Response) ErrorList {
	part := &Records{Responses: responses}
	for _, r := range responses {
		if !p.answered[r.RespondsTo] {
			p.answered[strings.Clone(r.RespondsTo)] = true
		}
	}
	addCited(p.cited, part)
	ids := map[string]map[string]bool{}
	for k, v := range p.ids {
		ids[k] = v
	}
	tables := &validator{cb: p.cb}
	for _, table := range []string{TableResponses, TableQuotes} {
		t, _ := p.cb.Table(table)
		ids[table] = tables.checkTable(t, part.Rows(table))
	}
	v := &validator{cb: p.cb, problems: tables.problems}
	v.checkReferences(part, ids)
	v.checkSourceCases(part, ids)
	v.checkResponses(&Records{Accusations: p.accusations, Responses: responses})
	v.checkEvidence(part)
	problems := dropDerivedDuplicates(v.problems, part)
	problems.Sort()
	return problems
}

// Finish returns the problems of whole (the cases, accusations with their
// quotes, and sources), as Validate reports them for a dataset that also
// holds every batch of responses given to Validate.
func (p *PartValidator) Finish(whole *Records) ErrorList {
	rest := *whole
	rest.Responses = nil
	v := &validator{cb: p.cb}
	for _, e := range Validate(p.cb, &rest) {
		if !errors.Is(e, ErrUnanswered) && !errors.Is(e, ErrUncited) {
			v.problems = append(v.problems, e)
		}
	}
	v.reportUnanswered(whole.Accusations, p.answered)
	cited := maps.Clone(p.cited)
	addCited(cited, &rest)
	v.reportUncited(whole.Sources, cited)
	v.problems.Sort()
	return v.problems
}
