package exports

import (
	"io"
	"sync"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/synth"
)

var (
	bench200kOnce sync.Once
	bench200k     *dataset.Dataset
)

// BenchmarkWorkbook200k writes the full workbook of 200,000 synthetic
// responses (rejoinder gen --cases 2000 --responses 200000 --seed 1).
func BenchmarkWorkbook200k(b *testing.B) {
	bench200kOnce.Do(func() {
		ds, err := synth.Generate(synth.Options{Cases: 2000, Responses: 200000, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		bench200k = ds
	})
	b.ResetTimer()
	for b.Loop() {
		if err := WriteWorkbook(io.Discard, bench200k, WorkbookOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
