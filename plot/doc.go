// Package plot draws rejoinder's figures with gonum.org/v1/plot, as PNG or
// SVG, for a paper or a slide: the strategy profile by responder (a bar
// chart), the response timeline of each case (days from the accusation to
// each response) and the case similarity heat map (in clustering order).
//
// Every figure has a title, axis labels and a caption that says what it
// shows, which responses it selects and which dataset and codebook version
// it was drawn from. Output is deterministic: the same data gives a
// byte-identical SVG and PNG. Files are written to a temporary file and
// renamed into place.
//
// # Where it fits
//
// plot stands beside exports at the end of the flow schema → dataset →
// analysis → exports → cmd/rejoinder: it draws what package analysis
// computes, from the columnar view ([analysis.Columns]) of a dataset, and
// `rejoinder plot profile|timeline|similarity` calls it.
//
// # Entry points
//
// [Load] reads the [Data] a figure needs from the embedded dataset, YAML
// records or a Parquet directory (of which it reads only the columns and
// partitions the filter needs); [FromDataset] takes a dataset already
// loaded. [Profile],
// [Timeline] and [Similarity] return a [Figure], which [Figure.Save]
// writes in the format the file name's extension asks for ([FormatOf]) or
// [Figure.Render] writes to any writer.
//
//	d, err := plot.Load("", analysis.Filter{})          // the embedded dataset
//	fig, err := plot.Profile(d, analysis.ProfileOptions{By: analysis.ByResponder})
//	err = fig.Save("profile.png")                        // or .svg
//
// The command line does the same: `rejoinder plot profile --out profile.png`.
//
// # Examples
//
// ExampleProfile, ExampleTimeline and ExampleSimilarity draw the three
// figures from the embedded dataset and print what they show: titles,
// captions, axis labels and the size of the PNG (go test ./plot -run
// Example -v).
package plot
