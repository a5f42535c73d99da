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
	// pak-pulwama-2019,1,0.7116214046442678,denial; evidence_rejection; ridicule; smear_framing; identity_dispute; alternative_narrative; counter_accusation; threat_warning; evidence_demand; joint_investigation_offer; procedural_objection; reciprocal_measure
	// prk-cheonan-2010,0.7692307692307693,0.8438530156892917,denial; evidence_rejection; ridicule; smear_framing; counter_accusation; threat_warning; evidence_demand; joint_investigation_offer; procedural_objection; reciprocal_measure
	// [
	//   {"case_id": "pak-pulwama-2019", "jaccard": 1},
	//   {"case_id": "prk-cheonan-2010", "jaccard": 0.7692307692307693}
	// ]
}
