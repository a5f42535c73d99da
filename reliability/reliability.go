package reliability

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/rejoinder/rejoinder/schema"
)

// Coding is one coder's judgement (Value) of one variable for one unit, in
// round Round: the long format that package coding imports, stores and
// reconciles, and that the measures here read. It is the one coding type
// of rejoinder (coding.Coding is the same type). A multi-label variable
// is stored one code at a time, as variable "strategies:denial" with value
// yes or no. An empty Value is a missing one.
//
// The measures read UnitID, Coder and Value only: they are given the
// codings of one variable in one round (coding.Groups gathers them).
type Coding struct {
	UnitID   string
	Variable string
	Coder    string
	Round    int
	Value    string
	// Where is where the coding was read ("codings.csv:12"), for error
	// messages; empty when unknown. It is not part of the coding: two
	// codings that differ only in Where are the same judgement.
	Where string
}

// place describes where a coding came from, to begin an error message:
// its file and line when known, then its coder and unit.
func (c Coding) place() string {
	s := fmt.Sprintf("coder %q, unit %q", c.Coder, c.UnitID)
	if c.Where != "" {
		s = c.Where + ": " + s
	}
	return s
}

// Errors the measures return.
var (
	ErrNotNumeric   = errors.New("value is not a number")
	ErrNoPairs      = errors.New("no unit was coded by two or more coders")
	ErrNoVariation  = errors.New("all pairable values are the same, so expected disagreement is zero and alpha is undefined")
	ErrBadLevel     = errors.New("unknown level of measurement")
	ErrDuplicate    = errors.New("a coder coded the same unit twice")
	ErrNotTwoCoders = errors.New("Cohen's kappa needs exactly two coders")
	ErrOutOfDomain  = errors.New("value outside the level's domain")
	ErrOverflow     = errors.New("alpha cannot be computed in 64-bit floating point")
	ErrSamples      = errors.New("bootstrap needs 2 or more samples")
)

// Result is Krippendorff's alpha with the figures behind it.
type Result struct {
	Alpha     float64
	Observed  float64 // observed disagreement D_o
	Expected  float64 // expected disagreement D_e
	Units     int     // pairable units (coded by at least two coders)
	Coders    int     // coders with at least one pairable value
	Values    int     // pairable values (n)
	Level     schema.Level
	Agreement float64 // percent agreement among pairs of values (0–1)
}

// prepared is the reliability data: per pairable unit, its values as
// indexes into the distinct values (sorted in the level's order), in
// ascending order.
type prepared struct {
	values []string  // distinct values, in order
	nums   []float64 // their numbers (interval, ratio)
	units  [][]int   // per pairable unit, its values' indexes
	coders int
}

// prepare checks and groups the codings. For interval and ratio data the
// values must be numbers; ordinal values are ordered by order when given,
// else numerically when all are numbers, else as text.
func prepare(codings []Coding, level schema.Level, order []string) (*prepared, error) {
	switch level {
	case schema.Nominal, schema.Ordinal, schema.Interval, schema.Ratio:
	default:
		return nil, fmt.Errorf("%w %q (allowed: nominal, ordinal, interval, ratio)", ErrBadLevel, level)
	}
	// Units, coders and values as small integers, each string hashed
	// once: a million codings through string-keyed maps took seconds.
	unitIx, coderIx, valueIx := map[string]int32{}, map[string]int32{}, map[string]int32{}
	var byUnit, codersOf [][]int32 // per unit (first-seen order), its values and their coders
	var names []string             // values, by index
	seen := map[[2]int32]bool{}    // unit, coder
	for _, c := range codings {
		if c.Value == "" {
			continue // a missing value
		}
		u, k := intern(unitIx, c.UnitID), intern(coderIx, c.Coder)
		if seen[[2]int32{u, k}] {
			return nil, fmt.Errorf("%w: %s", ErrDuplicate, c.place())
		}
		seen[[2]int32{u, k}] = true
		v, ok := valueIx[c.Value]
		if !ok {
			if err := checkDomain(c, level); err != nil {
				return nil, err
			}
			v = intern(valueIx, c.Value)
			names = append(names, c.Value)
		}
		if int(u) == len(byUnit) {
			byUnit, codersOf = append(byUnit, nil), append(codersOf, nil)
		}
		byUnit[u], codersOf[u] = append(byUnit[u], v), append(codersOf[u], k)
	}
	used := make([]bool, len(names))
	coderUsed := make([]bool, len(coderIx))
	for u, vs := range byUnit {
		if len(vs) < 2 {
			continue
		}
		for i, v := range vs {
			used[v], coderUsed[codersOf[u][i]] = true, true
		}
	}
	p := &prepared{}
	for _, ok := range coderUsed {
		if ok {
			p.coders++
		}
	}
	for v, ok := range used {
		if ok {
			p.values = append(p.values, names[v])
		}
	}
	numeric := true
	nums := map[string]float64{}
	for _, v := range p.values {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			numeric = false // checkDomain has refused this at interval and ratio levels
			continue
		}
		nums[v] = f
	}
	if level == schema.Interval || level == schema.Ratio {
		scale(nums)
	}
	switch {
	case level == schema.Ordinal && len(order) > 0:
		rank := map[string]int{}
		for i, v := range order {
			rank[v] = i
		}
		for _, v := range p.values {
			if _, ok := rank[v]; !ok {
				return nil, fmt.Errorf("ordinal value %s is not in the given order %v", schema.QuoteValue(v), order)
			}
		}
		sort.Slice(p.values, func(i, j int) bool { return rank[p.values[i]] < rank[p.values[j]] })
	case numeric:
		sort.Slice(p.values, func(i, j int) bool { return nums[p.values[i]] < nums[p.values[j]] })
	default:
		sort.Strings(p.values)
	}
	index := make([]int, len(names)) // value's first-seen index → its index in order
	for i, v := range p.values {
		index[valueIx[v]] = i
		p.nums = append(p.nums, nums[v])
	}
	for _, vs := range byUnit {
		if len(vs) < 2 {
			continue
		}
		idx := make([]int, len(vs))
		for i, v := range vs {
			idx[i] = index[v]
		}
		slices.Sort(idx) // equal values side by side: alpha counts them as runs
		p.units = append(p.units, idx)
	}
	if len(p.units) == 0 {
		return nil, ErrNoPairs
	}
	return p, nil
}

