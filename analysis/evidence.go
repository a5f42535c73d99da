package analysis

import (
	"fmt"
	"slices"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/frame"
)

// Evidence lists, for the responses of the given cases (all cases when
// none is given), every strategy code with each quote that evidences it:
// the audit trail from a code to the statement's words. One row per
// response, strategy and quote, in dataset order, strategies in the
// response's order. Columns: case_id, response_id, strategy, quote_id,
// text, source_id.
func Evidence(ds *dataset.Dataset, cases ...string) (dataframe.DataFrame, error) {
	for _, c := range cases {
		if _, err := ds.Case(c); err != nil {
			return dataframe.DataFrame{}, err
		}
	}
	var cas, resp, strat, qid, text, src []string
	for _, r := range ds.Responses {
		if len(cases) > 0 && !slices.Contains(cases, r.CaseID) {
			continue
		}
		for _, code := range r.Strategies {
			for _, q := range r.Quotes {
				if !slices.Contains(q.Codes, code) {
					continue
				}
				cas, resp, strat = append(cas, r.CaseID), append(resp, r.ResponseID), append(strat, code)
				qid, text, src = append(qid, q.QuoteID), append(text, q.Text), append(src, q.SourceID)
			}
		}
	}
	if len(cas) == 0 {
		return dataframe.DataFrame{}, fmt.Errorf("%w: no coded response in %v", ErrEmptySelection, cases)
	}
	return frame.New(
		series.New(cas, series.String, "case_id"),
		series.New(resp, series.String, "response_id"),
		series.New(strat, series.String, "strategy"),
		series.New(qid, series.String, "quote_id"),
		series.New(text, series.String, "text"),
		series.New(src, series.String, "source_id"),
	)
}
