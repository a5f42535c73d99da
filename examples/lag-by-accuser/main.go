// Lag-by-accuser prints, as CSV, how many days each accuser waited for an
// answer: per accuser, the median, mean and range of the lag from the
// accusation to each response, over the responses whose lag is known
// (both dates exact to the day, the response not anticipatory), with how
// many lags are unknown. Unknown lags are skipped, never averaged in.
//
//	go run ./examples/lag-by-accuser
package main

import (
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
	responses, err := analysis.Responses(ds)
	if err != nil {
		log.Fatal(err)
	}
	lags, err := analysis.KnownStats(responses, "lag_days", "accuser")
	if err != nil {
		log.Fatal(err)
	}
	if err := exports.WriteFrame(os.Stdout, lags, exports.FormatCSV); err != nil {
		log.Fatal(err)
	}
}
