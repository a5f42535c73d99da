package analysis_test

import (
	"fmt"
	"log"
	"os"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/schema"
)

// Roll the strategies up to the 4D scheme and compare the two main
// responders: how often does each dismiss, distort, distract, dismay?
func ExampleProfile() {
	ds := dataset.MustDefault()
	df, err := analysis.Profile(ds, analysis.ProfileOptions{
		By:     analysis.ByResponder,
		Scheme: analysis.Scheme4D,
		Filter: analysis.Filter{Responders: []string{"PRK", "RUS"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	for i, who := range df.Col("responder").Records() {
		fmt.Printf("%s %-8s %s/%s\n", who, df.Col("four_d").Records()[i], df.Col("count").Records()[i], df.Col("responses").Records()[i])
	}
	// Output:
	// PRK dismiss  43/48
	// PRK distort  7/48
	// PRK distract 21/48
	// PRK dismay   20/48
	// RUS dismiss  111/124
	// RUS distort  19/124
	// RUS distract 29/124
	// RUS dismay   32/124
}

// Which cases drew the most similar answers to Salisbury?
func ExampleNearest() {
	ds := dataset.MustDefault()
	df, err := analysis.Nearest(ds, "rus-skripal-2018", analysis.Jaccard, 2, analysis.Filter{})
	if err != nil {
		log.Fatal(err)
	}
	exports.WriteFrame(os.Stdout, df.Select([]string{"case_id", "jaccard"}), exports.FormatCSV)
	// Output:
	// case_id,jaccard
	// pak-pulwama-2019,1
	// prk-cheonan-2010,0.7692307692307693
}

// The case × case Jaccard matrix, here for the two seed cases only.
func ExampleSimilarityMatrix() {
	ds := dataset.MustDefault()
	df, err := analysis.SimilarityMatrix(ds, analysis.Jaccard, analysis.Filter{Cases: []string{"prk-park-2018", "rus-skripal-2018"}})
	if err != nil {
		log.Fatal(err)
	}
	exports.WriteFrame(os.Stdout, df, exports.FormatCSV)
	// Output:
	// case_id,prk-park-2018,rus-skripal-2018
	// prk-park-2018,1,0.38461538461538464
	// rus-skripal-2018,0.38461538461538464,1
}

// Order cases so that similar ones sit together (for a heat map).
func ExampleClusterOrder() {
	ds := dataset.MustDefault()
	df, err := analysis.ClusterOrder(ds, analysis.Jaccard, analysis.Filter{Responders: []string{"RUS"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(df.Col("case_id").Records())
	// Output:
	// [rus-bucha-2022 rus-georgia-2019 rus-covidvaccine-2020 rus-opcw-2018 rus-bundestag-2015 rus-montenegro-2016 rus-estonia-2007 rus-navalny-2020 rus-norway-2020 rus-skripal-2018 rus-tiergarten-2019 rus-viasat-2022 rus-ghostwriter-2021 rus-notpetya-2018]
}

// How fast did Moscow answer over Salisbury, and when did it first threaten?
func ExampleDynamics() {
	ds := dataset.MustDefault()
	df, err := analysis.Dynamics(ds, analysis.Filter{Cases: []string{"rus-skripal-2018"}})
	if err != nil {
		log.Fatal(err)
	}
	for _, col := range []string{"first_lag_days", "responses_1d", "responses_7d", "responses_30d", "first_threat_lag_days", "first_reciprocal_lag_days"} {
		fmt.Println(col, df.Col(col).Records()[0])
	}
	// Output:
	// first_lag_days 0
	// responses_1d 6
	// responses_7d 13
	// responses_30d 15
	// first_threat_lag_days 1
	// first_reciprocal_lag_days 3
}

// Which moves travel with identity disputes? With names the code, and
// each row pairs it with another.
func ExampleCoOccurrences() {
	ds := dataset.MustDefault()
	df, err := analysis.CoOccurrences(ds, analysis.CoOccurrenceOptions{With: "identity_dispute"})
	if err != nil {
		log.Fatal(err)
	}
	a, b, both := df.Col("strategy_a").Records(), df.Col("strategy_b").Records(), df.Col("both").Records()
	for i := range a {
		if a[i] != b[i] && both[i] != "0" {
			fmt.Println(a[i], b[i], both[i])
		}
	}
	// Output:
	// identity_dispute denial 5
	// identity_dispute non_denial 2
	// identity_dispute evidence_rejection 8
	// identity_dispute smear_framing 5
	// identity_dispute alternative_narrative 3
	// identity_dispute counter_accusation 2
	// identity_dispute diplomatic_linkage 1
	// identity_dispute procedural_objection 1
}

// Which strategies came with denial in 2018, responder by responder (the
// notebook user's question b, in one call)?
func ExampleCoOccurrences_byResponder() {
	ds := dataset.MustDefault()
	from, _ := schema.ParseDate("2018-01-01")
	to, _ := schema.ParseDate("2018-12-31")
	df, err := analysis.CoOccurrences(ds, analysis.CoOccurrenceOptions{
		Filter: analysis.Filter{From: from, To: to},
		By:     analysis.ByResponder,
		With:   "denial",
	})
	if err != nil {
		log.Fatal(err)
	}
	// One line per responder: its denials, then each code that came with
	// one, and how often.
	resp, b, both := df.Col("responder").Records(), df.Col("strategy_b").Records(), df.Col("both").Records()
	line := map[string]string{}
	var order []string
	for i := range resp {
		switch {
		case b[i] == "denial":
			order = append(order, resp[i])
			line[resp[i]] = resp[i] + " (" + both[i] + " denials):"
		case both[i] != "0":
			line[resp[i]] += " " + b[i] + " " + both[i]
		}
	}
	for _, r := range order {
		fmt.Println(line[r])
	}
	// Output:
	// ARE (0 denials):
	// IRN (2 denials): evidence_rejection 2 ridicule 1 smear_framing 1 alternative_narrative 2 diplomatic_linkage 1
	// PRK (2 denials): evidence_rejection 2 smear_framing 2 identity_dispute 1 counter_accusation 2 diplomatic_linkage 1 formal_protest 1
	// RUS (9 denials): evidence_rejection 5 ridicule 2 smear_framing 1 identity_dispute 1 alternative_narrative 1 counter_accusation 1 evidence_demand 2 joint_investigation_offer 1 procedural_objection 2
	// SYR (2 denials): evidence_rejection 2 smear_framing 1
}

// Does CCTV evidence draw identity disputes more than IP addresses do?
func ExampleEvidenceStrategies() {
	ds := dataset.MustDefault()
	df, err := analysis.EvidenceStrategies(ds, analysis.Filter{})
	if err != nil {
		log.Fatal(err)
	}
	ev, st := df.Col("evidence").Records(), df.Col("strategy").Records()
	for i := range ev {
		if st[i] == "identity_dispute" && (ev[i] == "cctv" || ev[i] == "ip_addresses") {
			fmt.Printf("%s: %s of %s responses\n", ev[i], df.Col("count").Records()[i], df.Col("responses").Records()[i])
		}
	}
	// Output:
	// cctv: 2 of 14 responses
	// ip_addresses: 1 of 15 responses
}

// Read every "non-existent" and "civilians" in context.
func ExampleKWIC() {
	ds := dataset.MustDefault()
	df, err := analysis.KWIC(ds, analysis.KWICOptions{Pattern: `(?i)non-?existent|civilians`, Window: 3})
	if err != nil {
		log.Fatal(err)
	}
	exports.WriteFrame(os.Stdout, df.Select([]string{"quote_id", "left", "match", "right"}), exports.FormatTable)
	// Output:
	// quote_id                 left                  match         right
	// -----------------------  --------------------  ------------  ------------------
	// prk-park-2018-r1-q1      is a                  non-existent  entity
	// prk-park-2018-r1-q4      forcibly linking the  non-existent  'offender' and his
	// rus-bucha-2022-r6-q1     mass murder of        civilians     .
	// rus-bucha-2022-r13-q3    dead bodies of        civilians     on the streets
	// rus-bucha-2022-r21-q2    us of killing         civilians     .
	// rus-skripal-2018-r15-q2  They are              civilians     , of course
}

// Build the columnar view once and run several analyses on it.
func ExampleColumnsOf() {
	c := analysis.ColumnsOf(dataset.MustDefault())
	rows, err := c.Select(analysis.Filter{Accusers: []string{"GBR"}, From: schema.DayDate(2018, 9, 1)})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(rows), "responses to British accusations since 2018-09-01")
	lag, ok := c.Lag(rows[0])
	fmt.Println(c.ResponseID[rows[0]], lag, ok)
	// Output:
	// 19 responses to British accusations since 2018-09-01
	// irn-tankers-2019-r8 1 true
}

// The lag, in days, of one response.
func ExampleResponseLag() {
	ds := dataset.MustDefault()
	for _, r := range ds.ResponsesOf("prk-park-2018") {
		lag, ok := analysis.ResponseLag(ds, r)
		fmt.Println(r.ResponseID, lag, ok)
	}
	// Output:
	// prk-park-2018-r1 8 true
	// prk-park-2018-r2 101 true
}

// One case at a glance, as a struct.
func ExampleSummarize() {
	s, err := analysis.Summarize(dataset.MustDefault(), "prk-sony-2014")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Accusers, s.FirstAccused, s.FirstResponseLag, s.Responses, s.Anticipatory)
	// Output:
	// [USA] 2014-12-19 1 5 1
}

// The strategies two cases share.
func ExampleSharedStrategies() {
	ds := dataset.MustDefault()
	a, _ := analysis.Summarize(ds, "prk-park-2018")
	b, _ := analysis.Summarize(ds, "rus-opcw-2018")
	fmt.Println(analysis.SharedStrategies(a, b))
	// Output:
	// [evidence_rejection smear_framing diplomatic_linkage]
}
