package reliability_test

import (
	"fmt"
	"log"
	"os"

	"github.com/rejoinder/rejoinder/reliability"
	"github.com/rejoinder/rejoinder/schema"
)

// Krippendorff's own worked example (four coders, twelve units, missing
// values; "Computing Krippendorff's Alpha-Reliability", 2011), read from a
// long-format CSV file (unit, coder, value) and measured at every level.
func ExampleAlpha() {
	f, err := os.Open("testdata/krippendorff2011.csv")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	codings, err := reliability.ReadCSV(f, "krippendorff2011.csv")
	if err != nil {
		log.Fatal(err)
	}
	for _, level := range []schema.Level{schema.Nominal, schema.Ordinal, schema.Interval, schema.Ratio} {
		r, err := reliability.Alpha(codings, level, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%-8s alpha %.3f (%d units, %d coders, %d values)\n", level, r.Alpha, r.Units, r.Coders, r.Values)
	}
	ci, err := reliability.BootstrapAlpha(codings, schema.Nominal, nil, 2000, 1)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("nominal 95%% interval %.3f to %.3f\n", ci.Low, ci.High)
	// Output:
	// nominal  alpha 0.743 (11 units, 4 coders, 40 values)
	// ordinal  alpha 0.815 (11 units, 4 coders, 40 values)
	// interval alpha 0.849 (11 units, 4 coders, 40 values)
	// ratio    alpha 0.797 (11 units, 4 coders, 40 values)
	// nominal 95% interval 0.393 to 0.937
}

// Two coders judge ten units yes or no and agree on seven: percent
// agreement is 0.7, but chance alone would give 0.5, so kappa is 0.4.
// (Made-up judgements.)
func ExampleCohenKappa() {
	a := []string{"y", "y", "y", "y", "y", "n", "n", "n", "n", "n"}
	b := []string{"y", "y", "y", "y", "n", "y", "y", "n", "n", "n"}
	var codings []reliability.Coding
	for i := range a {
		unit := fmt.Sprint("u", i+1)
		codings = append(codings,
			reliability.Coding{UnitID: unit, Coder: "A", Value: a[i]},
			reliability.Coding{UnitID: unit, Coder: "B", Value: b[i]})
	}
	kappa, err := reliability.CohenKappa(codings)
	if err != nil {
		log.Fatal(err)
	}
	r, _ := reliability.Alpha(codings, schema.Nominal, nil)
	fmt.Printf("kappa %.2f, agreement %.2f, alpha %.3f\n", kappa, r.Agreement, r.Alpha)
	// Output:
	// kappa 0.40, agreement 0.70, alpha 0.424
}