// intern returns s's index in m, adding it when new.
func intern(m map[string]int32, s string) int32 {
	i, ok := m[s]
	if !ok {
		i = int32(len(m))
		m[s] = i
	}
	return i
}

// checkDomain refuses a value outside its level's domain: interval and
// ratio values must be finite numbers, and ratio values, measured from a
// true zero, 0 or more (the ratio difference ((a−b)/(a+b))² means nothing
// for a negative value, and is undefined for -5 and 5).
func checkDomain(c Coding, level schema.Level) error {
	if level != schema.Interval && level != schema.Ratio {
		return nil
	}
	f, err := strconv.ParseFloat(c.Value, 64)
	switch {
	case errors.Is(err, strconv.ErrRange) && !math.IsInf(f, 0):
		// A number too close to 0 for a float64 reads as 0 or nearly.
	case errors.Is(err, strconv.ErrRange):
		return fmt.Errorf("%s: %w %s: too large for a 64-bit float (allowed: %s data within ±1.8e308)", c.place(), ErrNotNumeric, schema.QuoteValue(c.Value), level)
	case err != nil || math.IsNaN(f) || math.IsInf(f, 0):
		return fmt.Errorf("%s: %w %s (allowed: %s data are finite numbers, such as 3 or 2.5)", c.place(), ErrNotNumeric, schema.QuoteValue(c.Value), level)
	case level == schema.Ratio && f < 0:
		return fmt.Errorf("%s: %w: %s (allowed: ratio data are 0 or more; use --level interval for values that can be negative)", c.place(), ErrOutOfDomain, schema.QuoteValue(c.Value))
	}
	return nil
}

// scale divides numbers by the power of two nearest above their largest
// magnitude, so that differences, sums and squares of values near 1e300
// (or 1e-300) neither overflow nor underflow. Both levels' alphas are the
// same for scaled values, and scaling by a power of two is exact.
func scale(nums map[string]float64) {
	var largest float64
	for _, f := range nums {
		largest = max(largest, math.Abs(f))
	}
	if largest == 0 {
		return
	}
	_, exp := math.Frexp(largest)
	for v, f := range nums {
		nums[v] = math.Ldexp(f, -exp)
	}
}

// Alpha computes Krippendorff's alpha at a level of measurement, following
// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability":
// 1 − D_o/D_e with the level's difference function, the disagreements
// summed over values instead of over the cells of the coincidence matrix,
// so that a million values with 10,000 distinct ones take seconds: time
// O(n log n) for n pairable values at every level (sorting them), plus at
// the ratio level O(k) per node of a quadrature over k distinct values
// (a few hundred nodes, growing with the log of the values' range);
// memory O(n). order fixes the order of
// ordinal values (the codebook's order of an ordinal variable); nil orders
// them as numbers, or as text.
func Alpha(codings []Coding, level schema.Level, order []string) (Result, error) {
	p, err := prepare(codings, level, order)
	if err != nil {
		return Result{}, err
	}
	return p.alpha(level)
}

