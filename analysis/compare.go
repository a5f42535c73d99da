package analysis

import (
	"slices"
	"strconv"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/frame"
	"github.com/rejoinder/rejoinder/schema"
)

// CaseSummary is what one case looks like from a comparative distance:
// who accused whom, how, on what evidence, and how the accused answered.
// Lists keep codebook order (codes) or first-appearance order (states,
// organs).
type CaseSummary struct {
	CaseID         string
	Title          string
	Accusers       []string // ISO3, first-appearance order, co-accusers included
	AccusedStates  []string
	AccusedPersons []string
	Instruments    []string
	EvidenceCited  []string
	FirstAccused   schema.Date // date of the earliest accusation
	FirstResponse  schema.Date // date of the earliest non-anticipatory response
	// FirstResponseLag is the days from the accusation answered to the
	// earliest non-anticipatory response with a day-exact date; HasLag
	// is false when no such response exists.
	FirstResponseLag int
	HasLag           bool
	Responses        int // observed responses (observed = responded)
	Anticipatory     int // responses made before the accusation they anticipate
	Organs           []string
	Strategies       []string
}

// Summarize gathers a case's CaseSummary.
func Summarize(ds *dataset.Dataset, caseID string) (CaseSummary, error) {
	if err := ds.Complete(); err != nil {
		return CaseSummary{}, err
	}
	return SummarizeWith(ds, ColumnsOf(ds), caseID)
}

// SummarizeWith gathers a case's CaseSummary from the case and its
// accusations in ds and its responses in c: ds need not hold the
// responses, so a workbook can summarise a dataset too large to load whole
// (c from ReadColumns).
func SummarizeWith(ds *dataset.Dataset, c *Columns, caseID string) (CaseSummary, error) {
	cs, err := ds.Case(caseID)
	if err != nil {
		return CaseSummary{}, err
	}
	s := CaseSummary{CaseID: cs.CaseID, Title: cs.Title}
	var evidence, instruments []string
	for _, a := range ds.AccusationsOf(caseID) {
		s.Accusers = appendNew(s.Accusers, a.Accuser)
		for _, co := range a.CoAccusers {
			s.Accusers = appendNew(s.Accusers, co)
		}
		s.AccusedStates = appendNew(s.AccusedStates, a.AccusedState)
		for _, p := range a.AccusedPersons {
			s.AccusedPersons = appendNew(s.AccusedPersons, p)
		}
		instruments = appendNew(instruments, a.Instrument)
		evidence = append(evidence, a.EvidenceCited...)
		if !a.Date.IsZero() && (s.FirstAccused.IsZero() || a.Date.Time().Before(s.FirstAccused.Time())) {
			s.FirstAccused = a.Date
		}
	}
	s.Instruments = inCodebookOrder(c.cb.MustVariable(schema.TableAccusations, "instrument"), instruments)
	s.EvidenceCited = inCodebookOrder(c.cb.MustVariable(schema.TableAccusations, "evidence_cited"), evidence)
	var strategies uint32
	first := -1 // the earliest response whose lag is known
	for i := 0; i < c.N; i++ {
		if c.Case.At(i) != caseID || !c.Responded(i) {
			continue
		}
		s.Responses++
		if c.Anticipatory[i] {
			s.Anticipatory++
			continue
		}
		s.Organs = appendNew(s.Organs, c.Organ.At(i))
		strategies |= c.Strategies[i]
		d := c.Date.At(i)
		if !d.IsZero() && (s.FirstResponse.IsZero() || d.Time().Before(s.FirstResponse.Time())) {
			s.FirstResponse = d
		}
		if _, ok := c.Lag(i); ok && (first < 0 || c.Date.Days[i] < c.Date.Days[first]) {
			first = i
		}
	}
	s.Strategies = c.strategiesOf(strategies)
	// The first response is the earliest whose lag is known; a response
	// dated only to the month cannot be placed before it with certainty.
	if first >= 0 {
		s.FirstResponseLag, s.HasLag = c.Lag(first)
		s.FirstResponse = c.Date.At(first)
	}
	return s, nil
}

// SharedStrategies returns the strategies both cases use, in codebook
// order.
func SharedStrategies(a, b CaseSummary) []string {
	var out []string
	for _, s := range a.Strategies {
		if slices.Contains(b.Strategies, s) {
			out = append(out, s)
		}
	}
	return out
}

// CompareCases puts two cases side by side: one row per attribute, one
// column per case. Columns: attribute, then the two case ids. Rows, in
// this order: title, accuser, accused_state, accused_persons, instrument,
// evidence_cited, accusation_date, first_response_date,
// first_response_lag_days, responses, anticipatory_responses, organs,
// strategies, shared_strategies (the same in both columns). Lists are
// joined with "; ".
func CompareCases(ds *dataset.Dataset, a, b string) (dataframe.DataFrame, error) {
	return CompareCasesWith(ds, ColumnsOf(ds), a, b)
}

// CompareCasesWith is CompareCases with the responses taken from c (see
// SummarizeWith).
func CompareCasesWith(ds *dataset.Dataset, c *Columns, a, b string) (dataframe.DataFrame, error) {
	sa, err := SummarizeWith(ds, c, a)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	sb, err := SummarizeWith(ds, c, b)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	shared := strings.Join(SharedStrategies(sa, sb), "; ")
	rows := []struct {
		name string
		f    func(CaseSummary) string
	}{
		{"title", func(s CaseSummary) string { return s.Title }},
		{"accuser", func(s CaseSummary) string { return strings.Join(s.Accusers, "; ") }},
		{"accused_state", func(s CaseSummary) string { return strings.Join(s.AccusedStates, "; ") }},
		{"accused_persons", func(s CaseSummary) string { return strings.Join(s.AccusedPersons, "; ") }},
		{"instrument", func(s CaseSummary) string { return strings.Join(s.Instruments, "; ") }},
		{"evidence_cited", func(s CaseSummary) string { return strings.Join(s.EvidenceCited, "; ") }},
		{"accusation_date", func(s CaseSummary) string { return s.FirstAccused.String() }},
		{"first_response_date", func(s CaseSummary) string { return s.FirstResponse.String() }},
		{"first_response_lag_days", func(s CaseSummary) string {
			if !s.HasLag {
				return ""
			}
			return strconv.Itoa(s.FirstResponseLag)
		}},
		{"responses", func(s CaseSummary) string { return strconv.Itoa(s.Responses) }},
		{"anticipatory_responses", func(s CaseSummary) string { return strconv.Itoa(s.Anticipatory) }},
		{"organs", func(s CaseSummary) string { return strings.Join(s.Organs, "; ") }},
		{"strategies", func(s CaseSummary) string { return strings.Join(s.Strategies, "; ") }},
		{"shared_strategies", func(CaseSummary) string { return shared }},
	}
	names := make([]string, len(rows))
	va, vb := make([]string, len(rows)), make([]string, len(rows))
	for i, r := range rows {
		names[i], va[i], vb[i] = r.name, r.f(sa), r.f(sb)
	}
	colB := b
	if a == b {
		colB = b + " (2)" // gota needs distinct column names
	}
	return frame.New(
		series.New(names, series.String, "attribute"),
		series.New(va, series.String, a),
		series.New(vb, series.String, colB),
	)
}

func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// inCodebookOrder returns the distinct values in the order the codebook
// lists them.
func inCodebookOrder(v *schema.Variable, values []string) []string {
	var out []string
	for _, code := range v.Codes() {
		if slices.Contains(values, code) {
			out = append(out, code)
		}
	}
	return out
}
