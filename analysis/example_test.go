package analysis_test

import (
	"fmt"
	"log"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
)

// Compare the two cases that started the project: who accused whom, how
// fast the accused answered, and which moves both answers share.
func ExampleCompareCases() {
	ds, err := dataset.Default()
	if err != nil {
		log.Fatal(err)
	}
	df, err := analysis.CompareCases(ds, "prk-park-2018", "rus-skripal-2018")
	if err != nil {
		log.Fatal(err)
	}
	for i, attr := range df.Col("attribute").Records() {
		switch attr {
		case "accuser", "accusation_date", "first_response_lag_days", "shared_strategies":
			fmt.Printf("%s: %s | %s\n", attr, df.Col("prk-park-2018").Records()[i], df.Col("rus-skripal-2018").Records()[i])
		}
	}
	// Output:
	// accuser: USA | GBR
	// accusation_date: 2018-09-06 | 2018-03-12
	// first_response_lag_days: 8 | 0
	// shared_strategies: denial; evidence_rejection; smear_framing; identity_dispute; counter_accusation | denial; evidence_rejection; smear_framing; identity_dispute; counter_accusation
}

// Profile the strategies each responder uses: the share of its observed
// responses that deny, dispute identities, and so on.
func ExampleStrategyProfile() {
	ds := dataset.MustDefault()
	df, err := analysis.StrategyProfile(ds, analysis.ByResponder)
	if err != nil {
		log.Fatal(err)
	}
	rus := df.Filter(dataframeEq("responder", "RUS")).Filter(dataframeEq("strategy", "identity_dispute"))
	fmt.Println(df.Names())
	fmt.Printf("RUS identity_dispute: %s of %s responses\n", rus.Col("count").Records()[0], rus.Col("responses").Records()[0])
	// Output:
	// [responder strategy count responses share]
	// RUS identity_dispute: 5 of 124 responses
}

// Start from one row per response, with one boolean column per strategy,
// and pick out the responses that dispute the accused persons' identity.
func ExampleResponses() {
	ds := dataset.MustDefault()
	df, err := analysis.Responses(ds)
	if err != nil {
		log.Fatal(err)
	}
	ids := df.Filter(dataframeEq("identity_dispute", "true")).Filter(dataframeEq("case_id", "rus-skripal-2018"))
	fmt.Println(ids.Col("response_id").Records())
	fmt.Println(ids.Col("lag_days").Records())
	// Output:
	// [rus-skripal-2018-r10 rus-skripal-2018-r11 rus-skripal-2018-r15]
	// [0 0 7]
}
