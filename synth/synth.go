package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// Options sizes the dataset.
type Options struct {
	Cases     int    // number of cases (at least 1)
	Responses int    // total number of response records (at least 0)
	Seed      uint64 // the same seed gives the same dataset
}

// weighted is a value with a sampling weight.
type weighted struct {
	v string
	w float64
}

// The distributions below are invented for benchmarking, loosely after the
// curated cases: a few accusers and accused dominate, denial and
// rejection of the evidence are common, admissions are rare.
var (
	accusers     = []weighted{{"USA", 40}, {"GBR", 20}, {"NLD", 6}, {"DEU", 6}, {"FRA", 5}, {"AUS", 5}, {"CAN", 4}, {"JPN", 4}, {"KOR", 4}, {"EST", 3}, {"CZE", 3}}
	accused      = []weighted{{"RUS", 40}, {"PRK", 25}, {"CHN", 25}, {"IRN", 10}}
	instruments  = []weighted{{"indictment", 25}, {"attribution_statement", 25}, {"criminal_charge", 10}, {"joint_attribution", 10}, {"sanctions", 10}, {"expulsion", 8}, {"criminal_complaint", 5}, {"investigation_report", 5}, {"court_judgment", 2}}
	organsA      = []weighted{{"justice_prosecutor", 30}, {"head_of_government", 25}, {"foreign_ministry", 20}, {"intelligence_agency", 10}, {"police", 8}, {"finance_ministry", 7}}
	evidence     = []weighted{{"ip_addresses", 20}, {"malware_code", 15}, {"online_accounts", 15}, {"intelligence_assessment", 15}, {"cctv", 8}, {"travel_records", 8}, {"identity_documents", 5}, {"financial_records", 5}, {"chemical_analysis", 4}, {"intercepts", 3}, {"open_source_investigation", 2}}
	disclosures  = []weighted{{"asserted", 30}, {"summary", 40}, {"detailed", 25}, {"none", 5}}
	organsR      = []weighted{{"mfa_spokesperson", 30}, {"foreign_ministry", 25}, {"head_of_state_office", 15}, {"head_of_state", 8}, {"embassy", 8}, {"state_media", 7}, {"permanent_mission", 4}, {"legislature", 3}}
	channels     = []weighted{{"press_briefing", 35}, {"news_agency", 30}, {"written_statement", 15}, {"social_media", 10}, {"tv_interview", 5}, {"international_forum", 5}}
	strategyMix  = []weighted{{"denial", 25}, {"evidence_rejection", 22}, {"smear_framing", 18}, {"counter_accusation", 10}, {"threat_warning", 7}, {"evidence_demand", 6}, {"identity_dispute", 4}, {"procedural_objection", 4}, {"diplomatic_linkage", 3}, {"joint_investigation_offer", 3}, {"alternative_narrative", 2}, {"reciprocal_measure", 2}, {"formal_protest", 1.5}, {"justification", 1}, {"non_denial", 1}, {"acknowledgement", 0.3}}
	incidentType = []weighted{{"cyber_operation", 70}, {"chemical_poisoning", 10}, {"close_access_operation", 10}, {"other", 10}}
	vocabulary   = strings.Fields(`the a of to and in that is this we our their accusation claims charges evidence
		allegations statement government side state officials so-called groundless absurd provocation campaign
		never will not any has have been nothing with against for by on as it they them what which who must
		should would cooperation investigation facts law international partners relations consequences response
		hostile propaganda fabricated information experts data names photos citizens country people security`)
)

type sampler struct {
	r *rand.Rand
}

func (s sampler) pick(ws []weighted) string {
	total := 0.0
	for _, w := range ws {
		total += w.w
	}
	x := s.r.Float64() * total
	for _, w := range ws {
		if x < w.w {
			return w.v
		}
		x -= w.w
	}
	return ws[len(ws)-1].v
}

// pickN draws up to n distinct values, keeping the list's order.
func (s sampler) pickN(ws []weighted, n int) []string {
	chosen := map[string]bool{}
	for tries := 0; len(chosen) < n && tries < 4*n+8; tries++ {
		chosen[s.pick(ws)] = true
	}
	var out []string
	for _, w := range ws {
		if chosen[w.v] {
			out = append(out, w.v)
		}
	}
	return out
}