// alpha computes alpha from sums over values rather than the coincidence
// matrix, which is quadratic in distinct values (10,000 distinct values
// took minutes and gigabytes). Both disagreements are sums of δ² over
// ordered pairs of values: D_o over the pairs within each unit, weighted
// 1/(m_u − 1), and D_e over all pairs of pairable values; pairSum gives
// such a sum in one pass (sorting at the ordinal level, a quadrature at
// the ratio level).
func (p *prepared) alpha(level schema.Level) (Result, error) {
	counts := make([]float64, len(p.values)) // n_c: how often each value is paired
	var n, pairs, agree float64
	var rs []run // reused: one unit's runs at a time
	for _, u := range p.units {
		m := float64(len(u))
		n += m
		pairs += m * (m - 1)
		rs = appendRuns(rs[:0], u)
		for _, f := range rs {
			agree += f.n * (f.n - 1)
		}
		for _, c := range u {
			counts[c]++
		}
	}
	pos := p.positions(level, counts)
	var do float64
	for _, u := range p.units {
		rs = appendRuns(rs[:0], u)
		do += p.pairSum(level, pos, rs) / float64(len(u)-1)
	}
	all := make([]run, 0, len(counts))
	for c, f := range counts {
		if f > 0 {
			all = append(all, run{c, f})
		}
	}
	de := p.pairSum(level, pos, all)
	do /= n
	de /= n * (n - 1)
	r := Result{Observed: do, Expected: de, Units: len(p.units), Coders: p.coders, Values: int(n),
		Level: level, Agreement: agree / pairs}
	if de == 0 {
		r.Alpha = math.NaN()
		return r, ErrNoVariation
	}
	r.Alpha = 1 - do/de
	if math.IsNaN(r.Alpha) || math.IsInf(r.Alpha, 0) {
		// Not seen with scaled values; said rather than printed as blank.
		return r, fmt.Errorf("%w (D_o = %g, D_e = %g)", ErrOverflow, do, de)
	}
	return r, nil
}

// run is a value (an index into the distinct values) and how many times
// it occurs.
type run struct {
	c int
	n float64
}

// appendRuns appends the runs of equal values of a unit, whose indexes
// prepare sorted, to out.
func appendRuns(out []run, u []int) []run {
	for i, c := range u {
		if i > 0 && c == u[i-1] {
			out[len(out)-1].n++
			continue
		}
		out = append(out, run{c, 1})
	}
	return out
}

// positions returns, at the interval and ordinal levels, each value's
// position on a line on which δ² is the squared distance: the number
// itself (interval), or the value's mid-rank Σ_{g<c} n_g + n_c/2 among
// the pairable values (ordinal, since Krippendorff's
// δ²(c, d) = (Σ_{g=c..d} n_g − (n_c + n_d)/2)² is the squared difference
// of the two mid-ranks).
func (p *prepared) positions(level schema.Level, counts []float64) []float64 {
	switch level {
	case schema.Interval:
		return p.nums
	case schema.Ordinal:
		pos := make([]float64, len(counts))
		var below float64
		for c, f := range counts { // values are in rank order
			pos[c] = below + f/2
			below += f
		}
		return pos
	}
	return nil
}

// pairSum returns Σ δ²(c, d) over the ordered pairs of the values in rs
// (counting each value rs[i].n times), at a level.
func (p *prepared) pairSum(level schema.Level, pos []float64, rs []run) float64 {
	switch level {
	case schema.Interval, schema.Ordinal:
		// Σ_{i,j} (y_i − y_j)² = 2m Σ_i (y_i − ȳ)², centred against cancellation.
		var m, sum float64
		for _, r := range rs {
			m += r.n
			sum += r.n * pos[r.c]
		}
		mean := sum / m
		var ss float64
		for _, r := range rs {
			d := pos[r.c] - mean
			ss += r.n * d * d
		}
		return 2 * m * ss
	case schema.Ratio:
		return ratioPairSum(p.nums, rs)
	}
	// Nominal: the pairs of different values, m² − Σ n_c².
	var m, same float64
	for _, r := range rs {
		m += r.n
		same += r.n * r.n
	}
	return m*m - same
}

// Interval is a confidence interval.
type Interval struct {
	Low, High float64
	Samples   int
}

