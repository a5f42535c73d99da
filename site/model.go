package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// model is the dataset arranged for the pages: cases sorted by id, each
// with its accusations and its responses in time order.
type model struct {
	Meta            dataset.Metadata
	CodebookVersion string
	ContentHash     string
	Cases           []*caseView
	Responses       int
	Quotes          int
}

// caseView is one case's page.
type caseView struct {
	Case        *schema.Case
	Accusations []accusationView
	Responses   []responseView
	Sources     []*schema.Source
}

// accusationView is an accusation with its quotes.
type accusationView struct {
	A      *schema.Accusation
	Date   string
	Quotes []quoteView
}

// responseView is a response as its case page shows it.
type responseView struct {
	R        *schema.Response
	Date     string // with its precision, or "undated"
	Timeline string // days since the accusation, or why it is not known
	Silence  bool   // a record of silence: what was searched, not what was said
	Quotes   []quoteView
	Searched []string
}

// quoteView is a quote with the source that prints it.
type quoteView struct {
	Q      schema.Quote
	Source *schema.Source
}

// newModel arranges ds for the pages.
func newModel(ds *dataset.Dataset, _ Options) *model {
	m := &model{Meta: ds.Meta, CodebookVersion: ds.Codebook.Version, ContentHash: ds.ContentHash()}
	ix := ds.Index()
	// Each case's records, gathered in one pass: asking the dataset case
	// by case would read every record once per case.
	accusations := map[string][]*schema.Accusation{}
	for i := range ds.Accusations {
		a := &ds.Accusations[i]
		accusations[a.CaseID] = append(accusations[a.CaseID], a)
	}
	responses := map[string][]*schema.Response{}
	for i := range ds.Responses {
		r := &ds.Responses[i]
		responses[r.CaseID] = append(responses[r.CaseID], r)
	}
	cases := slices.Clone(ds.Cases)
	slices.SortFunc(cases, func(a, b schema.Case) int { return strings.Compare(a.CaseID, b.CaseID) })
	for i := range cases {
		c := &cases[i]
		cv := &caseView{Case: c}
		for _, a := range accusations[c.CaseID] {
			cv.Accusations = append(cv.Accusations, accusationView{A: a, Date: dateLabel(a.Date), Quotes: quotesOf(ix, a.Quotes)})
		}
		for _, r := range responses[c.CaseID] {
			cv.Responses = append(cv.Responses, responseOf(ix, r))
			m.Quotes += len(r.Quotes)
		}
		slices.SortStableFunc(cv.Responses, byTime)
		cv.Sources = sourcesOf(ix, c, cv)
		m.Responses += len(cv.Responses)
		m.Cases = append(m.Cases, cv)
	}
	return m
}

// byTime orders responses by date (a coarser date before the finer dates
// it contains, undated last), then by id.
func byTime(a, b responseView) int {
	da, db := a.R.Date, b.R.Date
	if da.IsZero() != db.IsZero() {
		if da.IsZero() {
			return 1
		}
		return -1
	}
	if c := cmp.Or(cmp.Compare(da.Year, db.Year), cmp.Compare(da.Month, db.Month), cmp.Compare(da.Day, db.Day)); c != 0 {
		return c
	}
	return strings.Compare(a.R.ResponseID, b.R.ResponseID)
}

// responseOf arranges one response.
func responseOf(ix *dataset.Index, r *schema.Response) responseView {
	return responseView{
		R: r, Date: dateLabel(r.Date), Timeline: timelineLabel(ix, r),
		Silence: r.Observed == "no_response_found", Quotes: quotesOf(ix, r.Quotes), Searched: r.Searched,
	}
}

// quotesOf pairs each quote with its source.
func quotesOf(ix *dataset.Index, qs []schema.Quote) []quoteView {
	out := make([]quoteView, len(qs))
	for i, q := range qs {
		out[i] = quoteView{Q: q, Source: ix.Source(q.SourceID)}
	}
	return out
}

// dateLabel shows a date as precisely as it is known, and says so when
// it is coarser than a day.
func dateLabel(d schema.Date) string {
	switch d.Precision {
	case schema.PrecisionNone:
		return "undated"
	case schema.PrecisionDay:
		return d.String()
	}
	return fmt.Sprintf("%s (%s only)", d, d.Precision)
}

// timelineLabel is the response's place on the case's timeline: the days
// since the accusation it answers, or why that is not known.
func timelineLabel(ix *dataset.Index, r *schema.Response) string {
	if days, ok := analysis.LagFrom(ix.Accusation(r.RespondsTo), r); ok {
		if days == 1 {
			return "day 1 (1 day after the accusation)"
		}
		return fmt.Sprintf("day %d (%d days after the accusation)", days, days)
	}
	switch {
	case r.Anticipatory:
		return "before the accusation (anticipatory)"
	case r.RespondsTo == "":
		return "answers no single accusation"
	case r.Date.IsZero():
		return "undated: days since the accusation unknown"
	}
	return "days since the accusation unknown: a date is not exact to the day"
}

// actorLabel is a state's or body's code with its name.
func actorLabel(code string) string {
	if name := schema.ActorName(code); name != "" {
		return code + " (" + name + ")"
	}
	return code
}

// sourcesOf is every source the case's page cites (the case's, its
// accusations' and its responses'), once each, sorted by id.
func sourcesOf(ix *dataset.Index, c *schema.Case, cv *caseView) []*schema.Source {
	ids := slices.Clone(c.Sources)
	for _, a := range cv.Accusations {
		ids = append(ids, a.A.Sources...)
	}
	for _, r := range cv.Responses {
		ids = append(ids, r.R.Sources...)
	}
	slices.Sort(ids)
	var out []*schema.Source
	for _, id := range slices.Compact(ids) {
		if s := ix.Source(id); s != nil {
			out = append(out, s)
		}
	}
	return out
}