func (s sampler) sentence(minWords, maxWords int) string {
	n := minWords + s.r.IntN(maxWords-minWords+1)
	words := make([]string, n)
	for i := range words {
		words[i] = vocabulary[s.r.IntN(len(vocabulary))]
	}
	words[0] = strings.ToUpper(words[0][:1]) + words[0][1:]
	return strings.Join(words, " ") + "."
}

// Generate builds a synthetic dataset. Responses are spread over the
// cases unevenly (some cases draw many answers), each answering one of its
// case's one to three accusations.
func Generate(opts Options) (*dataset.Dataset, error) {
	if opts.Cases < 1 || opts.Responses < opts.Cases {
		return nil, fmt.Errorf("synth: need at least one case and a response per case, since every accusation has a response record (cases %d, responses %d)", opts.Cases, opts.Responses)
	}
	s := sampler{rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))}
	ds := &dataset.Dataset{
		Codebook: schema.Default(),
		Meta: dataset.Metadata{
			Name: "rejoinder-synthetic", Title: "Synthetic rejoinder data (not research)", Version: "0.0.0",
			Description: fmt.Sprintf("Synthetic records for benchmarks: %d cases, %d responses, seed %d. Not real events.", opts.Cases, opts.Responses, opts.Seed),
			License:     "CC0-1.0", Citation: "Synthetic data; do not cite.", Homepage: "https://example.org/rejoinder-synthetic",
		},
	}
	perCase := spread(s, opts.Responses, opts.Cases)
	epoch := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	for ci := 0; ci < opts.Cases; ci++ {
		caseID := fmt.Sprintf("syn-%06d", ci+1)
		start := epoch.AddDate(0, 0, s.r.IntN(15*365))
		var srcIDs []string
		for k := 1; k <= 3; k++ {
			id := fmt.Sprintf("%s-s%d", caseID, k)
			srcIDs = append(srcIDs, id)
			ds.Sources = append(ds.Sources, schema.Source{SourceID: id, Outlet: "Synthetic Gazette",
				URL: "https://example.org/synthetic/" + id, Published: dayOf(start.AddDate(0, 0, k))})
		}
		ds.Cases = append(ds.Cases, schema.Case{CaseID: caseID, Title: fmt.Sprintf("Synthetic case %d", ci+1),
			Summary: "A synthetic incident generated for benchmarks.", IncidentType: s.pick(incidentType),
			StartDate: dayOf(start.AddDate(0, 0, -s.r.IntN(60))), Sources: slices.Clone(srcIDs)}) // every source cited (schema.ErrUncited)
		accuser, target := s.pick(accusers), s.pick(accused)
		nAcc := 1 + min(s.r.IntN(10)/6, 2) // 1 (60%), 2 (30%), 3 (10%)
		nAcc = min(nAcc, perCase[ci])      // each accusation gets a response record
		var accs []*schema.Accusation
		for k := 1; k <= nAcc; k++ {
			id := fmt.Sprintf("%s-a%d", caseID, k)
			day := start.AddDate(0, 0, (k-1)*s.r.IntN(120))
			a := schema.Accusation{AccusationID: id, CaseID: caseID, Accuser: accuser, AccusedState: target,
				AccuserOrgan: s.pick(organsA), Instrument: s.pick(instruments), Date: dayOf(day),
				EvidenceCited: s.pickN(evidence, s.r.IntN(4)), EvidenceDisclosure: s.pick(disclosures),
				CAMEOCode: "1121", Sources: srcIDs[:1], Verified: true}
			ds.Accusations = append(ds.Accusations, a)
		}
		for k := range ds.Accusations[len(ds.Accusations)-nAcc:] {
			accs = append(accs, &ds.Accusations[len(ds.Accusations)-nAcc+k])
		}
		for ri := 1; ri <= perCase[ci]; ri++ {
			answers := accs[s.r.IntN(len(accs))]
			if ri <= len(accs) {
				answers = accs[ri-1] // the first responses answer each accusation once
			}
			ds.Responses = append(ds.Responses, response(s, caseID, ri, target, answers, srcIDs))
		}
	}
	return ds, nil
}

