package analysis_test

import (
	"sync"
	"testing"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/synth"
)

// The benchmark data: 1,000,000 synthetic responses over 10,000 cases,
// seed 1 — the same data `rejoinder gen --cases 10000 --responses 1000000
// --seed 1` writes, so bench/profile.sh can hand it to pandas.
var (
	benchOnce sync.Once
	benchDS   *dataset.Dataset
)

func benchData(b *testing.B) *dataset.Dataset {
	benchOnce.Do(func() {
		ds, err := synth.Generate(synth.Options{Cases: 10000, Responses: 1000000, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		benchDS = ds
	})
	return benchDS
}

// BenchmarkProfile1M is the whole call a researcher makes: build the
// columns from the records, then count responder × strategy. The target is
// under one second per operation on the project's 2-core machine.
func BenchmarkProfile1M(b *testing.B) {
	ds := benchData(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := analysis.Profile(ds, analysis.ProfileOptions{By: analysis.ByResponder}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProfileColumns1M is the counting alone, on prebuilt columns: the
// part the columnar layout makes cheap.
func BenchmarkProfileColumns1M(b *testing.B) {
	c := analysis.ColumnsOf(benchData(b))
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.Profile(analysis.ProfileOptions{By: analysis.ByResponder}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkColumnsOf1M is building the columnar view from the records.
func BenchmarkColumnsOf1M(b *testing.B) {
	ds := benchData(b)
	b.ResetTimer()
	for b.Loop() {
		analysis.ColumnsOf(ds)
	}
}

// BenchmarkProfileParquet1M counts responder × strategy straight from the
// Parquet file of the same data, batch by batch: the path
// `rejoinder profile --data DIR` takes. Allocation per operation is the
// memory a profile needs beyond the batches being read.
func BenchmarkProfileParquet1M(b *testing.B) {
	dir := b.TempDir()
	if _, err := benchData(b).WriteParquet(dir); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := analysis.ProfileParquet(dir, analysis.ProfileOptions{By: analysis.ByResponder}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResponses20k builds the Responses frame of 20,000 synthetic
// responses: one accusation lookup a response, through dataset.Index (a
// scan each made it quadratic: 209 ms against 83 ms here, median of 3).
func BenchmarkResponses20k(b *testing.B) {
	ds, err := synth.Generate(synth.Options{Cases: 2000, Responses: 20000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := analysis.Responses(ds); err != nil {
			b.Fatal(err)
		}
	}
}
