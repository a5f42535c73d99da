package synth

import (
	"testing"
)

func TestGenerateIsValidAndDeterministic(t *testing.T) {
	a, err := Generate(Options{Cases: 40, Responses: 1000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if problems := a.Validate(); len(problems) > 0 {
		t.Fatalf("synthetic data invalid (%d problems), first: %v", len(problems), problems[0])
	}
	if len(a.Cases) != 40 || len(a.Responses) != 1000 {
		t.Fatalf("%d cases, %d responses", len(a.Cases), len(a.Responses))
	}
	b, _ := Generate(Options{Cases: 40, Responses: 1000, Seed: 7})
	c, _ := Generate(Options{Cases: 40, Responses: 1000, Seed: 8})
	if a.ContentHash() != b.ContentHash() {
		t.Error("same seed, different data")
	}
	if a.ContentHash() == c.ContentHash() {
		t.Error("different seeds, same data")
	}
	// Realistic shape: several responses per accusation, skewed strategies,
	// some coarse or missing dates, some quotes.
	counts := map[string]int{}
	month, missing, quotes, silent := 0, 0, 0, 0
	for _, r := range a.Responses {
		for _, s := range r.Strategies {
			counts[s]++
		}
		switch {
		case r.Date.IsZero():
			missing++
		case r.Date.Precision == 2:
			month++
		}
		quotes += len(r.Quotes)
		if r.Observed == "no_response_found" {
			silent++
		}
	}
	// Weighted draws without replacement flatten the weights (25:4 for
	// denial:identity_dispute), so the skew asked for is a ratio of 3.
	if counts["denial"] < 3*counts["identity_dispute"] || counts["acknowledgement"] > counts["denial"]/20 {
		t.Errorf("strategy frequencies not skewed: %v", counts)
	}
	if month < 20 || missing < 10 || quotes < 1000 || silent < 10 {
		t.Errorf("month %d, missing %d, quotes %d, silent %d", month, missing, quotes, silent)
	}
	if len(a.Accusations) <= 40 {
		t.Errorf("no case has a second accusation (%d accusations)", len(a.Accusations))
	}
	if _, err := Generate(Options{Cases: 0}); err == nil {
		t.Error("zero cases accepted")
	}
	if _, err := Generate(Options{Cases: 5, Responses: 4}); err == nil {
		t.Error("fewer responses than cases accepted: a case would have an unanswered accusation")
	}
}
