// Compare-seed-cases puts the project's two seed cases side by side —
// North Korea's answer to the 2018 US charges against Park Jin Hyok and
// Russia's answers to the UK over the Salisbury poisoning — and then reads
// the quotes behind the move both share: disputing who the named suspects
// are (identity_dispute).
//
// Run it from the repository root:
//
//	go run ./examples/compare-seed-cases
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
	// The dataset embedded in the module: validated, the same for everyone
	// who runs this program at the same version.
	ds, err := dataset.Default()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("dataset %s %s\n\n", ds.Meta.Name, ds.Meta.Version)

	// One row per attribute, one column per case.
	df, err := analysis.CompareCases(ds, "prk-park-2018", "rus-skripal-2018")
	if err != nil {
		log.Fatal(err)
	}
	// The long text rows (titles, names) are left out to keep the table narrow.
	keep := map[string]bool{"accuser": true, "accused_state": true, "instrument": true,
		"accusation_date": true, "first_response_lag_days": true, "responses": true, "shared_strategies": true}
	var rows []int
	for i, attr := range df.Col("attribute").Records() {
		if keep[attr] {
			rows = append(rows, i)
		}
	}
	narrow := df.Subset(rows)
	if narrow.Err != nil {
		log.Fatal(narrow.Err)
	}
	if err := exports.WriteFrame(os.Stdout, narrow, exports.FormatTable); err != nil {
		log.Fatal(err)
	}

	// The shared move, in the accused states' own words: every quote of a
	// response coded identity_dispute in either case, with its source.
	fmt.Println("\nidentity_dispute, in the responders' words:")
	for _, caseID := range []string{"prk-park-2018", "rus-skripal-2018"} {
		for _, r := range ds.ResponsesOf(caseID) {
			if !has(r.Strategies, "identity_dispute") {
				continue
			}
			fmt.Printf("%s  %s  %s (%s)\n", r.ResponseID, r.Date, r.Speaker, r.Organ)
			for _, q := range r.Quotes {
				fmt.Printf("    %q [%s]\n", q.Text, q.SourceID)
			}
		}
	}
}

func has(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
