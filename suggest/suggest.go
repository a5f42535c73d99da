package suggest

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// Coder is a compiled lexicon.
type Coder struct {
	codes []string // codebook order
	cues  map[string][]compiled
}

type compiled struct {
	re        *regexp.Regexp
	negatable bool
	cue       schema.Cue
}

// New compiles the codebook's lexicon. exclude, if not empty, drops the
// cues taken from that case (see schema.Cue.From); extra adds cues, such
// as those Learn finds.
func New(cb *schema.Codebook, exclude string, extra map[string][]schema.Cue) (*Coder, error) {
	c := &Coder{cues: map[string][]compiled{}}
	for _, v := range cb.Strategies() {
		c.codes = append(c.codes, v.Code)
		for _, cue := range append(slices.Clone(v.Lexicon), extra[v.Code]...) {
			if exclude != "" && cue.From == exclude {
				continue
			}
			re, err := regexp.Compile(`(?i)\b(?:` + cue.Pattern + `)\b`)
			if err != nil {
				return nil, err
			}
			c.cues[v.Code] = append(c.cues[v.Code], compiled{re, cue.Negatable, cue})
		}
	}
	return c, nil
}

// Suggestion is what the coder proposes for one text.
type Suggestion struct {
	ID       string              `json:"id"`
	Codes    []string            `json:"codes"`
	Evidence map[string][]string `json:"evidence"` // code → the words that triggered it
	Language string              `json:"language"` // "en", or "und" when the text is not English
	Coded    bool                `json:"coded"`    // false for text that is not English (or empty)
	Reason   string              `json:"reason,omitempty"`
	// Probabilities are the model's probability of each code (rounded to
	// three places); the dictionary coder leaves them out.
	Probabilities map[string]float64 `json:"probabilities,omitempty"`
	// LowConfidence marks codes suggested although none reached the cut:
	// the most likely ones, so that a response with text is never left
	// without a suggestion.
	LowConfidence bool `json:"low_confidence,omitempty"`
}

// negators are the words that cancel a negatable cue when they come within
// three words before it.
var negators = map[string]bool{"not": true, "no": true, "never": true, "neither": true, "nor": true, "without": true,
	"n't": true, "don't": true, "doesn't": true, "didn't": true, "isn't": true, "aren't": true, "wasn't": true, "won't": true, "cannot": true}

// Suggest codes one text.
func (c *Coder) Suggest(id, text string) Suggestion {
	s := Suggestion{ID: id, Codes: []string{}, Evidence: map[string][]string{}, Language: "en", Coded: true}
	if strings.TrimSpace(text) == "" {
		s.Coded, s.Language, s.Reason = false, "und", "no text"
		return s
	}
	if !English(text) {
		s.Coded, s.Language, s.Reason = false, "und", "not English: not coded rather than coded badly"
		return s
	}
	s.Evidence = c.match(text)
	for _, code := range c.codes {
		if len(s.Evidence[code]) > 0 {
			s.Codes = append(s.Codes, code)
		}
	}
	return s
}

// match returns, for each code, the words of the text that its cues
// matched (negated matches of negatable cues left out), whatever the
// text's language.
func (c *Coder) match(text string) map[string][]string {
	out := map[string][]string{}
	for _, code := range c.codes {
		for _, cue := range c.cues[code] {
			for _, loc := range cue.re.FindAllStringIndex(text, -1) {
				if cue.negatable && negated(text[:loc[0]]) {
					continue
				}
				match := text[loc[0]:loc[1]]
				if !slices.Contains(out[code], match) {
					out[code] = append(out[code], match)
				}
			}
		}
	}
	return out
}

// negated reports whether the last three words before a cue, within its
// clause, hold a negation.
func negated(before string) bool {
	if i := strings.LastIndexAny(before, ".;:!?"); i >= 0 {
		before = before[i+1:]
	}
	words := strings.Fields(strings.ToLower(before))
	for i := len(words) - 1; i >= 0 && i >= len(words)-3; i-- {
		w := strings.Trim(words[i], ",\"'()")
		if negators[w] || strings.HasSuffix(w, "n't") {
			return true
		}
	}
	return false
}

