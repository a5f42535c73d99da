package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/frame"
)

// Similarity metrics between cases.
const (
	// Jaccard compares the sets of strategies two cases used:
	// |A ∩ B| / |A ∪ B|.
	Jaccard Metric = "jaccard"
	// Cosine compares strategy profiles: the cosine of the two cases'
	// vectors of strategy counts (equivalently, of shares).
	Cosine Metric = "cosine"
)

// Metrics lists the similarity metrics.
var Metrics = []Metric{Jaccard, Cosine}

// Metric names a similarity measure between two cases' strategies.
// ParseMetric reads one from text.
type Metric string

// ParseMetric returns the metric named s, or an ErrBadMetric error that
// lists the allowed ones.
func ParseMetric(s string) (Metric, error) { return parseName(s, Metrics, ErrBadMetric) }

// ErrBadMetric is returned for an unknown metric.
var ErrBadMetric = fmt.Errorf("unknown metric")

// caseVectors holds, per case with at least one observed response, its
// strategy set and count vector, cases in sorted order.
type caseVectors struct {
	ids    []string
	sets   []uint32
	counts [][]float64
}

func (c *Columns) caseVectors(f Filter) (*caseVectors, error) {
	rows, err := c.Select(f)
	if err != nil {
		return nil, err
	}
	byCase := map[string]int{}
	v := &caseVectors{}
	for _, i := range rows {
		if !c.Responded(i) {
			continue
		}
		id := c.Case.At(i)
		k, ok := byCase[id]
		if !ok {
			k = len(v.ids)
			byCase[id] = k
			v.ids = append(v.ids, id)
			v.sets = append(v.sets, 0)
			v.counts = append(v.counts, make([]float64, len(c.StrategyCodes)))
		}
		set := c.Strategies[i]
		v.sets[k] |= set
		for s := range c.StrategyCodes {
			if set&(1<<s) != 0 {
				v.counts[k][s]++
			}
		}
	}
	if len(v.ids) == 0 {
		return nil, fmt.Errorf("%w (%s): no observed responses", ErrEmptySelection, f)
	}
	// Sort cases by id, moving sets and counts along.
	order := make([]int, len(v.ids))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(v.ids[a], v.ids[b]) })
	sorted := &caseVectors{}
	for _, k := range order {
		sorted.ids = append(sorted.ids, v.ids[k])
		sorted.sets = append(sorted.sets, v.sets[k])
		sorted.counts = append(sorted.counts, v.counts[k])
	}
	return sorted, nil
}

