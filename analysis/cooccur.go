package analysis

import (
	"fmt"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/frame"
)

// CoOccurrence counts which strategies travel together: for every pair of
// strategy codes (a, b) with a at or before b in codebook order, the
// number of observed responses that use both, each one's count, and the
// Jaccard index both / (a + b − both) (NaN when neither occurs). The
// diagonal (a = b) holds each code's own count.
//
// Columns: strategy_a, strategy_b, both, count_a, count_b, jaccard.
func CoOccurrence(ds *dataset.Dataset, f Filter) (dataframe.DataFrame, error) {
	return ColumnsOf(ds).CoOccurrence(f)
}

// CoOccurrence is the columnar form of the package-level function.
func (c *Columns) CoOccurrence(f Filter) (dataframe.DataFrame, error) {
	rows, err := c.Select(f)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	k := len(c.StrategyCodes)
	both := make([][]int, k)
	for a := range both {
		both[a] = make([]int, k)
	}
	observed := 0
	for _, i := range rows {
		if !c.Responded(i) {
			continue
		}
		observed++
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
	if observed == 0 {
		return dataframe.DataFrame{}, fmt.Errorf("%w (%s): no observed responses", ErrEmptySelection, f)
	}
	var sa, sb []string
	var nb, na, nbb []int
	var jac []any
	for a := 0; a < k; a++ {
		for b := a; b < k; b++ {
			sa, sb = append(sa, c.StrategyCodes[a]), append(sb, c.StrategyCodes[b])
			nb, na, nbb = append(nb, both[a][b]), append(na, both[a][a]), append(nbb, both[b][b])
			if union := both[a][a] + both[b][b] - both[a][b]; union > 0 {
				jac = append(jac, float64(both[a][b])/float64(union))
			} else {
				jac = append(jac, nil)
			}
		}
	}
	return frame.New(
		series.New(sa, series.String, "strategy_a"),
		series.New(sb, series.String, "strategy_b"),
		series.New(nb, series.Int, "both"),
		series.New(na, series.Int, "count_a"),
		series.New(nbb, series.Int, "count_b"),
		series.New(jac, series.Float, "jaccard"),
	)
}

// EvidenceStrategies cross-tabulates the evidence an accusation cited with
// the strategies of the responses to it: does CCTV or travel-record
// evidence draw identity disputes more than IP-address evidence? For each
// evidence code and strategy: the observed responses to accusations citing
// that evidence (responses), how many use the strategy (count), and the
// share. Evidence codes no selected accusation cites are left out.
//
// Columns: evidence, strategy, count, responses, share.
func EvidenceStrategies(ds *dataset.Dataset, f Filter) (dataframe.DataFrame, error) {
	return ColumnsOf(ds).EvidenceStrategies(f)
}

// EvidenceStrategies is the columnar form of the package-level function.
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
