package dataset

import "github.com/rejoinder/rejoinder/schema"

// Index looks records up by id in constant time. Dataset's own lookups
// (Accusation, Case, Response, Source, AccusationsOf, ResponsesOf) scan the records,
// which is right for one lookup and quadratic for one lookup a row: an
// analysis that looks up every response's accusation builds an Index once.
// An Index is a snapshot: it points into the records as they were when it
// was built, so build it again after adding or renaming records.
type Index struct {
	cases         map[string]*schema.Case
	accusations   map[string]*schema.Accusation
	sources       map[string]*schema.Source
	responses     map[string]*schema.Response
	accusationsOf map[string][]*schema.Accusation
	responsesOf   map[string][]*schema.Response
}

// Index builds the index of the dataset's records.
func (ds *Dataset) Index() *Index {
	ix := &Index{
		cases:         make(map[string]*schema.Case, len(ds.Cases)),
		accusations:   make(map[string]*schema.Accusation, len(ds.Accusations)),
		sources:       make(map[string]*schema.Source, len(ds.Sources)),
		responses:     make(map[string]*schema.Response, len(ds.Responses)),
		accusationsOf: map[string][]*schema.Accusation{},
		responsesOf:   map[string][]*schema.Response{},
	}
	// The first record of an id wins, as with the scanning lookups.
	for i := range ds.Cases {
		if c := &ds.Cases[i]; ix.cases[c.CaseID] == nil {
			ix.cases[c.CaseID] = c
		}
	}
	for i := range ds.Accusations {
		a := &ds.Accusations[i]
		if ix.accusations[a.AccusationID] == nil {
			ix.accusations[a.AccusationID] = a
		}
		ix.accusationsOf[a.CaseID] = append(ix.accusationsOf[a.CaseID], a)
	}
	for i := range ds.Sources {
		if s := &ds.Sources[i]; ix.sources[s.SourceID] == nil {
			ix.sources[s.SourceID] = s
		}
	}
	for i := range ds.Responses {
		r := &ds.Responses[i]
		if ix.responses[r.ResponseID] == nil {
			ix.responses[r.ResponseID] = r
		}
		ix.responsesOf[r.CaseID] = append(ix.responsesOf[r.CaseID], r)
	}
	return ix
}

// Case returns the case with the given id, or nil.
func (ix *Index) Case(id string) *schema.Case { return ix.cases[id] }

// Accusation returns the accusation with the given id, or nil.
func (ix *Index) Accusation(id string) *schema.Accusation { return ix.accusations[id] }

// Response returns the response with the given id, or nil.
func (ix *Index) Response(id string) *schema.Response { return ix.responses[id] }

// Source returns the source with the given id, or nil.
func (ix *Index) Source(id string) *schema.Source { return ix.sources[id] }

// AccusationsOf returns the case's accusations in record order.
func (ix *Index) AccusationsOf(caseID string) []*schema.Accusation { return ix.accusationsOf[caseID] }

// ResponsesOf returns the case's responses in record order.
func (ix *Index) ResponsesOf(caseID string) []*schema.Response { return ix.responsesOf[caseID] }
