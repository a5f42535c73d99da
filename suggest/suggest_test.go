package suggest

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/addcase"
	"github.com/rejoinder/rejoinder/schema"
)

// Sentences written for this test (not from the dataset), with the codes
// the coder must give them: negations and hedges included.
func TestCoderOnSentences(t *testing.T) {
	coder, err := New(schema.Default(), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string
	}{
		{"Our country has nothing to do with this attack.", []string{"denial"}},
		{"The ministry does not deny that the meeting took place.", []string{}},
		{"We do not comment on such reports.", []string{"non_denial"}},
		{"These groundless allegations are a smear campaign.", []string{"evidence_rejection", "smear_framing"}},
		{"This is not a provocation, we simply ask questions.", []string{}},
		{"Show us the evidence, and we will answer.", []string{"evidence_demand"}},
		{"We propose a joint investigation of the incident.", []string{"joint_investigation_offer"}},
		{"Any sanctions will have serious consequences for the accusers.", []string{"threat_warning"}},
		{"There will be no consequences, we are calm.", []string{}},
		{"Ten of their diplomats were declared persona non grata.", []string{"reciprocal_measure"}},
		{"The ambassador was summoned and a protest was lodged.", []string{"formal_protest"}},
		{"The charges are absurd and based on no evidence at all.", []string{"evidence_rejection"}},
		{"They violate international law and ignore the convention.", []string{"procedural_objection"}},
	}
	for _, tt := range tests {
		s := coder.Suggest("x", tt.text)
		if !s.Coded || !slices.Equal(s.Codes, tt.want) {
			t.Errorf("%q: codes %v (evidence %v), want %v", tt.text, s.Codes, s.Evidence, tt.want)
		}
	}
	s := coder.Suggest("x", "These groundless allegations are a smear campaign.")
	if !slices.Equal(s.Evidence["evidence_rejection"], []string{"groundless"}) || !slices.Equal(s.Evidence["smear_framing"], []string{"smear", "campaign"}) {
		t.Errorf("evidence = %v", s.Evidence)
	}
}

// Text that is not English is reported as not coded, not coded badly.
func TestNonEnglishNotCoded(t *testing.T) {
	coder, _ := New(schema.Default(), "", nil)
	for _, text := range []string{
		"Sono accuse che non possono essere vere in alcun modo",
		"Todas as tentativas de associar a Rússia ao que aconteceu é inaceitável para nós",
		"Forsøket på å knytte Russland til det som skjedde, er uakseptabelt",
		"Захарова назвала дезинформацией публикацию фотографий",
		"",
	} {
		if s := coder.Suggest("x", text); s.Coded || len(s.Codes) != 0 || s.Language != "und" || s.Reason == "" {
			t.Errorf("%q coded: %+v", text, s)
		}
	}
	for _, text := range []string{"staged propaganda campaign against Russia", "nonsense", "We reject this."} {
		if !English(text) {
			t.Errorf("%q taken for another language", text)
		}
	}
}

func TestLeaveOneCaseOut(t *testing.T) {
	ds := dataset.MustDefault()
	ev, err := DefaultEvaluation()
	if err != nil {
		t.Fatal(err)
	}
	checkEvaluation(t, ds, ev)
	// Learning from the coded quotes beats the dictionary coder alone.
	if ev.MacroF1 <= ev.LexiconOnly {
		t.Errorf("model macro-F1 %.3f, lexicon alone %.3f", ev.MacroF1, ev.LexiconOnly)
	}
	// Held out, a case loses the cues taken from it, and keeps the others.
	for _, caseID := range []string{"rus-skripal-2018", "prk-park-2018"} {
		c, err := New(ds.Codebook, caseID, nil)
		if err != nil {
			t.Fatal(err)
		}
		kept, from := 0, 0
		for _, v := range ds.Codebook.Strategies() {
			for _, cue := range v.Lexicon {
				if cue.From == caseID {
					from++
				}
			}
		}
		for _, cs := range c.cues {
			for _, k := range cs {
				if k.cue.From == caseID {
					t.Errorf("%s held out: its cue %q kept", caseID, k.cue.Pattern)
				}
				kept++
			}
		}
		if from == 0 || kept == 0 {
			t.Errorf("%s: %d cues drawn from it, %d kept: the check checks nothing", caseID, from, kept)
		}
	}
}

