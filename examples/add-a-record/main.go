// Add-a-record adds a case to the dataset in code and validates it, as a
// researcher extending the data from a script would. So that no fact is
// invented here, the case is a real one taken out of a copy of the embedded
// dataset (prk-park-2018) and added back: first with a mistyped code, which
// the validation refuses with every problem named, then as recorded.
//
//	go run ./examples/add-a-record
package main

import (
	"errors"
	"fmt"
	"log"
	"slices"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

const caseID = "prk-park-2018"

func main() {
	ds, err := dataset.Default() // a copy of its own: changing it changes nobody else's
	if err != nil {
		log.Fatal(err)
	}
	c, sources, accusations, responses := takeOut(ds, caseID)
	fmt.Printf("without %s: %d cases\n", caseID, len(ds.Cases))

	// A typo in a strategy code: the case is refused, the dataset unchanged.
	typo := slices.Clone(responses)
	typo[0].Strategies = append(slices.Clone(typo[0].Strategies), "denail")
	err = ds.AddCase(c, sources, accusations, typo)
	var problems schema.ErrorList
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Println("refused:", p)
		}
	}
	fmt.Printf("after the refusal: %d cases\n", len(ds.Cases))

	// As recorded: accepted, and the analyses see it at once.
	if err := ds.AddCase(c, sources, accusations, responses); err != nil {
		log.Fatal(err)
	}
	s, err := analysis.Summarize(ds, caseID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("added %s: %d cases; %d observed responses, first after %d days, strategies %v\n",
		caseID, len(ds.Cases), s.Responses, s.FirstResponseLag, s.Strategies)
}

// takeOut removes a case and its records from ds and returns them as a
// researcher would have built them: without the ids the loader derives
// (AddCase fills those in).
func takeOut(ds *dataset.Dataset, id string) (schema.Case, []schema.Source, []schema.Accusation, []schema.Response) {
	var c schema.Case
	var sources []schema.Source
	var accusations []schema.Accusation
	var responses []schema.Response
	ds.Cases = slices.DeleteFunc(ds.Cases, func(x schema.Case) bool {
		if x.CaseID == id {
			c = x
		}
		return x.CaseID == id
	})
	cited := map[string]bool{}
	ds.Accusations = slices.DeleteFunc(ds.Accusations, func(x schema.Accusation) bool {
		if x.CaseID == id {
			accusations = append(accusations, x)
			for _, s := range x.Sources {
				cited[s] = true
			}
		}
		return x.CaseID == id
	})
	ds.Responses = slices.DeleteFunc(ds.Responses, func(x schema.Response) bool {
		if x.CaseID == id {
			responses = append(responses, x)
			for _, s := range x.Sources {
				cited[s] = true
			}
			for _, q := range x.Quotes {
				cited[q.SourceID] = true
			}
		}
		return x.CaseID == id
	})
	// The case's sources are those its records cite.
	ds.Sources = slices.DeleteFunc(ds.Sources, func(x schema.Source) bool {
		if cited[x.SourceID] {
			sources = append(sources, x)
		}
		return cited[x.SourceID]
	})
	// Records built in code have no position in a file.
	c.Pos = nil
	for i := range sources {
		sources[i].Pos = nil
	}
	for i := range accusations {
		accusations[i].Pos = nil
	}
	for i := range responses {
		responses[i].Pos = nil
	}
	return c, sources, accusations, responses
}
