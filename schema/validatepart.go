package schema

// PartValidator applies Validate's rules to a dataset whose responses are
// too many to hold at once: the cases, accusations and sources are held
// whole, and the responses, each with all of its quotes, come in batches.
// The rules are Validate's own functions, run on what each batch can
// settle; what needs every batch — ids unique across batches, every
// accusation answered, every source cited — is left to the caller
// (Validate on the whole tables with stand-ins for the responses, say).
type PartValidator struct {
	cb          *Codebook
	ids         map[string]map[string]bool
	accusations []Accusation
}

// NewPartValidator prepares the checks of batches of responses against
// whole, which holds the cases, accusations and sources.
func NewPartValidator(cb *Codebook, whole *Records) *PartValidator {
	p := &PartValidator{cb: cb, ids: map[string]map[string]bool{}, accusations: whole.Accusations}
	for _, table := range []string{TableCases, TableAccusations, TableSources} {
		t, _ := cb.Table(table)
		p.ids[table] = (&validator{cb: cb}).checkTable(t, whole.Rows(table))
	}
	return p
}

// Validate returns the problems of one batch of responses, whose Quotes
// hold all of their quotes, as Validate would report them for those rows.
func (p *PartValidator) Validate(responses []Response) ErrorList {
	part := &Records{Responses: responses}
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
