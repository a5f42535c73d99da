package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/frame"
)

// CoOccurrenceOptions select the responses, their grouping and the pairs
// of a co-occurrence table (see CoOccurrences).
type CoOccurrenceOptions struct {
	Filter Filter
	// By groups the responses before counting (one of Groupings); ""
	// counts them all together.
	By Grouping
	// With keeps only the pairs that include this strategy code, turned so
	// that it is strategy_a: "which strategies come with denial?".
	With string
}

// CoOccurrences counts which strategies travel together: for every pair of
// strategy codes (a, b) with a at or before b in codebook order, the
// number of observed responses that use both, each one's count, and the
// Jaccard index both / (a + b − both) (NaN when neither occurs). The
// diagonal (a = b) holds each code's own count. With opts.By, it counts
// within each group (groups sorted, the unknown group "" last); with
// opts.With, it keeps the pairs of that code only.
//
// Columns: [group,] strategy_a, strategy_b, both, count_a, count_b,
// jaccard; the group column is named as in Profile (responder, case_id,
// year, ...).
func CoOccurrences[S Source](src S, opts CoOccurrenceOptions) (dataframe.DataFrame, error) {
	c, err := columnsOf(src, opts.Filter)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	return c.CoOccurrences(opts)
}

// CoOccurrences counts the strategy pairs of the columns.
//
// Deprecated: call analysis.CoOccurrences(c, ...) instead: one function serves a
// dataset, its columns and a Parquet directory alike.
func (c *Columns) CoOccurrences(opts CoOccurrenceOptions) (dataframe.DataFrame, error) {
	rows, err := c.Select(opts.Filter)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	k := len(c.StrategyCodes)
	with := -1
	if opts.With != "" {
		if with = slices.Index(c.StrategyCodes, opts.With); with < 0 {
			return dataframe.DataFrame{}, fmt.Errorf("%w: with %q is not a strategy code (allowed: %s)", ErrBadFilter, opts.With, strings.Join(c.StrategyCodes, ", "))
		}
	}
	keyOf, keyName := func(int) string { return "" }, ""
	if opts.By != "" {
		if keyOf, keyName, err = c.grouping(opts.By); err != nil {
			return dataframe.DataFrame{}, err
		}
	}
	groups := map[string][][]int{}
	for _, i := range rows {
		if !c.Responded(i) {
			continue
		}
		key := keyOf(i)
		both := groups[key]
		if both == nil {
			both = make([][]int, k)
			for a := range both {
				both[a] = make([]int, k)
			}
			groups[key] = both
		}
		set := c.Strategies[i]
		for a := 0; a < k; a++ {
			if set&(1<<a) == 0 {
				continue
			}
			for b := a; b < k; b++ {
				if set&(1<<b) != 0 {
					both[a][b]++
				}
			}
		}
	}
	if len(groups) == 0 {
		return dataframe.DataFrame{}, fmt.Errorf("%w (%s): no observed responses", ErrEmptySelection, opts.Filter)
	}
	var group, sa, sb []string
	var nb, na, nbb []int
	var jac []any
	for _, key := range groupOrder(groups) {
		both := groups[key]
		for a := 0; a < k; a++ {
			for b := a; b < k; b++ {
				x, y := a, b
				if with >= 0 {
					if a != with && b != with {
						continue
					}
					if b == with {
						x, y = b, a
					}
				}
				group, sa, sb = append(group, key), append(sa, c.StrategyCodes[x]), append(sb, c.StrategyCodes[y])
				nb, na, nbb = append(nb, both[a][b]), append(na, both[x][x]), append(nbb, both[y][y])
				if union := both[a][a] + both[b][b] - both[a][b]; union > 0 {
					jac = append(jac, float64(both[a][b])/float64(union))
				} else {
					jac = append(jac, nil)
				}
			}
		}
	}
	cols := []series.Series{
		series.New(sa, series.String, "strategy_a"),
		series.New(sb, series.String, "strategy_b"),
		series.New(nb, series.Int, "both"),
		series.New(na, series.Int, "count_a"),
		series.New(nbb, series.Int, "count_b"),
		series.New(jac, series.Float, "jaccard"),
	}
	if keyName != "" {
		cols = append([]series.Series{series.New(group, series.String, keyName)}, cols...)
	}
	return frame.New(cols...)
}

// CoOccurrence counts the strategy pairs of the responses f selects, all
// together.
//
// Deprecated: use CoOccurrences(ds, CoOccurrenceOptions{Filter: f}), which
// also groups and keeps the pairs of one code; this gives the same table.
func CoOccurrence(ds *dataset.Dataset, f Filter) (dataframe.DataFrame, error) {
	return CoOccurrences(ds, CoOccurrenceOptions{Filter: f})
}

// CoOccurrence is the columnar form of the package-level function.
//
// Deprecated: use CoOccurrences(c, CoOccurrenceOptions{Filter: f}).
func (c *Columns) CoOccurrence(f Filter) (dataframe.DataFrame, error) {
	return c.CoOccurrences(CoOccurrenceOptions{Filter: f})
}

// EvidenceStrategies cross-tabulates the evidence an accusation cited with
// the strategies of the responses to it: does CCTV or travel-record
// evidence draw identity disputes more than IP-address evidence? For each
// evidence code and strategy: the observed responses to accusations citing
// that evidence (responses), how many use the strategy (count), and the
// share. Evidence codes no selected accusation cites are left out.
//
// Columns: evidence, strategy, count, responses, share.
func EvidenceStrategies[S Source](src S, f Filter) (dataframe.DataFrame, error) {
	c, err := columnsOf(src, f)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	return c.EvidenceStrategies(f)
}

// EvidenceStrategies cross-tabulates the columns.
//
// Deprecated: call analysis.EvidenceStrategies(c, ...) instead: one function serves a
// dataset, its columns and a Parquet directory alike.
func (c *Columns) EvidenceStrategies(f Filter) (dataframe.DataFrame, error) {
	rows, err := c.Select(f)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	ne, ns := len(c.EvidenceCodes), len(c.StrategyCodes)
	totals := make([]int, ne)
	counts := make([][]int, ne)
	for e := range counts {
		counts[e] = make([]int, ns)
	}
	for _, i := range rows {
		if !c.Responded(i) {
			continue
		}
		ev, st := c.Evidence[i], c.Strategies[i]
		for e := 0; e < ne; e++ {
			if ev&(1<<e) == 0 {
				continue
			}
			totals[e]++
			for s := 0; s < ns; s++ {
				if st&(1<<s) != 0 {
					counts[e][s]++
				}
			}
		}
	}
	var evid, strat []string
	var cnt, tot []int
	var share []float64
	for e := 0; e < ne; e++ {
		if totals[e] == 0 {
			continue
		}
		for s := 0; s < ns; s++ {
			evid, strat = append(evid, c.EvidenceCodes[e]), append(strat, c.StrategyCodes[s])
			cnt, tot = append(cnt, counts[e][s]), append(tot, totals[e])
			share = append(share, float64(counts[e][s])/float64(totals[e]))
		}
	}
	if len(evid) == 0 {
		return dataframe.DataFrame{}, fmt.Errorf("%w (%s): no observed response answers an accusation that cites evidence", ErrEmptySelection, f)
	}
	return frame.New(
		series.New(evid, series.String, "evidence"),
		series.New(strat, series.String, "strategy"),
		series.New(cnt, series.Int, "count"),
		series.New(tot, series.Int, "responses"),
		series.New(share, series.Float, "share"),
	)
}
