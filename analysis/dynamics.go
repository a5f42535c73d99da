package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/internal/frame"
	"github.com/rejoinder/rejoinder/schema"
)

// DefaultWindows returns the spans, in days from the accusation answered,
// over which Dynamics counts responses: within 1 day means the same day
// (lag 0), within 7 days a lag of 0 to 6, within 30 days 0 to 29. Each
// call returns a new slice.
func DefaultWindows() []int { return []int{1, 7, 30} }

// Windows held the spans Dynamics used.
//
// Deprecated: Dynamics no longer reads it (a package variable changed the
// result for every caller); it uses DefaultWindows, and DynamicsIn takes
// the windows as an argument.
var Windows = DefaultWindows()

// Dynamics describes, per case, how fast and in what order the accused
// answered. Lags run from the accusation each response answers to the
// response, and are known only when both dates are exact to the day and
// the response is not anticipatory.
//
// Columns: case_id; first_accusation (date); responses (observed);
// lag_unknown (observed responses whose lag is not known); first_lag_days;
// then for each window W in DefaultWindows(): responses_Wd and strategies_Wd (the
// codes used within it, joined by "; "); first_threat_lag_days and
// first_reciprocal_lag_days (the first threat_warning and
// reciprocal_measure). Missing lags are NaN. Cases sorted by id.
func Dynamics[S Source](src S, f Filter) (dataframe.DataFrame, error) {
	return DynamicsIn(src, f, DefaultWindows())
}

// DynamicsIn is Dynamics over the given windows (days; each at least 1).
func DynamicsIn[S Source](src S, f Filter, windows []int) (dataframe.DataFrame, error) {
	c, err := columnsOf(src, f)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	return c.DynamicsIn(f, windows)
}

// Dynamics describes the columns' cases.
//
// Deprecated: call analysis.Dynamics(c, ...) instead: one function serves a
// dataset, its columns and a Parquet directory alike.
func (c *Columns) Dynamics(f Filter) (dataframe.DataFrame, error) {
	return c.DynamicsIn(f, DefaultWindows())
}

// DynamicsIn describes the columns' cases over the given windows.
//
// Deprecated: call analysis.DynamicsIn(c, ...) instead: one function serves a
// dataset, its columns and a Parquet directory alike.
func (c *Columns) DynamicsIn(f Filter, windows []int) (dataframe.DataFrame, error) {
	for _, w := range windows {
		if w < 1 {
			return dataframe.DataFrame{}, fmt.Errorf("%w: window of %d days (a window is at least 1 day)", ErrBadFilter, w)
		}
	}
	rows, err := c.Select(f)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	threat, reciprocal := c.bit("threat_warning"), c.bit("reciprocal_measure")
	type caseAcc struct {
		first                   schema.Date
		responses, unknown      int
		firstLag, threat, recip int // -1: none
		window                  []int
		windowSet               []uint32
	}
	acc := map[string]*caseAcc{}
	var ids []string
	for _, i := range rows {
		id := c.Case.At(i)
		a := acc[id]
		if a == nil {
			a = &caseAcc{firstLag: -1, threat: -1, recip: -1, window: make([]int, len(windows)), windowSet: make([]uint32, len(windows))}
			acc[id] = a
			ids = append(ids, id)
		}
		if d := c.AccusationDate.At(i); !d.IsZero() && (a.first.IsZero() || d.Time().Before(a.first.Time())) {
			a.first = d
		}
		if !c.Responded(i) {
			continue
		}
		a.responses++
		lag, ok := c.Lag(i)
		if !ok {
			a.unknown++
			continue
		}
		minLag := func(cur int) int {
			if cur < 0 || lag < cur {
				return lag
			}
			return cur
		}
		a.firstLag = minLag(a.firstLag)
		if c.Strategies[i]&threat != 0 {
			a.threat = minLag(a.threat)
		}
		if c.Strategies[i]&reciprocal != 0 {
			a.recip = minLag(a.recip)
		}
		for w, days := range windows {
			if lag >= 0 && lag < days {
				a.window[w]++
				a.windowSet[w] |= c.Strategies[i]
			}
		}
	}
	slices.Sort(ids)
	n := len(ids)
	first, responses, unknown := make([]string, n), make([]int, n), make([]int, n)
	firstLag, threatLag, recipLag := make([]any, n), make([]any, n), make([]any, n)
	winCounts := make([][]int, len(windows))
	winSets := make([][]string, len(windows))
	for w := range windows {
		winCounts[w], winSets[w] = make([]int, n), make([]string, n)
	}
	orNA := func(v int) any {
		if v < 0 {
			return nil
		}
		return v
	}
	for k, id := range ids {
		a := acc[id]
		first[k], responses[k], unknown[k] = a.first.String(), a.responses, a.unknown
		firstLag[k], threatLag[k], recipLag[k] = orNA(a.firstLag), orNA(a.threat), orNA(a.recip)
		for w := range windows {
			winCounts[w][k] = a.window[w]
			winSets[w][k] = strings.Join(c.strategiesOf(a.windowSet[w]), "; ")
		}
	}
	cols := []series.Series{
		series.New(ids, series.String, "case_id"),
		series.New(first, series.String, "first_accusation"),
		series.New(responses, series.Int, "responses"),
		series.New(unknown, series.Int, "lag_unknown"),
		series.New(firstLag, series.Int, "first_lag_days"),
	}
	for w, days := range windows {
		suffix := "_" + itoa(days) + "d"
		cols = append(cols, series.New(winCounts[w], series.Int, "responses"+suffix), series.New(winSets[w], series.String, "strategies"+suffix))
	}
	cols = append(cols, series.New(threatLag, series.Int, "first_threat_lag_days"), series.New(recipLag, series.Int, "first_reciprocal_lag_days"))
	return frame.New(cols...)
}

// bit returns the strategy bit of a code (0 if the codebook lacks it).
func (c *Columns) bit(code string) uint32 {
	if i := slices.Index(c.StrategyCodes, code); i >= 0 {
		return 1 << i
	}
	return 0
}
