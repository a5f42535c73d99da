// Code-a-statement runs the dictionary coder on statements, the first step
// of coding: it suggests strategy codes and shows the words that triggered
// each, for a person to accept or reject.
//
// The statements are real: the quotes of two curated responses in the
// embedded dataset, whose human coding is printed beside the suggestion.
// The last one is an invented sentence (not anybody's statement) that shows
// the coder handling a negated cue.
//
//	go run ./examples/code-a-statement
package main

import (
	"fmt"
	"log"
	"strings"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
	"github.com/rejoinder/rejoinder/suggest"
)

func main() {
	ds, err := dataset.Default()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("dataset %s %s\n", ds.Meta.Name, ds.Meta.Version)
	coder, err := suggest.New(ds.Codebook, "", nil)
	if err != nil {
		log.Fatal(err)
	}

	for _, id := range []string{"rus-skripal-2018-r15", "prk-park-2018-r1"} {
		r := findResponse(ds, id)
		text := suggest.Text(r) // the response's quotes, joined
		s := coder.Suggest(id, text)
		fmt.Printf("\n%s (%s, %s)\n", id, r.Speaker, r.Date)
		for _, q := range r.Quotes {
			fmt.Printf("  %q [%s]\n", q.Text, q.SourceID)
		}
		fmt.Printf("  suggested: %s\n", describe(s))
		fmt.Printf("  coded:     %s\n", strings.Join(r.Strategies, ", "))
	}

	const invented = "This is not a smear campaign, but the charges are absurd and we will respond." // invented for this example
	s := coder.Suggest("example", invented)
	fmt.Printf("\ninvented sentence: %q\n  suggested: %s\n", invented, describe(s))
}

// describe prints each suggested code with the words that triggered it.
func describe(s suggest.Suggestion) string {
	if !s.Coded {
		return "not coded (" + s.Reason + ")"
	}
	if len(s.Codes) == 0 {
		return "(none)"
	}
	parts := make([]string, len(s.Codes))
	for i, c := range s.Codes {
		parts[i] = fmt.Sprintf("%s (%s)", c, strings.Join(s.Evidence[c], ", "))
	}
	return strings.Join(parts, "; ")
}

func findResponse(ds *dataset.Dataset, id string) *schema.Response {
	for i := range ds.Responses {
		if ds.Responses[i].ResponseID == id {
			return &ds.Responses[i]
		}
	}
	log.Fatalf("no response %s", id)
	return nil
}
