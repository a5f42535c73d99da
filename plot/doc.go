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
//	d, err := plot.Load("", analysis.Filter{})          // the embedded dataset
//	fig, err := plot.Profile(d, analysis.ProfileOptions{By: analysis.ByResponder})
//	err = fig.Save("profile.png")                        // or .svg
//
// The command line does the same: `rejoinder plot profile --out profile.png`.
package plot
