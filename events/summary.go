package events

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/frame"
	"github.com/rejoinder/rejoinder/schema"
)

// Groupings of Summarize.
const (
	ByDyad = "dyad" // one row per accuser → accused
	ByYear = "year" // one row per year of the accusation
)

// group accumulates one summary row.
type group struct {
	accusations, answered, responses int
	firstLags                        []int
	byType                           []int // accusations answered with each of ResponseTypes
}

func (g *group) add(t *Tally) {
	g.accusations++
	g.responses += t.Responses
	if t.Responses == 0 {
		return
	}
	g.answered++
	g.firstLags = append(g.firstLags, t.FirstLag)
	for i, n := range t.ByType {
		if n > 0 {
			g.byType[i]++
		}
	}
}

// median returns the median of xs (sorting them), or NaN for none.
func median(xs []int) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return float64(xs[m])
	}
	return float64(xs[m-1]+xs[m]) / 2
}

// Summarize counts, per dyad (accuser → accused) or per year of the
// accusation, how often and how fast accusations were answered:
// accusations; answered (with at least one response in the window);
// answered_share; responses (pairs); median_first_lag_days (median over
// the answered accusations of the lag to their first response, NaN when
// none was answered); then, per response type, the accusations answered
// with at least one response of that type. Dyads are sorted by
// accusations, most first, then by accuser and accused; years in order.
// It counts pairs without listing them (see Tallies): Store.Tallies, or
// Source.Tallies for imported pairs.
func Summarize(src Tallies, by string) (dataframe.DataFrame, error) {
	if by != ByDyad && by != ByYear {
		return dataframe.DataFrame{}, fmt.Errorf("unknown grouping %q (allowed: %s, %s)", by, ByDyad, ByYear)
	}
	type key struct {
		accuser, accused string
		year             int
	}
	groups := map[key]*group{}
	err := src(func(a Accusation, t *Tally) error {
		k := key{year: a.Date.Year()}
		if by == ByDyad {
			k = key{accuser: a.Accuser, accused: a.Accused}
		}
		g := groups[k]
		if g == nil {
			g = &group{byType: make([]int, len(ResponseTypes))}
			groups[k] = g
		}
		g.add(t)
		return nil
	})
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	keys := make([]key, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y key) int {
		if by == ByYear {
			return cmp.Compare(x.year, y.year)
		}
		return cmp.Or(cmp.Compare(groups[y].accusations, groups[x].accusations),
			cmp.Compare(x.accuser, y.accuser), cmp.Compare(x.accused, y.accused))
	})
	n := len(keys)
	accuser, accused, years := make([]string, n), make([]string, n), make([]int, n)
	accs, answered, responses := make([]int, n), make([]int, n), make([]int, n)
	share, med := make([]float64, n), make([]float64, n)
	byType := make([][]int, len(ResponseTypes))
	for t := range byType {
		byType[t] = make([]int, n)
	}
	for i, k := range keys {
		g := groups[k]
		accuser[i], accused[i], years[i] = k.accuser, k.accused, k.year
		accs[i], answered[i], responses[i] = g.accusations, g.answered, g.responses
		share[i] = float64(g.answered) / float64(g.accusations)
		med[i] = median(g.firstLags)
		for t := range byType {
			byType[t][i] = g.byType[t]
		}
	}
	var cols []series.Series
	if by == ByDyad {
		cols = append(cols, series.New(accuser, series.String, "accuser"), series.New(accused, series.String, "accused"))
	} else {
		cols = append(cols, series.New(years, series.Int, "year"))
	}
	cols = append(cols,
		series.New(accs, series.Int, "accusations"),
		series.New(answered, series.Int, "answered"),
		series.New(share, series.Float, "answered_share"),
		series.New(responses, series.Int, "responses"),
		series.New(med, series.Float, "median_first_lag_days"))
	for t, name := range ResponseTypes {
		cols = append(cols, series.New(byType[t], series.Int, name))
	}
	return frame.New(cols...)
}

