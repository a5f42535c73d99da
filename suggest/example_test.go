package suggest_test

import (
	"fmt"
	"log"
	"slices"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
	"github.com/rejoinder/rejoinder/suggest"
)

// Suggest codes for responses of the curated data from their quotes
// alone, beside the codes a researcher gave them. Each suggested code
// comes with the words that triggered it; a second coder leaves out the
// cues drawn from the Salisbury case's own quotes, as the
// leave-one-case-out evaluation (Evaluate) does, and keeps only what the
// codebook's generic cues find; a response quoted in Italian is not coded
// at all.
func ExampleCoder_Suggest() {
	ds := dataset.MustDefault()
	all, err := suggest.New(schema.Default(), "", nil)
	if err != nil {
		log.Fatal(err)
	}
	heldOut, err := suggest.New(schema.Default(), "rus-skripal-2018", nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range ds.Responses {
		if r.ResponseID != "rus-skripal-2018-r15" && r.ResponseID != "rus-navalny-2020-r0" {
			continue
		}
		fmt.Println(r.ResponseID, "coded:", r.Strategies)
		s := all.Suggest(r.ResponseID, suggest.Text(&r))
		if !s.Coded {
			fmt.Println("  language", s.Language+":", s.Reason)
			continue
		}
		fmt.Println("  suggested:", s.Codes, s.Evidence)
		s = heldOut.Suggest(r.ResponseID, suggest.Text(&r))
		fmt.Println("  held out: ", s.Codes, s.Evidence)
	}
	// Output:
	// rus-navalny-2020-r0 coded: [evidence_rejection]
	//   language und: not English: not coded rather than coded badly
	// rus-skripal-2018-r15 coded: [denial identity_dispute]
	//   suggested: [denial identity_dispute] map[denial:[nothing criminal] identity_dispute:[civilians]]
	//   held out:  [identity_dispute] map[identity_dispute:[civilians]]
}

// Code a statement in Russian with the model fitted on the embedded
// dataset: each suggested code has a probability and the words that
// raised it. What is printed here does not depend on the exact figures.
func ExampleModel_Suggest() {
	model, err := suggest.Default()
	if err != nil {
		log.Fatal(err)
	}
	s := model.Suggest("1", "Эти беспочвенные обвинения — очередная провокация.")
	fmt.Println("coded:", s.Coded, "language:", s.Language)
	p := s.Probabilities["evidence_rejection"]
	fmt.Println("evidence_rejection suggested:", slices.Contains(s.Codes, "evidence_rejection"), "probability in (0, 1]:", p > 0 && p <= 1)
	fmt.Println("words behind it include беспочвенн:", slices.Contains(s.Evidence["evidence_rejection"], "беспочвенн"))
	// Output:
	// coded: true language: ru
	// evidence_rejection suggested: true probability in (0, 1]: true
	// words behind it include беспочвенн: true
}
