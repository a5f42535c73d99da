package exports_test

import (
	"log"
	"os"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
)

// Print an analysis as CSV for a script; "table" gives aligned text for
// people and "json" an array of objects, as the commands' --format does.
func ExampleWriteFrame() {
	ds := dataset.MustDefault()
	df, err := analysis.Nearest(ds, "rus-skripal-2018", analysis.Jaccard, 2, analysis.Filter{})
	if err != nil {
		log.Fatal(err)
	}
	if err := exports.WriteFrame(os.Stdout, df, exports.FormatCSV); err != nil {
		log.Fatal(err)
	}
	if err := exports.WriteFrame(os.Stdout, df.Select([]string{"case_id", "jaccard"}), exports.FormatJSON); err != nil {
		log.Fatal(err)
	}
	// Output:
	// case_id,jaccard,cosine,shared_strategies
	// prk-sony-2014,0.6153846153846154,0.7060406801607321,denial; evidence_rejection; ridicule; smear_framing; alternative_narrative; counter_accusation; threat_warning; joint_investigation_offer
	// rus-navalny-2020,0.5833333333333334,0.7115993439946571,denial; evidence_rejection; smear_framing; alternative_narrative; counter_accusation; evidence_demand; procedural_objection
	// [
	//   {"case_id": "prk-sony-2014", "jaccard": 0.6153846153846154},
	//   {"case_id": "rus-navalny-2020", "jaccard": 0.5833333333333334}
	// ]
}