// checkEvaluation checks an evaluation against the records it scored:
// every case is a fold, every observed response is scored or listed as not
// coded, and most are scored (counted from the records, not pinned).
func checkEvaluation(t *testing.T, ds *dataset.Dataset, ev *Evaluation) {
	t.Helper()
	observed := 0
	for _, r := range ds.Responses {
		if r.Observed == "responded" {
			observed++
		}
	}
	// No pinned floor (it moves with the data: 0.557 over the ten cases of
	// 2.0.0, 0.338 over the 41 of 2.1.0): the coder must beat the trivial
	// coder that suggests every code for every response, whose macro-F1
	// follows from each code's share of the scored responses. Most
	// responses are scored (the rest are not in English).
	if trivial := everyCodeMacroF1(ev); ev.MacroF1 <= trivial || ev.Cases != len(ds.Cases) || ev.Units+len(ev.NotCoded) != observed || ev.Units*2 < observed {
		t.Errorf("macro-F1 %.3f (suggesting every code: %.3f) over %d of %d cases, %d units + %d not coded of %d observed responses",
			ev.MacroF1, trivial, ev.Cases, len(ds.Cases), ev.Units, len(ev.NotCoded), observed)
	}
	// The learning curve ends at the leave-one-case-out figure, its sizes
	// rising; the calibration table holds every (response, code) pair and
	// every gold code; the languages come from the quotes.
	if n := len(ev.Curve); n == 0 || ev.Curve[n-1].Cases != len(ds.Cases)-1 || ev.Curve[n-1].MacroF1 != ev.MacroF1 ||
		!slices.IsSortedFunc(ev.Curve, func(a, b CurvePoint) int { return a.Cases - b.Cases }) {
		t.Errorf("learning curve %+v", ev.Curve)
	}
	pairs, correct, support := 0, 0, 0
	for _, b := range ev.Calibration {
		pairs += b.Count
		correct += b.Correct
		if b.Count > 0 && (b.MeanP < b.Lo || b.MeanP >= b.Hi+1e-9) {
			t.Errorf("bin %+v: mean outside it", b)
		}
	}
	for _, s := range ev.Scores {
		support += s.TP + s.FN
	}
	if pairs != ev.Units*len(ev.Scores) || correct != support {
		t.Errorf("calibration: %d pairs, %d correct; want %d × %d, %d", pairs, correct, ev.Units, len(ev.Scores), support)
	}
	quotes := map[string]int{}
	for _, r := range ds.Responses {
		for _, q := range r.Quotes {
			if q.Text != "" {
				quotes[Language(q.Text)]++
			}
		}
	}
	for _, l := range ev.Languages {
		if l.Quotes != quotes[l.Language] || l.Coded != (l.Language != "und" && l.Quotes >= minLangQuotes) {
			t.Errorf("language %+v: %d quotes in the records", l, quotes[l.Language])
		}
	}
	if quotes["ru"] >= minLangQuotes && !slices.ContainsFunc(ev.ByLanguage, func(l LanguageScore) bool { return l.Language == "ru" && l.Units > 0 }) {
		t.Errorf("%d Russian quotes, but no Russian response scored: %+v", quotes["ru"], ev.ByLanguage)
	}
}

// everyCodeMacroF1 is the macro-F1 of suggesting every code for every
// scored response: for a code used by a share p of them, precision p,
// recall 1, F1 2p/(1+p); averaged over the codes the gold coding uses.
func everyCodeMacroF1(ev *Evaluation) float64 {
	sum, n := 0.0, 0
	for _, s := range ev.Scores {
		if support := s.TP + s.FN; support > 0 {
			p := float64(support) / float64(ev.Units)
			sum += 2 * p / (1 + p)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// Adding a case breaks no evaluation: on a copy of the records with one
// case more, the leave-one-case-out evaluation (EVALUATION.md's) has one
// fold more and scores the added responses.
func TestEvaluateAddedCase(t *testing.T) {
	dir, err := addcase.Dir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ds, err := dataset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := Evaluate(ds)
	if err != nil {
		t.Fatal(err)
	}
	checkEvaluation(t, ds, ev)
	var buf bytes.Buffer
	if err := ev.WriteMarkdown(&buf, ds); err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("%d responses scored", ev.Units); !strings.Contains(buf.String(), want) {
		t.Errorf("EVALUATION.md of the copy lacks %q", want)
	}
}

func TestLearnSeesOnlyItsInput(t *testing.T) {
	r := func(c, text string, codes ...string) *schema.Response {
		return &schema.Response{CaseID: c, Strategies: codes, Quotes: []schema.Quote{{Text: text}}}
	}
	cues := Learn([]*schema.Response{
		r("a", "The hooligans did it, and the hooligans will pay.", "counter_accusation"),
		r("b", "Those hooligans again are to blame.", "counter_accusation"),
		r("b", "A quiet day in the capital.", "denial"),
	})
	var pats []string
	for _, c := range cues["counter_accusation"] {
		pats = append(pats, c.Pattern)
	}
	if !slices.Contains(pats, "hooligans") || slices.ContainsFunc(pats, func(p string) bool { return strings.Contains(p, "capital") }) {
		t.Errorf("learned %v", pats)
	}
}

func TestApply(t *testing.T) {
	ds := dataset.MustDefault()
	sug, err := Apply(ds)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(sug.Meta.Title, "Suggested codes") || &sug.Responses[0] == &ds.Responses[0] {
		t.Error("Apply must label and copy")
	}
	for i := range ds.Responses {
		if ds.Responses[i].ResponseID == "prk-park-2018-r1" && !slices.Contains(sug.Responses[i].Strategies, "evidence_rejection") {
			t.Errorf("Park r1 suggested %v", sug.Responses[i].Strategies)
		}
	}
	// A case's responses are coded by a model fitted without that case:
	// never their own gold codes read back.
	held := ""
	for _, r := range ds.Responses {
		if r.Observed == "responded" && len(r.Quotes) > 0 {
			held = r.CaseID // the last case with a quoted response
		}
	}
	m, err := Fit(ds.Codebook, quoted(ds, held))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i := range ds.Responses {
		r := &ds.Responses[i]
		if r.CaseID != held || r.Observed != "responded" {
			continue
		}
		checked++
		if want := m.SuggestQuotes(r.ResponseID, Quotes(r)).Codes; !slices.Equal(sug.Responses[i].Strategies, want) {
			t.Errorf("%s: Apply suggests %v, the model without %s %v", r.ResponseID, sug.Responses[i].Strategies, held, want)
		}
	}
	if checked == 0 {
		t.Errorf("case %s has no observed response", held)
	}
}
