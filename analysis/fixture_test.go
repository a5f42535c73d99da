package analysis

import (
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// fixture is a small synthetic dataset whose statistics are worked out by
// hand in the tests (it is test data, not research):
//
//	c1 USA→PRK indictment 2020-01-01, evidence ip_addresses
//	   r1 2020-01-02 (lag 1)  denial, identity_dispute
//	   r2 2020-01-10 (lag 9)  denial, threat_warning
//	c2 GBR→RUS attribution 2020-01-20, evidence cctv, travel_records
//	   r1 2020-01-20 (lag 0)  identity_dispute, counter_accusation, threat_warning
//	   r2 2020-03-01 (lag 41) evidence_demand            (unverified)
//	c3 USA→CHN indictment 2021-06-01
//	   r1 2021-06 (month)     denial
//	c4 USA→PRK indictment 2022-02-01: no response found
func fixture(t testing.TB) *dataset.Dataset {
	t.Helper()
	day := schema.DayDate
	src := func(c string) []string { return []string{c + "-s1"} }
	var r schema.Records
	for _, c := range []string{"tst-c1-2020", "tst-c2-2020", "tst-c3-2021", "tst-c4-2022"} {
		r.Cases = append(r.Cases, schema.Case{CaseID: c, Title: c, Summary: "Synthetic.", IncidentType: "other", Sources: src(c)})
		r.Sources = append(r.Sources, schema.Source{SourceID: c + "-s1", Outlet: "Example", URL: "https://example.org/" + c})
	}
	acc := func(c, accuser, accused, instrument string, d schema.Date, evidence ...string) {
		r.Accusations = append(r.Accusations, schema.Accusation{AccusationID: c + "-a1", CaseID: c, Accuser: accuser, AccusedState: accused,
			AccuserOrgan: "justice_prosecutor", Instrument: instrument, Date: d, EvidenceCited: evidence, EvidenceDisclosure: "summary",
			Sources: src(c), Verified: true})
	}
	acc("tst-c1-2020", "USA", "PRK", "indictment", day(2020, 1, 1), "ip_addresses")
	acc("tst-c2-2020", "GBR", "RUS", "attribution_statement", day(2020, 1, 20), "cctv", "travel_records")
	acc("tst-c3-2021", "USA", "CHN", "indictment", day(2021, 6, 1))
	acc("tst-c4-2022", "USA", "PRK", "indictment", day(2022, 2, 1))
	resp := func(c, n, responder string, d schema.Date, verified bool, strategies ...string) *schema.Response {
		r.Responses = append(r.Responses, schema.Response{ResponseID: c + "-r" + n, CaseID: c, RespondsTo: c + "-a1", Link: "stated",
			Responder: responder, Date: d, Organ: "foreign_ministry", Observed: "responded", Strategies: strategies,
			Summary: "Synthetic.", Sources: src(c), Verified: verified})
		last := &r.Responses[len(r.Responses)-1]
		if len(strategies) > 0 { // every strategy rests on a quote
			last.Quotes = []schema.Quote{{QuoteID: last.ResponseID + "-q1", UnitID: last.ResponseID, CaseID: c, SourceID: c + "-s1",
				Text: "Synthetic words.", Codes: strategies}}
		}
		return last
	}
	first := resp("tst-c1-2020", "1", "PRK", day(2020, 1, 2), true, "denial", "identity_dispute")
	first.Quotes = []schema.Quote{{QuoteID: "tst-c1-2020-r1-q1", UnitID: "tst-c1-2020-r1", CaseID: "tst-c1-2020", SourceID: "tst-c1-2020-s1",
		Text: "The man is a non-existent person, we say, and NON-EXISTENT he stays", Codes: []string{"denial", "identity_dispute"}}}
	resp("tst-c1-2020", "2", "PRK", day(2020, 1, 10), true, "denial", "threat_warning")
	resp("tst-c2-2020", "1", "RUS", day(2020, 1, 20), true, "identity_dispute", "counter_accusation", "threat_warning")
	resp("tst-c2-2020", "2", "RUS", day(2020, 3, 1), false, "evidence_demand")
	resp("tst-c3-2021", "1", "CHN", schema.Date{Year: 2021, Month: 6, Precision: schema.PrecisionMonth}, true, "denial")
	silent := resp("tst-c4-2022", "1", "PRK", schema.Date{}, true)
	silent.Observed, silent.Organ, silent.Link, silent.Verified = "no_response_found", "", "not_applicable", false
	silent.Searched, silent.SearchedOn = []string{"Example archive: a reply to the indictment; none"}, day(2022, 3, 1)
	ds := &dataset.Dataset{Records: r, Codebook: schema.Default(), Meta: dataset.Metadata{Name: "fixture", Version: "0.0.1"}}
	if problems := ds.Validate(); len(problems) > 0 {
		t.Fatalf("fixture is invalid:\n%v", problems)
	}
	return ds
}
