package dataset

import (
	"slices"
	"strings"
	"testing"
)

// Every example in the codebook is a passage of the dataset: a part of one
// of the named response's quotes. A positive example's quote evidences the
// code (names it in its codes) and a negative example's does not, so the
// codebook and the coding cannot drift apart.
func TestCodebookExamplesAreQuotes(t *testing.T) {
	ds := MustDefault()
	responses := map[string]int{}
	for i, r := range ds.Responses {
		responses[r.ResponseID] = i
	}
	for _, v := range ds.Codebook.Strategies() {
		check := func(kind string, unit, text string, wantCode bool) {
			i, ok := responses[unit]
			if !ok {
				t.Errorf("%s %s example: no response %s", v.Code, kind, unit)
				return
			}
			for _, q := range ds.Responses[i].Quotes {
				if strings.Contains(q.Text, text) {
					if got := slices.Contains(q.Codes, v.Code); got != wantCode {
						t.Errorf("%s %s example %q: quote %s has codes %v", v.Code, kind, text, q.QuoteID, q.Codes)
					}
					return
				}
			}
			t.Errorf("%s %s example %q is not in a quote of %s", v.Code, kind, text, unit)
		}
		for _, ex := range v.Positive {
			check("positive", ex.Unit, ex.Text, true)
		}
		for _, ex := range v.Negative {
			check("negative", ex.Unit, ex.Text, false)
		}
	}
}
