// Denial-2018 answers "which strategies came with denial in 2018, responder
// by responder?" in one call, and prints the answer as CSV: per responder,
// each strategy used together with denial in an observed 2018 response,
// how many responses used both, and how many denied at all.
//
//	go run ./examples/denial-2018
package main

import (
	"log"
	"os"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/schema"
)

func main() {
	ds, err := dataset.Default()
	if err != nil {
		log.Fatal(err)
	}
	from, _ := schema.ParseDate("2018-01-01")
	to, _ := schema.ParseDate("2018-12-31")
	pairs, err := analysis.CoOccurrences(ds, analysis.CoOccurrenceOptions{
		Filter: analysis.Filter{From: from, To: to},
		By:     analysis.ByResponder,
		With:   "denial",
	})
	if err != nil {
		log.Fatal(err)
	}
	// Keep the pairs that occurred; strategy_a is denial in every row,
	// and the row denial × denial holds the number of denials.
	used := pairs.Filter(dataframe.F{Colname: "both", Comparator: series.Greater, Comparando: 0}).
		Select([]string{"responder", "strategy_b", "both", "count_a"}).
		Rename("strategy", "strategy_b").
		Rename("denials", "count_a")
	if used.Err != nil {
		log.Fatal(used.Err)
	}
	if err := exports.WriteFrame(os.Stdout, used, exports.FormatCSV); err != nil {
		log.Fatal(err)
	}
}
