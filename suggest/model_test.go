package suggest

import (
	"reflect"
	"slices"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// Sentences written for this test (not from the dataset): the model
// fitted on the embedded dataset codes them with probabilities and the
// words behind each code, in English and Russian; text with no cue gets
// its most likely codes marked low-confidence; Italian is not coded.
func TestModelSuggests(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, lang string
		want       []string // among the codes suggested
	}{
		{"These groundless allegations are a smear campaign.", "en", []string{"evidence_rejection", "smear_framing"}},
		{"Эти беспочвенные обвинения — очередная провокация и антироссийская кампания.", "ru", []string{"evidence_rejection", "smear_framing"}},
		{"Ambassador summoned: a protest note was handed over.", "en", []string{"formal_protest"}},
	}
	for _, tt := range tests {
		s := m.Suggest("x", tt.text)
		if !s.Coded || s.Language != tt.lang || s.LowConfidence {
			t.Errorf("%q: %+v", tt.text, s)
			continue
		}
		for _, code := range tt.want {
			p := s.Probabilities[code]
			if !slices.Contains(s.Codes, code) || p <= 0 || p > 1 || len(s.Evidence[code]) == 0 {
				t.Errorf("%q: %s not suggested with a probability and evidence: %+v", tt.text, code, s)
			}
		}
		if len(s.Probabilities) != len(m.codes) {
			t.Errorf("%q: %d probabilities for %d codes", tt.text, len(s.Probabilities), len(m.codes))
		}
	}
	s := m.Suggest("x", "The weather in the capital was mild on Tuesday.")
	if !s.Coded || !s.LowConfidence || len(s.Codes) != lowConfidenceK {
		t.Errorf("text with no cue: want %d low-confidence codes, got %+v", lowConfidenceK, s)
	}
	if s := m.Suggest("x", "Sono accuse che non possono essere vere in alcun modo"); s.Coded || len(s.Codes) != 0 || s.Reason == "" {
		t.Errorf("Italian coded: %+v", s)
	}
	// The cut: a high one leaves only low-confidence codes, a low one
	// suggests more than the fitted thresholds do.
	text := "These groundless allegations are a smear campaign; we demand evidence."
	fitted := m.Suggest("x", text)
	m.MinProbability = 0.999
	if s := m.Suggest("x", text); !s.LowConfidence {
		t.Errorf("cut 0.999: %+v", s)
	}
	m.MinProbability = 0.01
	if s := m.Suggest("x", text); len(s.Codes) <= len(fitted.Codes) {
		t.Errorf("cut 0.01 suggests %v, the fitted thresholds %v", s.Codes, fitted.Codes)
	}
}

// Fitting twice on the same responses gives the same model: no map order,
// no unseeded randomness.
func TestFitDeterministic(t *testing.T) {
	ds := dataset.MustDefault()
	a, err := Fit(ds.Codebook, quoted(ds, ds.Cases[0].CaseID))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Fit(ds.Codebook, quoted(ds, ds.Cases[0].CaseID))
	if !reflect.DeepEqual(a.weights, b.weights) || !reflect.DeepEqual(a.stack, b.stack) || !reflect.DeepEqual(a.thresholds, b.thresholds) {
		t.Error("two fits differ")
	}
	for i := range ds.Responses {
		r := &ds.Responses[i]
		if sa, sb := a.SuggestQuotes(r.ResponseID, Quotes(r)), b.SuggestQuotes(r.ResponseID, Quotes(r)); !reflect.DeepEqual(sa, sb) {
			t.Fatalf("%s: %+v != %+v", r.ResponseID, sa, sb)
		}
	}
}

// The training set of a fold holds nothing of the case it scores.
func TestFoldLeavesCaseOut(t *testing.T) {
	ds := dataset.MustDefault()
	for _, c := range ds.Cases {
		rs := quoted(ds, c.CaseID)
		if slices.ContainsFunc(rs, func(r *schema.Response) bool { return r.CaseID == c.CaseID }) || len(rs) == 0 {
			t.Errorf("fold %s trains on %d responses, some of its own", c.CaseID, len(rs))
		}
	}
}
