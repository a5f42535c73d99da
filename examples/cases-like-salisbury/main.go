// Cases-like-salisbury finds the cases whose answers most resemble Russia's
// answers over the 2018 Salisbury poisoning (rus-skripal-2018): by the
// Jaccard similarity of the sets of strategies used, and by the cosine of
// the strategy profiles. It ends with the order in which hierarchical
// clustering places all cases, the order the similarity heat map uses.
//
//	go run ./examples/cases-like-salisbury
package main

import (
	"fmt"
	"log"
	"os"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
)

func main() {
	ds, err := dataset.Default()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("dataset %s %s\n", ds.Meta.Name, ds.Meta.Version)
	// One columnar view serves several analyses.
	c := analysis.ColumnsOf(ds)

	for _, metric := range analysis.Metrics {
		near, err := analysis.Nearest(c, "rus-skripal-2018", metric, 3, analysis.Filter{})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("\nnearest to rus-skripal-2018 by %s:\n", metric)
		if err := exports.WriteFrame(os.Stdout, near.Select([]string{"case_id", "jaccard", "cosine"}), exports.FormatTable); err != nil {
			log.Fatal(err)
		}
	}

	// What the closest case shares with Salisbury, in strategy codes.
	near, err := analysis.Nearest(c, "rus-skripal-2018", analysis.Jaccard, 1, analysis.Filter{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("\n%s shares: %s\n", near.Col("case_id").Records()[0], near.Col("shared_strategies").Records()[0])

	order, _, err := analysis.Clusters(c, analysis.Jaccard, analysis.Filter{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("\nclustering order (average linkage on 1 - Jaccard):")
	for i, id := range order {
		fmt.Printf("%2d. %s\n", i+1, id)
	}
}
