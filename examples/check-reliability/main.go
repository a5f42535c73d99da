// Check-reliability measures how far two coders agree, the check a codebook
// must pass before its codes are trusted: Krippendorff's alpha with a
// bootstrap interval, Cohen's kappa and percent agreement, per variable.
//
// The codings here are SYNTHETIC, made up to show the computation: coder
// "alice" copies the dataset's own coding of the two seed cases' responses,
// and coder "bob" is alice with deliberate, rule-made disagreements (he
// never codes smear_framing on an even-numbered response, adds
// counter_accusation to every fifth, and reads mfa_spokesperson as
// foreign_ministry). In real work the codings come from filled coding
// workbooks (`rejoinder coding template` and `rejoinder coding import`).
//
//	go run ./examples/check-reliability
package main

import (
	"fmt"
	"log"
	"math"
	"slices"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
)

func main() {
	ds, err := dataset.Default()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("dataset %s %s\n", ds.Meta.Name, ds.Meta.Version)

	var codings []coding.Coding
	add := func(unit, variable, coder, value string) {
		codings = append(codings, coding.Coding{UnitID: unit, Variable: variable, Coder: coder, Round: 1, Value: value})
	}
	var strategies []string
	for _, v := range ds.Codebook.Strategies() {
		strategies = append(strategies, v.Code)
	}
	n := 0
	for _, caseID := range []string{"prk-park-2018", "rus-skripal-2018"} {
		for _, r := range ds.ResponsesOf(caseID) {
			n++
			bobOrgan := r.Organ
			if bobOrgan == "mfa_spokesperson" {
				bobOrgan = "foreign_ministry"
			}
			add(r.ResponseID, "organ", "alice", r.Organ)
			add(r.ResponseID, "organ", "bob", bobOrgan)
			for _, code := range strategies {
				alice := slices.Contains(r.Strategies, code)
				bob := alice
				switch {
				case code == "smear_framing" && n%2 == 0:
					bob = false
				case code == "counter_accusation" && n%5 == 0:
					bob = true
				}
				add(r.ResponseID, "strategies:"+code, "alice", yesNo(alice))
				add(r.ResponseID, "strategies:"+code, "bob", yesNo(bob))
			}
		}
	}
	fmt.Printf("%d synthetic codings of %d responses by 2 coders\n\n", len(codings), n)

	// 1000 bootstrap samples with a fixed seed: the interval is the same on
	// every run.
	rows, err := coding.Report(ds.Codebook, codings, 1, 1000, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%-34s %6s %15s %6s %9s %5s\n", "variable", "alpha", "95% interval", "kappa", "agreement", "units")
	for _, r := range rows {
		if r.Variable != "organ" && r.Variable != "strategies (all codes)" &&
			r.Variable != "strategies:smear_framing" && r.Variable != "strategies:counter_accusation" &&
			r.Variable != "strategies:denial" {
			continue
		}
		fmt.Printf("%-34s %6s %15s %6s %8.0f%% %5d\n", r.Variable, num(r.Alpha),
			"["+num(r.Low)+", "+num(r.High)+"]", num(r.Kappa), 100*r.Agreement, r.Units)
	}
	fmt.Println("\nalpha >= 0.8 is the usual bar for drawing conclusions; 0.667 for tentative ones.")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// num prints a measure with three decimals, or "n/a" when it is undefined
// (NaN: no variation to agree on).
func num(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return fmt.Sprintf("%.3f", x)
}
