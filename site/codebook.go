package site

import (
	"strings"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// codebookPage is the codebook as its page shows it.
type codebookPage struct {
	Strategies  []strategyView
	CodingRules []string
	PairRules   []schema.PairRule
	Tables      []schema.Table
	Reliability *reliabilityView // nil without codings
}

// strategyView is one strategy code with its examples linked to the
// quotes they cite.
type strategyView struct {
	V        schema.Value
	Positive []exampleView
	Negative []exampleView
	Uses     int // the quotes of the dataset that evidence it
}

// exampleView is a codebook example with the link to the quote it cites
// (or to its response when the words are not found in one quote).
type exampleView struct {
	E    schema.Example
	Link string // "" when the response is not in this dataset
}

// codebookView arranges the codebook of ds for its page.
func codebookView(m *model, ds *dataset.Dataset) codebookPage {
	ix := ds.Index()
	uses := map[string]int{}
	for _, c := range m.Cases {
		for _, r := range c.Responses {
			for _, q := range r.Quotes {
				for _, code := range q.Q.Codes {
					uses[code]++
				}
			}
		}
	}
	p := codebookPage{CodingRules: ds.Codebook.CodingRules, PairRules: ds.Codebook.PairRules, Tables: ds.Codebook.Tables}
	for _, v := range ds.Codebook.Strategies() {
		p.Strategies = append(p.Strategies, strategyView{
			V: v, Positive: examplesOf(ix, v.Positive), Negative: examplesOf(ix, v.Negative), Uses: uses[v.Code],
		})
	}
	return p
}

// examplesOf links each example to the quote of its response that holds
// its words.
func examplesOf(ix *dataset.Index, examples []schema.Example) []exampleView {
	out := make([]exampleView, len(examples))
	for i, e := range examples {
		out[i] = exampleView{E: e, Link: exampleLink(ix, e)}
	}
	return out
}

// exampleLink is the URL of the quote an example cites: the case page
// with the quote's id as fragment, or the response's id when no single
// quote holds the words; "" when the response is not in the dataset.
func exampleLink(ix *dataset.Index, e schema.Example) string {
	r := ix.Response(e.Unit)
	if r == nil {
		return ""
	}
	for _, q := range r.Quotes {
		if strings.Contains(q.Text, e.Text) {
			return CasePage(r.CaseID) + "#" + q.QuoteID
		}
	}
	return CasePage(r.CaseID) + "#" + r.ResponseID
}
