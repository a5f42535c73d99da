package exports

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// WriteDatasetDoc writes DATASET.md: the dataset's counts, then one
// paragraph per case saying what was alleged, by whom, and how the accused
// answered, with the case's counts. Everything in it is generated from the
// records, so it cannot drift from the data; a test compares the committed
// file with this output. codings, when given, add the section on coding and
// reliability (coding.Published for the embedded dataset).
func WriteDatasetDoc(w io.Writer, ds *dataset.Dataset, codings []coding.Coding) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# The rejoinder dataset, version %s\n\n", ds.Meta.Version)
	b.WriteString("Generated from the records by `make docs` (a test fails when this file and the data disagree).\n\n")
	fmt.Fprintf(&b, "%s\n\n", ds.Meta.Description)
	fmt.Fprintf(&b, "Codebook %s. Licence %s. Cite as: %s\n\n", ds.Codebook.Version, ds.Meta.License, ds.Meta.Citation)
	b.WriteString("| case | accuser | accused | accusations | responses | quotes | sources | first response lag (days) |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	summaries := make([]analysis.CaseSummary, len(ds.Cases))
	for i, c := range ds.Cases {
		s, err := analysis.Summarize(ds, c.CaseID)
		if err != nil {
			return err
		}
		summaries[i] = s
		lag := "–"
		if s.HasLag {
			lag = fmt.Sprint(s.FirstResponseLag)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %d | %d | %d | %d | %s |\n", c.CaseID, strings.Join(s.Accusers, ", "),
			strings.Join(s.AccusedStates, ", "), len(ds.AccusationsOf(c.CaseID)), len(ds.ResponsesOf(c.CaseID)),
			countQuotes(ds, c.CaseID), len(caseSources(ds, c.CaseID)), lag)
	}
	fmt.Fprintf(&b, "| **all** | | | %d | %d | %d | %d | |\n", len(ds.Accusations), len(ds.Responses), len(ds.Quotes()), len(ds.Sources))
	b.WriteString("\nResponses counts every response record, including records of silence (`no_response_found`) and\n" +
		"responses made before the accusation they anticipate; the lag is from the accusation answered to the\n" +
		"earliest response dated to the day.\n")
	writeCoverage(&b, ds)
	if err := writeReliability(&b, ds, codings); err != nil {
		return err
	}
	for i, c := range ds.Cases {
		b.WriteString("\n## " + c.Title + "\n\n")
		b.WriteString(caseParagraph(ds, &c, summaries[i]))
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// caseParagraph tells one case from its records.
func caseParagraph(ds *dataset.Dataset, c *schema.Case, s analysis.CaseSummary) string {
	var parts []string
	parts = append(parts, fmt.Sprintf("`%s`. %s", c.CaseID, strings.TrimSuffix(c.Summary, ".")+"."))
	for _, a := range ds.AccusationsOf(c.CaseID) {
		who := a.Accuser
		if len(a.CoAccusers) > 0 {
			who += " (with " + strings.Join(a.CoAccusers, ", ") + ")"
		}
		named := ""
		if len(a.AccusedPersons) > 0 {
			named = ", naming " + strings.Join(a.AccusedPersons, "; ")
		}
		evidence := ""
		if len(a.EvidenceCited) > 0 {
			evidence = "; evidence cited: " + strings.Join(a.EvidenceCited, ", ")
		}
		parts = append(parts, fmt.Sprintf("%s %s accused %s through %s (`%s`, by %s%s%s).",
			capitalize(datePhrase(a.Date)), who, a.AccusedState, a.InstrumentDetail, a.Instrument, a.AccuserOrgan, named, evidence))
	}
	responses := ds.ResponsesOf(c.CaseID)
	var observed, silent, anticipatory, unverified []string
	strategyCounts := map[string]int{}
	for _, r := range responses {
		switch {
		case r.Observed == "no_response_found":
			silent = append(silent, r.ResponseID)
		default:
			observed = append(observed, r.ResponseID)
			for _, st := range r.Strategies {
				strategyCounts[st]++
			}
		}
		if r.Anticipatory {
			anticipatory = append(anticipatory, r.ResponseID)
		}
		if !r.Verified {
			unverified = append(unverified, r.ResponseID)
		}
	}
	if len(observed) > 0 {
		var strat []string
		for _, st := range ds.Codebook.Strategies() {
			if n := strategyCounts[st.Code]; n > 0 {
				strat = append(strat, fmt.Sprintf("%s (%d)", st.Code, n))
			}
		}
		first := ""
		if s.HasLag {
			first = fmt.Sprintf(" The first response dated to the day came %s, %d day(s) after the accusation it answers.", datePhrase(s.FirstResponse), s.FirstResponseLag)
		}
		parts = append(parts, fmt.Sprintf("%s answered in %d recorded response(s), through %s.%s Strategies used: %s.",
			strings.Join(respondersOf(responses), ", "), len(observed), strings.Join(s.Organs, ", "), first, strings.Join(strat, ", ")))
	}
	if len(silent) > 0 {
		parts = append(parts, fmt.Sprintf("No response was found for %d accusation(s) (%s): silence is recorded, not dropped.", len(silent), strings.Join(silent, ", ")))
	}
	if len(anticipatory) > 0 {
		parts = append(parts, fmt.Sprintf("Made before the accusation they anticipate, and so without a lag: %s.", strings.Join(anticipatory, ", ")))
	}
	if len(unverified) > 0 {
		parts = append(parts, fmt.Sprintf("Marked unverified: %s.", strings.Join(unverified, ", ")))
	}
	parts = append(parts, fmt.Sprintf("Counts: %d accusation(s), %d response record(s), %d quote(s), %d source(s).",
		len(ds.AccusationsOf(c.CaseID)), len(responses), countQuotes(ds, c.CaseID), len(caseSources(ds, c.CaseID))))
	return strings.Join(parts, " ") + "\n"
}

// datePhrase says when, to the date's precision: "on 2018-09-14", "in 2018-09".
func datePhrase(d schema.Date) string {
	switch d.Precision {
	case schema.PrecisionDay:
		return "on " + d.String()
	case schema.PrecisionMonth, schema.PrecisionYear:
		return "in " + d.String()
	}
	return "at an unknown date"
}

// capitalize upper-cases the first letter, for a phrase that starts a sentence.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func respondersOf(rs []*schema.Response) []string {
	var out []string
	for _, r := range rs {
		if r.Observed != "no_response_found" && !slices.Contains(out, r.Responder) {
			out = append(out, r.Responder)
		}
	}
	return out
}

func countQuotes(ds *dataset.Dataset, caseID string) int {
	n := 0
	for _, q := range ds.Quotes() {
		if q.CaseID == caseID {
			n++
		}
	}
	return n
}

// caseSources returns the ids of the sources the case's records cite.
func caseSources(ds *dataset.Dataset, caseID string) []string {
	var ids []string
	add := func(list []string) {
		for _, id := range list {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	c, _ := ds.Case(caseID)
	if c != nil {
		add(c.Sources)
	}
	for _, a := range ds.AccusationsOf(caseID) {
		add(a.Sources)
	}
	for _, r := range ds.ResponsesOf(caseID) {
		add(r.Sources)
	}
	return ids
}
