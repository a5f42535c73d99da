// Code-a-statement suggests strategy codes for statements, the first step
// of coding: the model learned from the dataset's coded quotes gives each
// code a probability and the words that raised it, for a person to accept
// or reject.
//
// The statements are real: the quotes of two curated responses in the
// embedded dataset, whose human coding is printed beside the suggestion.
// Each is coded by a model fitted without its case, as a new case would
// be (a model that has read a case's own codes repeats them back). The
// last one is an invented sentence (not anybody's statement).
//
//	go run ./examples/code-a-statement
package main

import (
	"fmt"
	"log"
	"strings"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/suggest"
)

func main() {
	ds, err := dataset.Default()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("dataset %s %s\n", ds.Meta.Name, ds.Meta.Version)

	for _, id := range []string{"rus-skripal-2018-r15", "prk-park-2018-r1"} {
		r := ds.Response(id)
		if r == nil {
			log.Fatalf("no response %s", id)
		}
		model, err := suggest.FitDatasetWithout(ds, r.CaseID)
		if err != nil {
			log.Fatal(err)
		}
		s := model.SuggestQuotes(id, suggest.Quotes(r))
		fmt.Printf("\n%s (%s, %s)\n", id, r.Speaker, r.Date)
		for _, q := range r.Quotes {
			fmt.Printf("  %q [%s]\n", q.Text, q.SourceID)
		}
		fmt.Printf("  suggested: %s\n", describe(s))
		fmt.Printf("  coded:     %s\n", strings.Join(r.Strategies, ", "))
	}

	model, err := suggest.Default()
	if err != nil {
		log.Fatal(err)
	}
	const invented = "This is not a smear campaign, but the charges are absurd and we will respond." // invented for this example
	s := model.Suggest("example", invented)
	fmt.Printf("\ninvented sentence: %q\n  suggested: %s\n", invented, describe(s))
}

// describe prints each suggested code with its probability and the words
// that raised it; a suggestion below every cut says so.
func describe(s suggest.Suggestion) string {
	if !s.Coded {
		return "not coded (" + s.Reason + ")"
	}
	parts := make([]string, len(s.Codes))
	for i, c := range s.Codes {
		parts[i] = fmt.Sprintf("%s %.2f (%s)", c, s.Probabilities[c], strings.Join(s.Evidence[c], ", "))
	}
	out := strings.Join(parts, "; ")
	if s.LowConfidence {
		out = "low confidence, none passed its cut: " + out
	}
	return out
}
