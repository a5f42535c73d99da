package schema_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// A dataset checked by PartValidator, its responses given in batches,
// has the problems Validate finds in it whole: the same rules, each
// applied once. The embedded dataset is edited so that each kind of
// problem a batch or Finish settles is there (an unknown code, a dangling
// reference, a quote citing a source its response does not, a strategy
// no quote evidences, an accusation no response answers, a source no
// record cites).
func TestPartValidatorFindsWhatValidateFinds(t *testing.T) {
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	r := ds.Records
	r.Responses = slices.Clone(r.Responses)
	quoted := slices.IndexFunc(r.Responses, func(s schema.Response) bool { return len(s.Quotes) > 0 && len(s.Strategies) > 0 })
	if quoted < 0 || len(r.Responses) < 6 {
		t.Fatal("the embedded dataset has too few responses with quotes")
	}
	first := &r.Responses[quoted]
	first.Strategies = append([]string{"denail"}, first.Strategies...)
	other := slices.IndexFunc(r.Responses, func(s schema.Response) bool {
		return s.ResponseID != first.ResponseID && s.Observed == "responded" && !slices.Contains(s.Strategies, "reciprocal_measure")
	})
	if other < 0 {
		t.Fatal("no second response to give an unevidenced strategy")
	}
	r.Responses[other].Strategies = append(slices.Clone(r.Responses[other].Strategies), "reciprocal_measure")
	dangling := 0
	for dangling == quoted || dangling == other {
		dangling++
	}
	r.Responses[dangling].RespondsTo = "no-such-accusation"
	q := slices.Clone(first.Quotes)
	q[0].SourceID = r.Sources[len(r.Sources)-1].SourceID
	first.Quotes = q
	// Every response to the last accusation goes: it is unanswered, and
	// the sources only they cited are cited by nothing.
	last := r.Accusations[len(r.Accusations)-1].AccusationID
	r.Responses = slices.DeleteFunc(r.Responses, func(s schema.Response) bool { return s.RespondsTo == last })

	extra := r.Sources[len(r.Sources)-1]
	extra.SourceID += "-uncited"
	r.Sources = append(slices.Clone(r.Sources), extra)

	cb := ds.Codebook
	if cb == nil {
		cb = schema.Default()
	}
	want := messages(schema.Validate(cb, &r))
	small := schema.Records{Cases: r.Cases, Accusations: r.Accusations, Sources: r.Sources}
	part := schema.NewPartValidator(cb, &small)
	var found schema.ErrorList
	for i := 0; i < len(r.Responses); i += 3 {
		found = append(found, part.Validate(r.Responses[i:min(i+3, len(r.Responses))])...)
	}
	found = append(found, part.Finish(&small)...)
	got := messages(found)
	for _, kind := range []string{"unknown code", "refers to an id that does not exist", "accusation has no response record", "strategy not evidenced", "source cited by no record"} {
		if !slices.ContainsFunc(want, func(m string) bool { return strings.Contains(m, kind) }) {
			t.Errorf("the edited dataset has no problem saying %q: the test checks less than it says", kind)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("PartValidator found\n%q\nValidate found\n%q", got, want)
	}
}

func messages(l schema.ErrorList) []string {
	l.Sort()
	var out []string
	for _, e := range l {
		out = append(out, e.Error())
	}
	return out
}
