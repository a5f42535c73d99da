package reliability

import "math"

// directPairs is the number of distinct values up to which ratioPairSum
// sums δ² over every pair of them: fewer pairs than the quadrature's
// nodes times values.
const directPairs = 64

// ratioPairSum returns Σ n_c n_d δ²(x_c, x_d) over ordered pairs of the
// values rs counts, with the ratio difference δ² = ((x−y)/(x+y))² of
// values 0 or more (0 for two zeros, 1 for a zero and a positive value).
//
// Over many distinct values it does not visit the pairs: since
// 1/(x+y)² = ∫₀^∞ t e^{−t(x+y)} dt,
//
//	Σ_{c,d} n_c n_d (x_c−x_d)²/(x_c+x_d)² = ∫₀^∞ 2t B(t) V(t) dt,
//
// with weights w_c = n_c e^{−t x_c}, B = Σ w_c and V = Σ w_c (x_c − μ)²
// about their weighted mean μ: a weighted variance, summed without
// cancellation. Over s = ln t the integrand is smooth and analytic in a
// strip, and vanishes fast at both ends, so the trapezoid rule with step
// h is exact to about e^{−π²/(2h)} (1e−21 at the step below): the sum
// agrees with the pairwise one to rounding, in O(values × nodes), where
// the nodes grow with the log of the values' range, not their number.
func ratioPairSum(nums []float64, rs []run) float64 {
	var zeros, pos float64
	var xs, ns []float64
	for _, r := range rs {
		if x := nums[r.c]; x == 0 {
			zeros += r.n
		} else {
			xs, ns = append(xs, x), append(ns, r.n)
			pos += r.n
		}
	}
	sum := 2 * zeros * pos // a zero and a positive value differ by 1
	if len(xs) <= directPairs {
		for i, x := range xs {
			for j, y := range xs[:i] {
				d := (x - y) / (x + y)
				sum += 2 * ns[i] * ns[j] * d * d
			}
		}
		return sum
	}
	return sum + ratioQuadrature(xs, ns)
}

// quadratureStep is the step in ln t of ratioQuadrature's trapezoid rule.
const quadratureStep = 0.1

// ratioQuadrature is ∫₀^∞ 2t B(t) V(t) dt (see ratioPairSum) for positive
// values xs counted ns times, by the trapezoid rule over s = ln t.
func ratioQuadrature(xs, ns []float64) float64 {
	lo, hi := xs[0], xs[0]
	for _, x := range xs {
		lo, hi = min(lo, x), max(hi, x)
	}
	// Below s = −ln hi − 22 the integrand is under e^{−44} of the total
	// (it grows as t²); above −ln lo + 4 the weights, all at most
	// e^{−t·lo}, have fallen below e^{−54}.
	from, to := -math.Log(hi)-22, -math.Log(lo)+4
	w := make([]float64, len(xs))
	var sum float64
	for s := from; s <= to; s += quadratureStep {
		t := math.Exp(s)
		// Weights relative to the smallest value's, so that they do not
		// all underflow at large t; e^{−2t·lo} restores the scale.
		var b, bx float64
		for i, x := range xs {
			w[i] = ns[i] * math.Exp(-t*(x-lo))
			b += w[i]
			bx += w[i] * x
		}
		mean := bx / b
		var v float64
		for i, x := range xs {
			d := x - mean
			v += w[i] * d * d
		}
		sum += 2 * math.Exp(2*s-2*t*lo) * b * v
	}
	return sum * quadratureStep
}
