package reliability

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/rejoinder/rejoinder/schema"
)

// alphaMatrix is the implementation alpha replaced, kept as the reference
// it must agree with: Krippendorff's coincidence matrix, quadratic in
// distinct values, then D_o and D_e summed over its cells.
func (p *prepared) alphaMatrix(level schema.Level) (Result, error) {
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

// drawCodings draws reliability data: units coded by 2 to coders coders
// with some values missing, values from a level-fitting distribution with
// about distinct distinct values.
func drawCodings(rng *rand.Rand, level schema.Level, units, coders, distinct int) []Coding {
	var pool []string
	for i := 0; i < distinct; i++ {
		var v string
		switch {
		case level == schema.Nominal || level == schema.Ordinal:
			v = "v" + strconv.Itoa(i)
			if rng.IntN(2) == 0 {
				v = strconv.Itoa(rng.IntN(10 * distinct)) // ordered as numbers
			}
		case i%3 == 0: // log-uniform over twelve orders of magnitude
			v = strconv.FormatFloat(math.Pow(10, rng.Float64()*12-6), 'g', -1, 64)
		case level == schema.Interval:
			v = strconv.FormatFloat(rng.NormFloat64()*100, 'g', 8, 64)
		case i%3 == 1 && i < 3:
			v = "0" // zeros are values of their own at the ratio level
		default:
			v = strconv.FormatFloat(rng.Float64()*1000, 'g', 8, 64)
		}
		pool = append(pool, v)
	}
	if level == schema.Ordinal || level == schema.Nominal {
		pool = slices.Compact(slices.Sorted(slices.Values(pool)))
	}
	var out []Coding
	for u := 0; u < units; u++ {
		near := rng.IntN(len(pool)) // coders mostly agree: values near one
		for c := 0; c < 2+rng.IntN(coders-1); c++ {
			if rng.IntN(8) == 0 {
				continue // missing
			}
			i := near
			if rng.IntN(3) == 0 {
				i = rng.IntN(len(pool))
			}
			out = append(out, Coding{UnitID: strconv.Itoa(u), Coder: "c" + strconv.Itoa(c), Value: pool[i]})
		}
	}
	return out
}

// close reports whether a and b agree to 1e-9, relative to the larger.
func closeTo(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*max(1, math.Abs(a), math.Abs(b))
}

// alpha (sums over values) agrees with the coincidence matrix to 1e-9 at
// every level, on random data of many shapes: few and many distinct
// values (many take the ratio level's quadrature), wide ranges, zeros,
// missing values, units coded by up to 12 coders.
func TestAlphaAgreesWithCoincidenceMatrix(t *testing.T) {
	levels := []schema.Level{schema.Nominal, schema.Ordinal, schema.Interval, schema.Ratio}
	shapes := []struct{ units, coders, distinct int }{
		{5, 2, 3}, {40, 4, 10}, {200, 3, 60}, {300, 12, 150}, {400, 2, 400},
	}
	checked := 0
	for seed := uint64(1); seed <= 12; seed++ {
		for _, level := range levels {
			for _, sh := range shapes {
				rng := rand.New(rand.NewPCG(seed, uint64(sh.distinct)))
				codings := drawCodings(rng, level, sh.units, sh.coders, sh.distinct)
				p, err := prepare(codings, level, nil)
				if err != nil {
					t.Fatalf("seed %d %s %v: %v", seed, level, sh, err)
				}
				got, gerr := p.alpha(level)
				want, werr := p.alphaMatrix(level)
				name := fmt.Sprintf("seed %d, %s, %d units, %d distinct values", seed, level, sh.units, len(p.values))
				if (gerr == nil) != (werr == nil) {
					t.Errorf("%s: error %v, want %v", name, gerr, werr)
					continue
				}
				if werr != nil {
					continue
				}
				checked++
				if !closeTo(got.Alpha, want.Alpha) || !closeTo(got.Observed, want.Observed) || !closeTo(got.Expected, want.Expected) ||
					!closeTo(got.Agreement, want.Agreement) || got.Values != want.Values || got.Units != want.Units || got.Coders != want.Coders {
					t.Errorf("%s:\n got %+v\nwant %+v (alpha differs by %g)", name, got, want, got.Alpha-want.Alpha)
				}
			}
		}
	}
	if checked < 200 {
		t.Errorf("only %d comparisons had variation", checked)
	}
}

// The bootstrap resamples units and recomputes alpha: its interval is the
// one the coincidence matrix gives on the same resamples, to 1e-9.
func TestBootstrapAgreesWithCoincidenceMatrix(t *testing.T) {
	for _, level := range []schema.Level{schema.Nominal, schema.Ordinal, schema.Interval, schema.Ratio} {
		rng := rand.New(rand.NewPCG(7, 7))
		codings := drawCodings(rng, level, 60, 4, 80)
		got, err := BootstrapAlpha(codings, level, nil, 200, 3)
		if err != nil {
			t.Fatal(err)
		}
		// The same resamples as BootstrapAlpha draws, measured by the matrix.
		p, _ := prepare(codings, level, nil)
		r := rand.New(rand.NewPCG(3, 3^0xda3e39cb94b95bdb))
		var alphas []float64
		for s := 0; s < 200; s++ {
			q := *p
			q.units = make([][]int, len(p.units))
			for i := range q.units {
				q.units[i] = p.units[r.IntN(len(p.units))]
			}
			if a, err := q.alphaMatrix(level); err == nil {
				alphas = append(alphas, a.Alpha)
			}
		}
		slices.Sort(alphas)
		at := func(q float64) float64 {
			i := q * float64(len(alphas)-1)
			lo := int(math.Floor(i))
			hi := min(lo+1, len(alphas)-1)
			return alphas[lo] + (alphas[hi]-alphas[lo])*(i-float64(lo))
		}
		if !closeTo(got.Low, at(0.025)) || !closeTo(got.High, at(0.975)) || got.Samples != len(alphas) {
			t.Errorf("%s: interval %+v, matrix gives [%g, %g] over %d", level, got, at(0.025), at(0.975), len(alphas))
		}
	}
}
