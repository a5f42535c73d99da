package reliability

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"

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
// indexes into the distinct values, sorted in the level's order.
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
	type key struct{ unit, coder string }
	seen := map[key]bool{}
	byUnit := map[string][]string{}
	var unitOrder []string
	for _, c := range codings {
		if c.Value == "" {
			continue // a missing value
		}
		k := key{c.UnitID, c.Coder}
		if seen[k] {
			return nil, fmt.Errorf("%w: %s", ErrDuplicate, c.place())
		}
		if err := checkDomain(c, level); err != nil {
			return nil, err
		}
		seen[k] = true
		if _, ok := byUnit[c.UnitID]; !ok {
			unitOrder = append(unitOrder, c.UnitID)
		}
		byUnit[c.UnitID] = append(byUnit[c.UnitID], c.Value)
	}
	distinct := map[string]bool{}
	coders := map[string]bool{}
	p := &prepared{}
	for _, u := range unitOrder {
		if len(byUnit[u]) < 2 {
			continue
		}
		for _, v := range byUnit[u] {
			distinct[v] = true
		}
	}
	for k := range seen {
		if len(byUnit[k.unit]) >= 2 {
			coders[k.coder] = true
		}
	}
	p.coders = len(coders)
	for v := range distinct {
		p.values = append(p.values, v)
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
	index := map[string]int{}
	for i, v := range p.values {
		index[v] = i
		p.nums = append(p.nums, nums[v])
	}
	for _, u := range unitOrder {
		vs := byUnit[u]
		if len(vs) < 2 {
			continue
		}
		idx := make([]int, len(vs))
		for i, v := range vs {
			idx[i] = index[v]
		}
		p.units = append(p.units, idx)
	}
	if len(p.units) == 0 {
		return nil, ErrNoPairs
	}
	return p, nil
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
// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": a
// coincidence matrix of pairable values, then 1 − D_o/D_e with the level's
// difference function. order fixes the order of ordinal values (the
// codebook's order of an ordinal variable); nil orders them as numbers, or
// as text.
func Alpha(codings []Coding, level schema.Level, order []string) (Result, error) {
	p, err := prepare(codings, level, order)
	if err != nil {
		return Result{}, err
	}
	return p.alpha(level)
}

func (p *prepared) alpha(level schema.Level) (Result, error) {
	k := len(p.values)
	o := make([][]float64, k) // coincidences
	for i := range o {
		o[i] = make([]float64, k)
	}
	var agree, pairs float64
	for _, u := range p.units {
		m := float64(len(u))
		for a := range u {
			for b := range u {
				if a == b {
					continue
				}
				o[u[a]][u[b]] += 1 / (m - 1)
				pairs++
				if u[a] == u[b] {
					agree++
				}
			}
		}
	}
	nc := make([]float64, k)
	var n float64
	for c := range o {
		for _, x := range o[c] {
			nc[c] += x
		}
		n += nc[c]
	}
	delta := p.difference(level, nc)
	var do, de float64
	for c := 0; c < k; c++ {
		for d := 0; d < k; d++ {
			if c == d {
				continue
			}
			do += o[c][d] * delta(c, d)
			de += nc[c] * nc[d] * delta(c, d)
		}
	}
	do /= n
	de /= n * (n - 1)
	r := Result{Observed: do, Expected: de, Units: len(p.units), Coders: p.coders, Values: int(math.Round(n)),
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

// difference returns the squared difference function δ² of a level over
// value indexes.
func (p *prepared) difference(level schema.Level, nc []float64) func(c, d int) float64 {
	switch level {
	case schema.Ordinal:
		// δ²(c, d) = (Σ_{g=c..d} n_g − (n_c + n_d)/2)², values in rank order.
		cum := make([]float64, len(nc)+1)
		for i, x := range nc {
			cum[i+1] = cum[i] + x
		}
		return func(c, d int) float64 {
			if c > d {
				c, d = d, c
			}
			s := cum[d+1] - cum[c] - (nc[c]+nc[d])/2
			return s * s
		}
	case schema.Interval:
		return func(c, d int) float64 {
			x := p.nums[c] - p.nums[d]
			return x * x
		}
	case schema.Ratio:
		return func(c, d int) float64 {
			sum := p.nums[c] + p.nums[d]
			if sum == 0 {
				return 0 // both 0 (as "0" and "0.0"): values are 0 or more
			}
			x := (p.nums[c] - p.nums[d]) / sum
			return x * x
		}
	}
	return func(c, d int) float64 {
		if c == d {
			return 0
		}
		return 1
	}
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
	p, err := prepare(codings, level, order)
	if err != nil {
		return Interval{}, err
	}
	if samples < 2 {
		return Interval{}, fmt.Errorf("%w, not %d", ErrSamples, samples)
	}
	rng := rand.New(rand.NewPCG(seed, seed^0xda3e39cb94b95bdb))
	var alphas []float64
	units := p.units
	for s := 0; s < samples; s++ {
		q := *p
		q.units = make([][]int, len(units))
		for i := range q.units {
			q.units[i] = units[rng.IntN(len(units))]
		}
		r, err := q.alpha(level)
		if err == nil {
			alphas = append(alphas, r.Alpha)
		}
	}
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

// CohenKappa computes Cohen's kappa between two coders over the units both
// coded: (p_o − p_e) / (1 − p_e), with chance agreement from each coder's
// own distribution of values.
func CohenKappa(codings []Coding) (float64, error) {
	coders := map[string]map[string]string{}
	var names []string
	for _, c := range codings {
		if c.Value == "" {
			continue
		}
		if coders[c.Coder] == nil {
			coders[c.Coder] = map[string]string{}
			names = append(names, c.Coder)
		}
		if _, dup := coders[c.Coder][c.UnitID]; dup {
			return 0, fmt.Errorf("%w: coder %q, unit %q", ErrDuplicate, c.Coder, c.UnitID)
		}
		coders[c.Coder][c.UnitID] = c.Value
	}
	if len(names) != 2 {
		return 0, fmt.Errorf("%w (found %d)", ErrNotTwoCoders, len(names))
	}
	a, b := coders[names[0]], coders[names[1]]
	countA, countB := map[string]float64{}, map[string]float64{}
	var n, agree float64
	for unit, va := range a {
		vb, ok := b[unit]
		if !ok {
			continue
		}
		n++
		countA[va]++
		countB[vb]++
		if va == vb {
			agree++
		}
	}
	if n == 0 {
		return 0, ErrNoPairs
	}
	var pe float64
	for v, ca := range countA {
		pe += (ca / n) * (countB[v] / n)
	}
	if pe == 1 {
		return math.NaN(), ErrNoVariation
	}
	return (agree/n - pe) / (1 - pe), nil
}
