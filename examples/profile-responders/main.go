// Profile-responders asks how each accused state answers: for every
// responder, the share of its observed responses that use each strategy,
// and the same responses rolled up to the 4D scheme (dismiss, distort,
// distract, dismay).
//
//	go run ./examples/profile-responders
package main

import (
	"fmt"
	"log"
	"strconv"

	"github.com/go-gota/gota/dataframe"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
)

func main() {
	ds, err := dataset.Default()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("dataset %s %s\n", ds.Meta.Name, ds.Meta.Version)

	// The long profile: one row per responder and strategy, zeros included.
	codes, err := analysis.Profile(ds, analysis.ProfileOptions{By: analysis.ByResponder})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("\nThe three most used strategies of each responder (share of its observed responses):")
	for _, g := range groups(codes, "responder") {
		top := g.rows
		// Rows come in codebook order; a stable sort by count keeps that
		// order among ties, so the output does not change from run to run.
		sortByCount(top)
		fmt.Printf("%s (%d responses):", g.name, g.responses)
		for _, r := range top[:min(3, len(top))] {
			fmt.Printf("  %s %.0f%%", r.category, 100*r.share)
		}
		fmt.Println()
	}

	fourD, err := analysis.Profile(ds, analysis.ProfileOptions{By: analysis.ByResponder, Scheme: analysis.Scheme4D})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("\n4D scheme, share of each responder's observed responses:")
	fmt.Printf("%-9s", "responder")
	cats := fourD.Col("four_d").Records()
	gs := groups(fourD, "responder")
	n := len(gs[0].rows)
	for _, c := range cats[:n] {
		fmt.Printf(" %8s", c)
	}
	fmt.Println()
	for _, g := range gs {
		fmt.Printf("%-9s", g.name)
		for _, r := range g.rows {
			fmt.Printf(" %7.0f%%", 100*r.share)
		}
		fmt.Println()
	}
}

type row struct {
	category string
	count    int
	share    float64
}

type group struct {
	name      string
	responses int
	rows      []row
}

// groups splits a long profile into its groups, in the profile's order.
// The category column is the second one (strategy, benoit_family or four_d).
func groups(df dataframe.DataFrame, by string) []group {
	names := df.Col(by).Records()
	cat := df.Col(df.Names()[1]).Records()
	count := df.Col("count").Records()
	resp := df.Col("responses").Records()
	share := df.Col("share").Float()
	var out []group
	for i, name := range names {
		if len(out) == 0 || out[len(out)-1].name != name {
			n, _ := strconv.Atoi(resp[i])
			out = append(out, group{name: name, responses: n})
		}
		c, _ := strconv.Atoi(count[i])
		g := &out[len(out)-1]
		g.rows = append(g.rows, row{cat[i], c, share[i]})
	}
	return out
}

func sortByCount(rows []row) {
	for i := 1; i < len(rows); i++ { // insertion sort: stable
		for j := i; j > 0 && rows[j].count > rows[j-1].count; j-- {
			rows[j], rows[j-1] = rows[j-1], rows[j]
		}
	}
}
