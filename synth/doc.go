// Package synth generates synthetic rejoinder datasets for benchmarks and
// tests: as many cases and responses as asked, deterministic for a seed,
// valid against the codebook, and shaped like the curated data (several
// responses per accusation, skewed strategy frequencies, quotes of
// realistic length, some dates known only to the month or not at all).
// The curated dataset is far too small to measure how rejoinder scales;
// synthetic data can be made as large as a measurement needs.
//
// Synthetic records are marked as such everywhere a reader could mistake
// them for research: case ids start with "syn-", titles say "Synthetic",
// sources point to example.org, and the dataset's name is
// "rejoinder-synthetic". They contain no real quotes.
//
// # Where it fits
//
// Data flows schema → dataset → analysis → exports → cmd/rejoinder. synth
// stands at the start, beside dataset: it builds a [*dataset.Dataset] in
// memory, with the codes of package schema's codebook. `rejoinder gen`
// writes it as Parquet or YAML for the benchmark scripts under bench/,
// and the benchmarks of packages analysis and exports generate it
// directly.
//
// # Entry point
//
// [Generate] takes [Options] (cases, responses, seed):
//
//	ds, err := synth.Generate(synth.Options{Cases: 1000, Responses: 1_000_000, Seed: 1})
//	if err != nil {
//		return err
//	}
//	paths, err := ds.WriteParquet("/tmp/syn") // what `rejoinder gen --out /tmp/syn` does
//
// # Examples
//
// ExampleGenerate makes a small dataset, checks it against the codebook
// and shows that the same seed gives the same data (go test ./synth -run
// Example -v).
package synth