// MatchCases sets each curated accusation of ds beside the event data:
// the event accusations of the same dyad (accuser → accused state) dated
// within matchDays of the curated accusation's date, and the responses
// the pairing found for them. Curated codes are ISO 3166-1 alpha-3, as
// are the stored events' (GDELT's non-ISO codes of states are mapped at
// ingest; see the package documentation).
//
// Columns: accusation_id, case_id, accuser, accused, date; matched_on
// (the date range searched, or why the accusation was not matched: a date
// not exact to the day); curated_first_response and
// curated_first_lag_days (the first observed, dated, non-anticipatory
// curated response); event_accusations and event_answered (matched event
// accusations, and those answered); event_responses (distinct response
// events paired with them); event_first_response and
// event_first_lag_days (the earliest of those, and its days from the
// curated date, negative when the event data dated it earlier); then per
// response type the distinct response events of that type. Rows in the
// dataset's accusation order.
func MatchCases(src Source, ds *dataset.Dataset, matchDays int) (dataframe.DataFrame, error) {
	if matchDays < 0 {
		return dataframe.DataFrame{}, fmt.Errorf("%w: match within %d days (allowed: 0 or more)", ErrWindow, matchDays)
	}
	type match struct {
		day       Day
		ok        bool
		accs, ans int
		first     Day
		resp      map[int64]string // response id → type
	}
	curated := ds.Accusations
	ms := make([]match, len(curated))
	byDyad := map[[2]string][]int{}
	for i, c := range curated {
		if c.Date.Precision != schema.PrecisionDay {
			continue
		}
		ms[i] = match{day: DayOf(c.Date.Year, c.Date.Month, c.Date.Day), ok: true, resp: map[int64]string{}}
		k := [2]string{c.Accuser, c.AccusedState}
		byDyad[k] = append(byDyad[k], i)
	}
	err := src(func(a Accusation, rs []Response) error {
		for _, i := range byDyad[[2]string{a.Accuser, a.Accused}] {
			m := &ms[i]
			if d := int(a.Date - m.day); d < -matchDays || d > matchDays {
				continue
			}
			m.accs++
			if len(rs) > 0 {
				m.ans++
			}
			for _, r := range rs {
				if len(m.resp) == 0 || r.Date < m.first {
					m.first = r.Date
				}
				m.resp[r.ID] = r.Type
			}
		}
		return nil
	})
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	// The curated first response of each accusation.
	firstCurated := map[string]schema.Date{}
	for _, r := range ds.Responses {
		if r.Observed != "responded" || r.Anticipatory || r.Date.Precision != schema.PrecisionDay {
			continue
		}
		if f, ok := firstCurated[r.RespondsTo]; !ok || r.Date.Time().Before(f.Time()) {
			firstCurated[r.RespondsTo] = r.Date
		}
	}
	n := len(curated)
	ids, cases, accuser, accused, date, on := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	curFirst, evFirst := make([]string, n), make([]string, n)
	curLag, evAccs, evAns, evResp, evLag := make([]any, n), make([]any, n), make([]any, n), make([]any, n), make([]any, n)
	byType := make([][]any, len(ResponseTypes))
	for t := range byType {
		byType[t] = make([]any, n)
	}
	for i, c := range curated {
		ids[i], cases[i], accuser[i], accused[i], date[i] = c.AccusationID, c.CaseID, c.Accuser, c.AccusedState, c.Date.String()
		if f, ok := firstCurated[c.AccusationID]; ok {
			curFirst[i] = f.String()
			if lag, ok := schema.DaysBetween(c.Date, f); ok {
				curLag[i] = lag
			}
		}
		m := ms[i]
		if !m.ok {
			on[i] = "not matched: date not exact to the day"
			continue
		}
		on[i] = (m.day - Day(matchDays)).String() + " to " + (m.day + Day(matchDays)).String()
		evAccs[i], evAns[i], evResp[i] = m.accs, m.ans, len(m.resp)
		counts := make([]int, len(ResponseTypes))
		for _, t := range m.resp {
			counts[slices.Index(ResponseTypes, t)]++
		}
		for t := range byType {
			byType[t][i] = counts[t]
		}
		if len(m.resp) > 0 {
			evFirst[i] = m.first.String()
			evLag[i] = int(m.first - m.day)
		}
	}
	cols := []series.Series{
		series.New(ids, series.String, "accusation_id"),
		series.New(cases, series.String, "case_id"),
		series.New(accuser, series.String, "accuser"),
		series.New(accused, series.String, "accused"),
		series.New(date, series.String, "date"),
		series.New(on, series.String, "matched_on"),
		series.New(curFirst, series.String, "curated_first_response"),
		series.New(curLag, series.Int, "curated_first_lag_days"),
		series.New(evAccs, series.Int, "event_accusations"),
		series.New(evAns, series.Int, "event_answered"),
		series.New(evResp, series.Int, "event_responses"),
		series.New(evFirst, series.String, "event_first_response"),
		series.New(evLag, series.Int, "event_first_lag_days"),
	}
	for t, name := range ResponseTypes {
		cols = append(cols, series.New(byType[t], series.Int, "event_"+name))
	}
	return frame.New(cols...)
}

// itoa is strconv.Itoa, for brevity in SQL building.
func itoa(n int) string { return strconv.Itoa(n) }
