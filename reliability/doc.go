// Package reliability measures how far independent coders agree:
// Krippendorff's alpha for any number of coders, missing values and all
// four levels of measurement, Cohen's kappa for two coders, and percent
// agreement. A codebook is trusted only once its coders agree, and journals
// expect these figures.
//
// Input is long format, one judgement per row: which unit, which coder,
// which value. A unit that only one coder coded cannot show agreement or
// disagreement and is left out (it is not pairable).
//
// # Where it fits
//
// reliability stands beside the flow schema → dataset → analysis →
// exports → cmd/rejoinder rather than on it: it depends only on package
// schema (for the [schema.Level] of a variable) and knows nothing of
// datasets. Package coding gathers the
// codings of filled coding templates and measures them here, variable by
// variable, for `rejoinder reliability` and the workbook's Reliability
// sheet; the command also reads a plain CSV file of codings.
//
// # Entry points
//
// [Alpha] computes Krippendorff's alpha with the figures behind it (a
// [Result]: observed and expected disagreement, pairable units, coders
// and values, percent agreement); [BootstrapAlpha] adds a seeded 95%
// [Interval]; [CohenKappa] covers the two-coder case; [ReadCSV] reads
// codings from a CSV file with columns unit, coder and value, with errors
// that carry the file and line.
//
//	codings := []reliability.Coding{
//		{UnitID: "r1", Coder: "ana", Value: "denial"},
//		{UnitID: "r1", Coder: "ben", Value: "denial"},
//		// ...
//	}
//	res, err := reliability.Alpha(codings, schema.Nominal, nil)
//	ci, err := reliability.BootstrapAlpha(codings, schema.Nominal, nil, 2000, 1)
//
// # Examples
//
// ExampleAlpha reproduces Krippendorff's published worked example at all
// four levels; ExampleCohenKappa works a two-coder case by hand (go test
// ./reliability -run Example -v).
package reliability
