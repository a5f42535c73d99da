package plot_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/plot"
)

// Draw the strategy profile of every responder and save it as a PNG (an
// .svg name gives SVG). The caption names the selection and the dataset.
func ExampleProfile() {
	d, err := plot.Load("", analysis.Filter{}) // the embedded dataset
	if err != nil {
		log.Fatal(err)
	}
	fig, err := plot.Profile(d, analysis.ProfileOptions{By: analysis.ByResponder})
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "figures")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := fig.Save(filepath.Join(dir, "profile.png")); err != nil {
		log.Fatal(err)
	}
	w, h := fig.Pixels()
	fmt.Println(fig.Plot.Title.Text)
	fmt.Printf("%d × %d px\n", w, h)
	fmt.Println(fig.Caption)
	// Output:
	// Response strategies by responder
	// 1350 × 2940 px
	// Share of each responder's observed responses (n in the legend) coded with each strategy; a response may use several. Selection: all responses. Source: rejoinder dataset 2.1.0, codebook 2.1.0.
}

// The timeline of Russia's responses: each point a response, at the days
// from the accusation it answers.
func ExampleTimeline() {
	d, err := plot.Load("", analysis.Filter{})
	if err != nil {
		log.Fatal(err)
	}
	fig, err := plot.Timeline(d, analysis.Filter{Responders: []string{"RUS"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(fig.Plot.X.Label.Text)
	fmt.Println(fig.Caption)
	// Output:
	// days since the accusation answered (day 0: the accusation's date)
	// Each point is one observed response (111 shown), at the days from the accusation it answers; same-day responses are stacked. The axis is logarithmic (in 1 + days). 13 observed response(s) with no day-exact lag are not shown. Selection: responder RUS. Source: rejoinder dataset 2.1.0, codebook 2.1.0.
}

// The case similarity heat map, cases in clustering order.
func ExampleSimilarity() {
	d, err := plot.Load("", analysis.Filter{})
	if err != nil {
		log.Fatal(err)
	}
	fig, err := plot.Similarity(d, analysis.Cosine, analysis.Filter{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(fig.Plot.Title.Text)
	// Output:
	// Case similarity: cosine of the strategy profiles
}
