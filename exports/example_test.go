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
	// rus-navalny-2020,0.5454545454545454,0.859271753562151,denial; evidence_rejection; smear_framing; counter_accusation; evidence_demand; procedural_objection
	// prk-sony-2014,0.5,0.7689576771361574,denial; evidence_rejection; smear_framing; counter_accusation; threat_warning; joint_investigation_offer
	// [
	//   {"case_id": "rus-navalny-2020", "jaccard": 0.5454545454545454},
	//   {"case_id": "prk-sony-2014", "jaccard": 0.5}
	// ]
}