// spread divides total into n uneven parts, each at least 1, that add up
// to total (total ≥ n).
func spread(s sampler, total, n int) []int {
	weights := make([]float64, n)
	sum := 0.0
	for i := range weights {
		weights[i] = 0.2 + s.r.ExpFloat64()
		sum += weights[i]
	}
	parts := make([]int, n)
	given := 0
	for i, w := range weights {
		parts[i] = 1 + int(float64(total-n)*w/sum)
		given += parts[i]
	}
	for i := 0; given < total; i = (i + 1) % n {
		parts[i]++
		given++
	}
	return parts
}

func dayOf(t time.Time) schema.Date { return schema.DayDate(t.Year(), t.Month(), t.Day()) }

func response(s sampler, caseID string, n int, responder string, a *schema.Accusation, sources []string) schema.Response {
	id := fmt.Sprintf("%s-r%d", caseID, n)
	src := sources[s.r.IntN(len(sources))]
	r := schema.Response{ResponseID: id, CaseID: caseID, RespondsTo: a.AccusationID, Link: "stated", Responder: responder,
		Organ: s.pick(organsR), ChannelType: s.pick(channels), Observed: "responded", Language: "en", CAMEOCode: "016",
		Summary: "Synthetic response.", Sources: []string{src}, Verified: s.r.IntN(100) >= 3}
	accDay := a.Date.Time()
	x := s.r.IntN(100)
	switch {
	case x < 2: // made before the accusation it anticipates
		r.Anticipatory = true
		r.Date = dayOf(accDay.AddDate(0, 0, -1-s.r.IntN(10)))
	case x < 5: // date unknown
		r.DateNote = "Synthetic: date unknown."
	case x < 10: // known only to the month
		d := accDay.AddDate(0, 0, s.r.IntN(40))
		r.Date = schema.Date{Year: d.Year(), Month: d.Month(), Precision: schema.PrecisionMonth}
	default: // most answers come fast: a third the same day, the rest within weeks
		lag := 0
		if s.r.IntN(3) > 0 {
			lag = int(s.r.ExpFloat64() * 8)
		}
		r.Date = dayOf(accDay.AddDate(0, 0, lag))
	}
	switch y := s.r.IntN(100); {
	case y < 3:
		r.Observed, r.Organ, r.ChannelType, r.Language, r.CAMEOCode = "no_response_found", "", "", "", ""
		r.Summary = "Synthetic: no response found."
		r.Link, r.Verified = "not_applicable", false
		r.Searched = []string{"Synthetic search: " + s.sentence(3, 8)}
		r.SearchedOn = dayOf(accDay.AddDate(0, 1, 0))
		return r
	case y < 5:
		r.Observed, r.Strategies, r.CAMEOCode = "declined_comment", []string{"non_denial"}, "011"
	default:
		r.Strategies = s.pickN(strategyMix, 1+s.r.IntN(4))
	}
	nQuotes := s.r.IntN(4)
	if r.Observed == "responded" {
		nQuotes = max(nQuotes, 1) // every strategy rests on a quote
	}
	for q := 0; q < nQuotes; q++ {
		r.Quotes = append(r.Quotes, schema.Quote{QuoteID: fmt.Sprintf("%s-q%d", id, q+1), UnitID: id, CaseID: caseID,
			Text: s.sentence(6, 40), SourceID: src})
	}
	if r.Observed == "responded" {
		for _, code := range r.Strategies { // each strategy named by one quote, in codebook order within it
			q := &r.Quotes[s.r.IntN(len(r.Quotes))]
			q.Codes = append(q.Codes, code)
		}
		for i := range r.Quotes {
			slices.SortFunc(r.Quotes[i].Codes, func(a, b string) int { return strategyOrder[a] - strategyOrder[b] })
		}
	}
	return r
}

// strategyOrder is each strategy's place in the codebook.
var strategyOrder = func() map[string]int {
	m := map[string]int{}
	for i, v := range schema.Default().Strategies() {
		m[v.Code] = i
	}
	return m
}()