// similarity returns metric(a, b) for cases a and b.
func (v *caseVectors) similarity(metric Metric, a, b int) float64 {
	if metric == Jaccard {
		union := popcount(v.sets[a] | v.sets[b])
		if union == 0 {
			return 1 // two responses without strategies are alike
		}
		return float64(popcount(v.sets[a]&v.sets[b])) / float64(union)
	}
	var dot, na, nb float64
	for s := range v.counts[a] {
		dot += v.counts[a][s] * v.counts[b][s]
		na += v.counts[a][s] * v.counts[a][s]
		nb += v.counts[b][s] * v.counts[b][s]
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

func checkMetric(m Metric) error {
	if !slices.Contains(Metrics, m) {
		return fmt.Errorf("%w %q (allowed: %s)", ErrBadMetric, m, joinNames(Metrics))
	}
	return nil
}

// SimilarityMatrix returns the case × case matrix of a metric (Jaccard
// or Cosine) between the strategies of the cases' observed responses.
// Cases with no observed response (records of silence only) are left out:
// they have no strategies to compare. Columns: case_id, then one column
// per case, both in sorted order; the diagonal is 1.
func SimilarityMatrix[S Source](src S, metric Metric, f Filter) (dataframe.DataFrame, error) {
	c, err := columnsOf(src, f)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	return c.SimilarityMatrix(metric, f)
}

// SimilarityMatrix compares the columns' cases.
//
// Deprecated: call analysis.SimilarityMatrix(c, ...) instead: one function serves a
// dataset, its columns and a Parquet directory alike.
func (c *Columns) SimilarityMatrix(metric Metric, f Filter) (dataframe.DataFrame, error) {
	if err := checkMetric(metric); err != nil {
		return dataframe.DataFrame{}, err
	}
	v, err := c.caseVectors(f)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	cols := []series.Series{series.New(v.ids, series.String, "case_id")}
	for b := range v.ids {
		vals := make([]float64, len(v.ids))
		for a := range v.ids {
			vals[a] = v.similarity(metric, a, b)
		}
		cols = append(cols, series.New(vals, series.Float, v.ids[b]))
	}
	return frame.New(cols...)
}

// Nearest returns the top cases most similar to caseID by the metric,
// most similar first (ties by the other metric, then by id). Columns:
// case_id, jaccard, cosine, shared_strategies (codes joined by "; ").
func Nearest[S Source](src S, caseID string, metric Metric, top int, f Filter) (dataframe.DataFrame, error) {
	c, err := columnsOf(src, f)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	return c.Nearest(caseID, metric, top, f)
}

// Nearest finds the columns' cases nearest to one.
//
// Deprecated: call analysis.Nearest(c, ...) instead: one function serves a
// dataset, its columns and a Parquet directory alike.
func (c *Columns) Nearest(caseID string, metric Metric, top int, f Filter) (dataframe.DataFrame, error) {
	if err := checkMetric(metric); err != nil {
		return dataframe.DataFrame{}, err
	}
	if top < 1 {
		return dataframe.DataFrame{}, fmt.Errorf("top must be at least 1, not %d", top)
	}
	v, err := c.caseVectors(f)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	self := slices.Index(v.ids, caseID)
	if self < 0 {
		return dataframe.DataFrame{}, fmt.Errorf("%w: %q has no observed responses in the selection (cases: %s)", dataset.ErrNoSuchCase, caseID, strings.Join(v.ids, ", "))
	}
	type near struct {
		k        int
		jac, cos float64
	}
	var list []near
	for k := range v.ids {
		if k != self {
			list = append(list, near{k, v.similarity(Jaccard, self, k), v.similarity(Cosine, self, k)})
		}
	}
	primary := func(n near) float64 { return n.jac }
	secondary := func(n near) float64 { return n.cos }
	if metric == Cosine {
		primary, secondary = secondary, primary
	}
	slices.SortFunc(list, func(a, b near) int {
		return cmp.Or(cmp.Compare(primary(b), primary(a)), cmp.Compare(secondary(b), secondary(a)), strings.Compare(v.ids[a.k], v.ids[b.k]))
	})
	list = list[:min(top, len(list))]
	ids, shared := make([]string, len(list)), make([]string, len(list))
	jac, cos := make([]float64, len(list)), make([]float64, len(list))
	for i, n := range list {
		ids[i], jac[i], cos[i] = v.ids[n.k], n.jac, n.cos
		shared[i] = strings.Join(c.strategiesOf(v.sets[self]&v.sets[n.k]), "; ")
	}
	return frame.New(
		series.New(ids, series.String, "case_id"),
		series.New(jac, series.Float, "jaccard"),
		series.New(cos, series.Float, "cosine"),
		series.New(shared, series.String, "shared_strategies"),
	)
}

// Merge is one step of agglomerative clustering: two clusters joined at a
// distance (1 − similarity, average linkage).
type Merge struct {
	Left, Right []string // the cases of each side
	Distance    float64
}

// Clusters orders the cases by average-linkage hierarchical clustering on
// 1 − similarity: cases that resemble each other end up next to each
// other, the order a heat map or dendrogram needs. Ties are broken by
// case id, so the order is stable. It returns the leaf order and the
// merges, first to last.
func Clusters[S Source](src S, metric Metric, f Filter) ([]string, []Merge, error) {
	c, err := columnsOf(src, f)
	if err != nil {
		return nil, nil, err
	}
	return c.Clusters(metric, f)
}

// Clusters clusters the columns' cases.
//
// Deprecated: call analysis.Clusters(c, ...) instead: one function serves a
// dataset, its columns and a Parquet directory alike.
func (c *Columns) Clusters(metric Metric, f Filter) ([]string, []Merge, error) {
	if err := checkMetric(metric); err != nil {
		return nil, nil, err
	}
	v, err := c.caseVectors(f)
	if err != nil {
		return nil, nil, err
	}
	n := len(v.ids)
	dist := make([][]float64, n)
	for a := range dist {
		dist[a] = make([]float64, n)
		for b := range dist[a] {
			dist[a][b] = 1 - v.similarity(metric, a, b)
		}
	}
	// Each cluster is a list of leaves, kept in sorted-id order of their
	// first leaf, so that equal distances merge the same way every time.
	clusters := make([][]int, n)
	for i := range clusters {
		clusters[i] = []int{i}
	}
	avg := func(x, y []int) float64 {
		var sum float64
		for _, a := range x {
			for _, b := range y {
				sum += dist[a][b]
			}
		}
		return sum / float64(len(x)*len(y))
	}
	var merges []Merge
	for len(clusters) > 1 {
		bi, bj, best := 0, 1, math.Inf(1)
		for i := range clusters {
			for j := i + 1; j < len(clusters); j++ {
				if d := avg(clusters[i], clusters[j]); d < best-1e-12 {
					bi, bj, best = i, j, d
				}
			}
		}
		merges = append(merges, Merge{Left: names(v.ids, clusters[bi]), Right: names(v.ids, clusters[bj]), Distance: best})
		clusters[bi] = append(clusters[bi], clusters[bj]...)
		clusters = slices.Delete(clusters, bj, bj+1)
	}
	return names(v.ids, clusters[0]), merges, nil
}

func names(ids []string, leaves []int) []string {
	out := make([]string, len(leaves))
	for i, l := range leaves {
		out[i] = ids[l]
	}
	return out
}

// ClusterOrder returns the cases in hierarchical-clustering order (see
// Columns.Clusters) with the distance at which each joined the cases
// before it. Columns: position (1-based), case_id, joined_at (the merge
// distance that brought the case's cluster next to the previous row's;
// NaN on the first row).
func ClusterOrder[S Source](src S, metric Metric, f Filter) (dataframe.DataFrame, error) {
	c, err := columnsOf(src, f)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	return c.ClusterOrder(metric, f)
}

// ClusterOrder orders the columns' cases.
//
// Deprecated: call analysis.ClusterOrder(c, ...) instead: one function serves a
// dataset, its columns and a Parquet directory alike.
func (c *Columns) ClusterOrder(metric Metric, f Filter) (dataframe.DataFrame, error) {
	order, merges, err := c.Clusters(metric, f)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	pos := make([]int, len(order))
	joined := make([]any, len(order))
	for i, id := range order {
		pos[i] = i + 1
		if i == 0 {
			continue
		}
		// The merge that first put order[i-1] and order[i] in one cluster.
		for _, m := range merges {
			in := func(side []string, x string) bool { return slices.Contains(side, x) }
			if (in(m.Left, order[i-1]) && in(m.Right, id)) || (in(m.Right, order[i-1]) && in(m.Left, id)) {
				joined[i] = m.Distance
				break
			}
		}
	}
	return frame.New(
		series.New(pos, series.Int, "position"),
		series.New(order, series.String, "case_id"),
		series.New(joined, series.Float, "joined_at"),
	)
}
