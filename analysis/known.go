package analysis

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/internal/frame"
)

// KnownStats summarises a numeric column of df per group, skipping the
// unknown values (NaN), which gota's own aggregations do not: its median
// of [1, NaN, 3, 100] is 51.5 and its count 4. A lag that is not known
// must never be averaged in.
//
// The frame has the by columns, then known (how many values are known),
// unknown (how many are NaN), median, mean, min and max of the known values
// (NaN for a group with none known). Groups are sorted by their keys; with
// no by columns there is one row for the whole frame.
//
//	df, _ := analysis.Responses(ds)
//	lags, _ := analysis.KnownStats(df, "lag_days", "accuser")
func KnownStats(df dataframe.DataFrame, column string, by ...string) (dataframe.DataFrame, error) {
	if df.Err != nil {
		return dataframe.DataFrame{}, df.Err
	}
	names := df.Names()
	for _, c := range append([]string{column}, by...) {
		if !slices.Contains(names, c) {
			return dataframe.DataFrame{}, fmt.Errorf("%w: no column %q (columns: %s)", ErrBadFilter, c, strings.Join(names, ", "))
		}
	}
	col := df.Col(column)
	if t := col.Type(); t != series.Int && t != series.Float {
		return dataframe.DataFrame{}, fmt.Errorf("%w: column %q holds %s, not numbers", ErrBadFilter, column, t)
	}
	values := col.Float()
	nan := col.IsNaN()
	keys := make([][]string, len(by))
	for j, b := range by {
		keys[j] = df.Col(b).Records()
	}
	groups := map[string][]float64{}
	unknown := map[string]int{}
	var order [][]string
	for i := range values {
		key := make([]string, len(by))
		for j := range by {
			key[j] = keys[j][i]
		}
		k := strings.Join(key, "\x00")
		if _, seen := groups[k]; !seen {
			groups[k] = nil
			order = append(order, key)
		}
		if nan[i] || math.IsNaN(values[i]) {
			unknown[k]++
			continue
		}
		groups[k] = append(groups[k], values[i])
	}
	slices.SortFunc(order, func(a, b []string) int { return slices.Compare(a, b) })
	if len(by) == 0 && len(order) == 0 {
		order = [][]string{{}}
	}
	cols := make([][]string, len(by))
	var known, unknowns []int
	var median, mean, minimum, maximum []float64
	for _, key := range order {
		k := strings.Join(key, "\x00")
		for j := range by {
			cols[j] = append(cols[j], key[j])
		}
		vs := slices.Clone(groups[k])
		slices.Sort(vs)
		known, unknowns = append(known, len(vs)), append(unknowns, unknown[k])
		median, mean = append(median, medianOf(vs)), append(mean, meanOf(vs))
		lo, hi := math.NaN(), math.NaN()
		if len(vs) > 0 {
			lo, hi = vs[0], vs[len(vs)-1]
		}
		minimum, maximum = append(minimum, lo), append(maximum, hi)
	}
	var out []series.Series
	for j, b := range by {
		out = append(out, series.New(cols[j], series.String, b))
	}
	out = append(out,
		series.New(known, series.Int, "known"),
		series.New(unknowns, series.Int, "unknown"),
		series.New(median, series.Float, "median"),
		series.New(mean, series.Float, "mean"),
		series.New(minimum, series.Float, "min"),
		series.New(maximum, series.Float, "max"))
	return frame.New(out...)
}

// medianOf is the median of sorted values (the mean of the middle two for
// an even count, as DuckDB's median and pandas' do); NaN for none.
func medianOf(sorted []float64) float64 {
	n := len(sorted)
	switch {
	case n == 0:
		return math.NaN()
	case n%2 == 1:
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

func meanOf(vs []float64) float64 {
	if len(vs) == 0 {
		return math.NaN()
	}
	sum := 0.0
	for _, v := range vs {
		sum += v
	}
	return sum / float64(len(vs))
}
