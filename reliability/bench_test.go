package reliability

import (
	"math/rand/v2"
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
