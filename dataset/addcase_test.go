package dataset_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// newCase is a small case built in code, as a notebook would.
func newCase() (schema.Case, []schema.Source, []schema.Accusation, []schema.Response) {
	c := schema.Case{CaseID: "tst-code-2024", Title: "A case built in code", Summary: "Made up for a test.",
		IncidentType: "cyber_operation", Sources: []string{"tst-code-2024-s1"}}
	src := []schema.Source{{SourceID: "tst-code-2024-s1", Outlet: "Example Wire", URL: "https://example.org/code"}}
	acc := []schema.Accusation{{AccusationID: "tst-code-2024-a1", Accuser: "GBR", AccusedState: "RUS", AccuserOrgan: "foreign_ministry",
		Instrument: "attribution_statement", Date: schema.DayDate(2024, 5, 1), EvidenceDisclosure: "asserted",
		Sources: []string{"tst-code-2024-s1"}, Verified: true}}
	resp := []schema.Response{{ResponseID: "tst-code-2024-r1", RespondsTo: "tst-code-2024-a1", Link: "stated", Responder: "RUS",
		Date: schema.DayDate(2024, 5, 2), Organ: "mfa_spokesperson", Observed: "responded", Strategies: []string{"evidence_rejection"},
		Summary: "Calls it baseless.", Sources: []string{"tst-code-2024-s1"}, Verified: true,
		Quotes: []schema.Quote{{Text: "baseless", SourceID: "tst-code-2024-s1", Codes: []string{"evidence_rejection"}}}}}
	return c, src, acc, resp
}

// A case added in code counts in the analyses; the same records appended
// by hand, without the ids the loader fills in, are refused, not left out.
func TestAddCase(t *testing.T) {
	ds := dataset.MustDefault()
	c, src, acc, resp := newCase()
	byHand := dataset.MustDefault()
	byHand.Cases = append(byHand.Cases, c)
	byHand.Sources = append(byHand.Sources, src...)
	byHand.Accusations = append(byHand.Accusations, acc...)
	byHand.Responses = append(byHand.Responses, resp...)
	if _, err := analysis.Summarize(byHand, c.CaseID); !errors.Is(err, dataset.ErrIncomplete) {
		t.Errorf("Summarize of records appended by hand: %v, want ErrIncomplete", err)
	}
	if _, err := analysis.Responses(byHand); !errors.Is(err, dataset.ErrIncomplete) {
		t.Errorf("Responses of records appended by hand: %v, want ErrIncomplete", err)
	}
	if err := ds.AddCase(c, src, acc, resp); err != nil {
		t.Fatal(err)
	}
	s, err := analysis.Summarize(ds, c.CaseID)
	if err != nil || s.Responses != 1 || ds.Responses[len(ds.Responses)-1].Quotes[0].QuoteID != "tst-code-2024-r1-q1" {
		t.Errorf("after AddCase: %+v, %v", s, err)
	}

	// An invalid case leaves the dataset as it was, with every problem.
	bad := dataset.MustDefault()
	n := len(bad.Responses)
	c2, src2, acc2, resp2 := newCase()
	resp2[0].Strategies = []string{"denial"}
	err = bad.AddCase(c2, src2, acc2, resp2)
	var list schema.ErrorList
	if !errors.As(err, &list) || !slices.ContainsFunc(list, func(e *schema.FieldError) bool { return errors.Is(e, schema.ErrUnevidenced) }) || len(bad.Responses) != n {
		t.Errorf("AddCase of an invalid case: %v; %d responses, want %d", err, len(bad.Responses), n)
	}
}

// Add a case built in code and analyse it with the rest.
func ExampleDataset_AddCase() {
	ds := dataset.MustDefault()
	before := len(ds.Responses)
	c, src, acc, resp := newCase()
	if err := ds.AddCase(c, src, acc, resp); err != nil {
		fmt.Println(err)
		return
	}
	s, _ := analysis.Summarize(ds, "tst-code-2024")
	fmt.Println("responses added:", len(ds.Responses)-before)
	fmt.Println(s.CaseID, "answered", s.FirstResponseLag, "day(s) later, through", s.Organs, "with", s.Strategies)
	// Output:
	// responses added: 1
	// tst-code-2024 answered 1 day(s) later, through [mfa_spokesperson] with [evidence_rejection]
}