// englishWords are frequent English function words; English prose is full
// of them. foreignWords are frequent function words of other languages
// the sources quote (Italian, Portuguese, Spanish, French, German,
// Norwegian), leaving out those English shares ("a", "in", "as").
var englishWords, foreignWords = map[string]bool{}, map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the a an of to and in that is are was were be been it this these those we our us they
		their them he his she her not no with for on as by at from or but if has have had will would should can could
		any all such which who what there than so do does did about into its my me i you your`) {
		englishWords[w] = true
	}
	for _, w := range strings.Fields(`il lo gli di che non sono della delle degli nel per una con sul questo questa
		não os uma um das dos pela pelo para como mais mas muito
		el los las del que por con una para esta este pero
		les des est une dans pour pas qui sur avec cette sont
		der die das und ist nicht mit sich auch eine einer zu den dem
		og er det ikke på å som til med av har en et for`) {
		if !englishWords[w] {
			foreignWords[w] = true
		}
	}
}

// English reports whether a text is English: fewer than one letter in
// twenty is outside ASCII, and English function words are not outnumbered
// by other languages' ones. A short phrase with no function words at all
// ("staged propaganda campaign") counts as English. It tells apart the
// English, Italian, Portuguese and Norwegian quotes of the curated data.
func English(text string) bool {
	letters, foreign := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if r > unicode.MaxASCII {
				foreign++
			}
		}
	}
	if letters == 0 || foreign*20 > letters {
		return false
	}
	en, other := 0, 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		switch {
		case englishWords[w]:
			en++
		case foreignWords[w]:
			other++
		}
	}
	return other <= en
}

// Apply returns a copy of the dataset whose responses carry the model's
// suggestions (see [Suggestions]) instead of their coded strategies: for
// profiling a batch of statements as the model codes them. Responses with
// no quotes in a language the model codes get no strategies (they still
// count as responses). The returned dataset's title says it holds
// suggested codes.
func Apply(ds *dataset.Dataset) (*dataset.Dataset, error) {
	sug, err := Suggestions(ds)
	if err != nil {
		return nil, err
	}
	out := *ds
	out.Meta.Title = "Suggested codes (model learned from coded quotes, each case coded by a model that never saw it), not coded: " + ds.Meta.Title
	out.Responses = slices.Clone(ds.Responses)
	for i := range out.Responses {
		r := &out.Responses[i]
		if r.Observed != "responded" {
			continue
		}
		r.Strategies = sug[r.ResponseID].Codes
	}
	return &out, nil
}

// Suggestions codes every response of a dataset from its quotes, by
// response id. A response of a case that the embedded dataset holds is
// coded by a model fitted on the embedded dataset without that case, so
// that its suggestions are never its own gold codes read back (the same
// rule as [Evaluate]); other responses by [Default].
func Suggestions(ds *dataset.Dataset) (map[string]Suggestion, error) {
	train := dataset.MustDefault()
	known := map[string]bool{}
	for _, c := range train.Cases {
		known[c.CaseID] = true
	}
	var cases []string
	for _, id := range caseIDsOf(ds) {
		if known[id] {
			cases = append(cases, id)
		}
	}
	models := make([]*Model, len(cases))
	if err := parallel(len(cases), func(i int) (err error) {
		models[i], err = heldOutModel(train, cases[i])
		return err
	}); err != nil {
		return nil, err
	}
	byCase := map[string]*Model{}
	for i, id := range cases {
		byCase[id] = models[i]
	}
	def, err := Default()
	if err != nil {
		return nil, err
	}
	out := map[string]Suggestion{}
	for i := range ds.Responses {
		r := &ds.Responses[i]
		m := byCase[r.CaseID]
		if m == nil {
			m = def
		}
		out[r.ResponseID] = m.SuggestQuotes(r.ResponseID, Quotes(r))
	}
	return out, nil
}

// heldOut keeps the models heldOutModel fitted, by case: the embedded
// dataset does not change while the program runs.
var heldOut sync.Map

// heldOutModel is the model fitted on the embedded dataset without one
// case, fitted once per process.
func heldOutModel(train *dataset.Dataset, caseID string) (*Model, error) {
	if m, ok := heldOut.Load(caseID); ok {
		return m.(*Model), nil
	}
	m, err := Fit(train.Codebook, quoted(train, caseID))
	if err != nil {
		return nil, err
	}
	heldOut.Store(caseID, m)
	return m, nil
}

func caseIDsOf(ds *dataset.Dataset) []string {
	var ids []string
	for i := range ds.Responses {
		if id := ds.Responses[i].CaseID; !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}