// BootstrapAlpha estimates a 95% confidence interval for alpha by
// resampling the pairable units with replacement (samples times, seeded,
// so the same seed gives the same interval) and taking the 2.5th and 97.5th
// percentiles of the resampled alphas. Resamples with no variation are
// skipped.
func BootstrapAlpha(codings []Coding, level schema.Level, order []string, samples int, seed uint64) (Interval, error) {
	if samples < 2 {
		return Interval{}, fmt.Errorf("%w, not %d", ErrSamples, samples)
	}
	p, err := prepare(codings, level, order)
	if err != nil {
		return Interval{}, err
	}
	alphas := p.resampledAlphas(level, samples, seed)
	if len(alphas) < 2 {
		return Interval{}, ErrNoVariation
	}
	slices.Sort(alphas)
	at := func(q float64) float64 {
		i := q * float64(len(alphas)-1)
		lo := int(math.Floor(i))
		hi := min(lo+1, len(alphas)-1)
		return alphas[lo] + (alphas[hi]-alphas[lo])*(i-float64(lo))
	}
	return Interval{Low: at(0.025), High: at(0.975), Samples: len(alphas)}, nil
}

// resampledAlphas returns the alphas of samples resamples of the units
// (those with variation), in the order drawn. One goroutine draws every
// resample from the seeded generator, in order, and the cores measure
// them, so the alphas are those of a sequential run.
func (p *prepared) resampledAlphas(level schema.Level, samples int, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, seed^0xda3e39cb94b95bdb))
	workers := runtime.GOMAXPROCS(0)
	type resample struct {
		s    int
		pick []int32 // the units drawn
	}
	jobs := make(chan resample, workers)
	free := make(chan []int32, workers+1) // pick buffers, reused
	for range workers + 1 {
		free <- make([]int32, len(p.units))
	}
	alpha := make([]float64, samples)
	varied := make([]bool, samples)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := *p
			q.units = make([][]int, len(p.units))
			for r := range jobs {
				for i, u := range r.pick {
					q.units[i] = p.units[u]
				}
				free <- r.pick
				if res, err := q.alpha(level); err == nil {
					alpha[r.s], varied[r.s] = res.Alpha, true
				}
			}
		}()
	}
	for s := range samples {
		pick := <-free
		for i := range pick {
			pick[i] = int32(rng.IntN(len(p.units)))
		}
		jobs <- resample{s, pick}
	}
	close(jobs)
	wg.Wait()
	var out []float64
	for s, a := range alpha {
		if varied[s] {
			out = append(out, a)
		}
	}
	return out
}

// CohenKappa computes Cohen's kappa between two coders over the units both
// coded: (p_o − p_e) / (1 − p_e), with chance agreement from each coder's
// own distribution of values.
func CohenKappa(codings []Coding) (float64, error) {
	coderIx := map[string]int{}
	var names []string
	unitIx, valueIx := map[string]int32{}, map[string]int32{}
	var units [][2]int32 // per unit, each of the first two coders' value index + 1 (0: not coded)
	for _, c := range codings {
		if c.Value == "" {
			continue
		}
		k, ok := coderIx[c.Coder]
		if !ok {
			k = len(names)
			coderIx[c.Coder] = k
			names = append(names, c.Coder)
		}
		if k >= 2 {
			continue // a third coder: refused below
		}
		u := intern(unitIx, c.UnitID)
		if int(u) == len(units) {
			units = append(units, [2]int32{})
		}
		if units[u][k] != 0 {
			return 0, fmt.Errorf("%w: coder %q, unit %q", ErrDuplicate, c.Coder, c.UnitID)
		}
		units[u][k] = intern(valueIx, c.Value) + 1
	}
	if len(names) != 2 {
		return 0, fmt.Errorf("%w (found %d)", ErrNotTwoCoders, len(names))
	}
	countA, countB := make([]float64, len(valueIx)), make([]float64, len(valueIx))
	var n, agree float64
	for _, u := range units {
		if u[0] == 0 || u[1] == 0 {
			continue // coded by one of the two only
		}
		n++
		countA[u[0]-1]++
		countB[u[1]-1]++
		if u[0] == u[1] {
			agree++
		}
	}
	if n == 0 {
		return 0, ErrNoPairs
	}
	var pe float64
	for v, ca := range countA { // in first-seen order: the same sum every run
		pe += (ca / n) * (countB[v] / n)
	}
	if pe == 1 {
		return math.NaN(), ErrNoVariation
	}
	return (agree/n - pe) / (1 - pe), nil
}
