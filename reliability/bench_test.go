package reliability

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"

	"github.com/rejoinder/rejoinder/schema"
)

// benchCodings is the bench/reliability.sh data in memory: 1,000,000
// codings of 500,000 units by two coders, 10,000 distinct values.
func benchCodings() []Coding {
	rng := rand.New(rand.NewPCG(1, 1))
	out := make([]Coding, 0, 1000000)
	for u := range 500000 {
		v := rng.IntN(10000) + 1
		w := v
		if rng.IntN(5) == 0 {
			w = rng.IntN(10000) + 1
		}
		unit := "u" + strconv.Itoa(u)
		out = append(out, Coding{UnitID: unit, Coder: "a", Value: strconv.Itoa(v)}, Coding{UnitID: unit, Coder: "b", Value: strconv.Itoa(w)})
	}
	return out
}

// BenchmarkAlpha1M: Alpha of a million codings with 10,000 distinct
// values, at every level (go test ./reliability -run '^$' -bench Alpha1M).
func BenchmarkAlpha1M(b *testing.B) {
	codings := benchCodings()
	for _, level := range []schema.Level{schema.Nominal, schema.Ordinal, schema.Interval, schema.Ratio} {
		b.Run(string(level), func(b *testing.B) {
			for b.Loop() {
				if _, err := Alpha(codings, level, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBootstrapSample1M: one bootstrap resample's alpha of the same
// data (BootstrapAlpha's cost is this times the samples, plus one
// prepare).
func BenchmarkBootstrapSample1M(b *testing.B) {
	codings := benchCodings()
	for _, level := range []schema.Level{schema.Nominal, schema.Ordinal, schema.Interval, schema.Ratio} {
		p, err := prepare(codings, level, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(string(level), func(b *testing.B) {
			for b.Loop() {
				if _, err := p.alpha(level); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Alpha's memory grows with the values, not with the square of the
// distinct values: 20,000 distinct values took the coincidence matrix
// 3.2 GB (and 100,000 ran out of memory); here, with 20,000 units by two
// coders, every level allocates a few megabytes.
func TestAlphaMemoryLinear(t *testing.T) {
	var codings []Coding
	for u := range 20000 {
		unit := "u" + strconv.Itoa(u)
		codings = append(codings, Coding{UnitID: unit, Coder: "a", Value: strconv.Itoa(2*u + 1)},
			Coding{UnitID: unit, Coder: "b", Value: strconv.Itoa(2*u + 2)})
	}
	for _, level := range []schema.Level{schema.Nominal, schema.Ordinal, schema.Interval, schema.Ratio} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		r, err := Alpha(codings, level, nil)
		runtime.ReadMemStats(&after)
		if err != nil || r.Values != 40000 || r.Units != 20000 {
			t.Fatalf("%s: %+v, %v", level, r, err)
		}
		if mb := float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20); mb > 64 {
			t.Errorf("%s: alpha of 40,000 values allocated %.0f MB", level, mb)
		}
	}
}
