package suggest

import (
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// Model is a per-code probabilistic coder learned from coded quotes: for
// each strategy code (one against the rest), a naive Bayes score over a
// quote's word features, turned into a probability together with the
// codebook's cues by a small logistic regression fitted on held-out cases.
//
// Features of a quote: every word (lower-cased, in any script; Chinese as
// pairs of characters), its first six letters (a crude stem that also
// serves Russian's endings), every pair of adjacent words, and one
// feature per code that fires when one of the codebook's generic cues
// for that code matches (its English lexicon, see [schema.Cue], and the
// Russian translations of its key words in this package), and one that
// fires when a word of the code's definition in the codebook does (see
// definitionStems). Cues taken from a case's quotes are never used. Words seen in fewer than minDF
// training quotes are dropped.
//
// Score: for code c, with n_c training quotes carrying c and n_¬c not,
// k_cj and k_¬cj of them having feature j, and add-α smoothing,
//
//	w_cj = log((k_cj + α)/(n_c + 2α)) − log((k_¬cj + α)/(n_¬c + 2α))
//	s_c(quote) = log((n_c + α)/(n_¬c + α)) + Σ_{j present} w_cj
//
// and a response's score is the largest over its quotes (a code is in a
// response when one of its quotes shows it).
//
// Probability: p_c = σ(a_c·s_c + b_c·k_c + d_c), σ(z) = 1/(1+e^−z), where
// k_c is 1 when a quote of the response matches a generic cue of c. The
// training cases are split into thresholdFolds groups of whole cases; a
// naive Bayes fitted without each group scores that group's responses,
// and a_c, b_c, d_c are fitted to those held-out scores (Platt scaling
// with the cue as a second input), or b_c and d_c alone (the cue alone)
// when that does better there. The same held-out probabilities fix each
// code's threshold: the one with the best F1. At use, s_c is the mean of
// the group models' scores, the scale the calibration was fitted on.
// Everything is deterministic: counts, sorted vocabularies, seeded
// shuffles.
type Model struct {
	codes       []string
	index       map[string]int      // feature → column
	names       []string            // column → feature
	weights     [][]float64         // code → column weights, bias last
	thresholds  []float64           // code → cut fitted on held-out training cases
	stack       [][3]float64        // code → a, b, c of σ(a·score + b·cue + c), fitted on held-out training cases
	cues        *Coder              // the generic English cues
	languages   map[string]int      // training quotes per language
	version     string              // the codebook's, keying the feature cache
	definitions map[string][]string // code → stems of its definition's words
	// members are the models fitted on all training cases but a group
	// (see Fit): a quote's score is their mean, on the scale the
	// calibration was fitted on. The model's own weights rank evidence.
	members []*Model

	// MinProbability, when above zero, replaces the fitted per-code
	// thresholds as the cut: a code is suggested when its probability
	// reaches it.
	MinProbability float64
}

// Model settings: naive Bayes smoothing, the training quotes a word needs
// to be a feature, the lowest cut and the held-out F1 a fitted cut must
// reach, the training quotes a language needs to be coded, the groups of
// training cases the calibration and thresholds are fitted on, and how
// many codes a low-confidence suggestion offers.

const (
	alpha          = 0.1
	minDF          = 2
	minCut         = 0.1
	minThresholdF1 = 0.2
	minLangQuotes  = 20
	thresholdFolds = 5
	lowConfidenceK = 2
)

// quoteUnit is one training or scored quote, as features.
type quoteUnit struct {
	feats   []string
	cues    map[string][]string // code → cue words matched
	defined map[string][]string // code → words of its definition found
	lang    string
}

// extracted caches quote features by codebook version and text: a text's
// features depend on nothing else, and an evaluation extracts every quote
// hundreds of times.
var extracted sync.Map

func (m *Model) extract(text string) quoteUnit {
	key := m.version + "\x00" + text
	if u, ok := extracted.Load(key); ok {
		return u.(quoteUnit)
	}
	u := m.extractUncached(text)
	extracted.Store(key, u)
	return u
}

func (m *Model) extractUncached(text string) quoteUnit {
	u := quoteUnit{feats: ngrams(text), lang: Language(text)}
	u.cues = m.cues.match(text)
	for code, words := range matchRussianCues(tokens(text)) {
		u.cues[code] = append(u.cues[code], words...)
	}
	for _, code := range m.codes {
		if len(u.cues[code]) > 0 {
			u.feats = append(u.feats, "c:"+code)
		}
	}
	u.defined = map[string][]string{}
	for _, w := range tokens(text) {
		for _, code := range m.codes {
			if slices.Contains(m.definitions[code], stem(w)) && !slices.Contains(u.defined[code], w) {
				u.defined[code] = append(u.defined[code], w)
			}
		}
	}
	for _, code := range m.codes {
		if len(u.defined[code]) > 0 {
			u.feats = append(u.feats, "d:"+code)
		}
	}
	return u
}

// stem is a word's first stemLength letters.
func stem(w string) string {
	if r := []rune(w); len(r) > stemLength {
		return string(r[:stemLength])
	}
	return w
}

// definitionStems are, for each code, the stems of the content words of
// its definition in the codebook (five letters or more) that at most one
// other code's definition shares: "fabricated", "slander", "retaliation".
func definitionStems(cb *schema.Codebook) map[string][]string {
	uses := map[string]map[string]bool{}
	for _, v := range cb.Strategies() {
		for _, w := range tokens(v.Definition) {
			if len([]rune(w)) < 5 || englishWords[w] {
				continue
			}
			st := stem(w)
			if uses[st] == nil {
				uses[st] = map[string]bool{}
			}
			uses[st][v.Code] = true
		}
	}
	out := map[string][]string{}
	for _, st := range sortedTerms(uses) {
		if len(uses[st]) <= 2 {
			for _, code := range sortedTerms(uses[st]) {
				out[code] = append(out[code], st)
			}
		}
	}
	return out
}

// genericCoder compiles the codebook's generic cues only: those not taken
// from any case's quotes.
func genericCoder(cb *schema.Codebook) (*Coder, error) {
	c := &Coder{cues: map[string][]compiled{}}
	for _, v := range cb.Strategies() {
		c.codes = append(c.codes, v.Code)
		for _, cue := range v.Lexicon {
			if cue.From != "" {
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

// Quotes are the texts the model reads of a response: its quotes that
// have text.
func Quotes(r *schema.Response) []string {
	var out []string
	for _, q := range r.Quotes {
		if strings.TrimSpace(q.Text) != "" {
			out = append(out, q.Text)
		}
	}
	return out
}

// Fit fits a model on the responses given (their quotes and the codes
// each quote carries) and nothing else: the naive Bayes weights, then,
// on groups of whole training cases held out in turn, the calibration
// and each code's threshold (see [Model]). An evaluation that leaves a
// case out of responses leaves it out of everything fitted.
func Fit(cb *schema.Codebook, responses []*schema.Response) (*Model, error) {
	m, err := train(cb, responses)
	if err != nil {
		return nil, err
	}
	cases := caseIDs(responses)
	m.thresholds = make([]float64, len(m.codes))
	if len(cases) < 2 {
		for i := range m.thresholds {
			m.thresholds[i] = 0.5
		}
		return m, nil
	}
	rng := rand.New(rand.NewPCG(19, 2026))
	rng.Shuffle(len(cases), func(i, j int) { cases[i], cases[j] = cases[j], cases[i] })
	group := map[string]int{}
	for i, c := range cases {
		group[c] = i % thresholdFolds
	}
	var raws [][][2]float64
	var gold [][]bool
	for k := range min(thresholdFolds, len(cases)) {
		var in, out []*schema.Response
		for _, r := range responses {
			if group[r.CaseID] == k {
				out = append(out, r)
			} else {
				in = append(in, r)
			}
		}
		inner, err := train(cb, in)
		if err != nil {
			return nil, err
		}
		m.members = append(m.members, inner)
		for _, r := range out {
			_, raw, _, ok := inner.probabilities(Quotes(r))
			if !ok {
				continue
			}
			raws = append(raws, raw)
			gold = append(gold, goldOf(m.codes, r))
		}
	}
	probs := make([][]float64, len(raws))
	for i := range probs {
		probs[i] = make([]float64, len(m.codes))
	}
	for c := range m.codes {
		in, g := make([][2]float64, len(raws)), make([]bool, len(raws))
		for i := range raws {
			in[i], g[i] = raws[i][c], gold[i][c]
		}
		// Two candidates, chosen between by their held-out F1: the score
		// and the cue together, or the cue alone (a = 0), which is
		// better for codes too rare for the words to be learned.
		bestF1 := -1.0
		for _, cueOnly := range []bool{false, true} {
			x := in
			if cueOnly {
				x = make([][2]float64, len(in))
				for i := range in {
					x[i][1] = in[i][1]
				}
			}
			w := fitStack(x, g)
			for i := range raws {
				probs[i][c] = sigmoid(w[0]*x[i][0] + w[1]*x[i][1] + w[2])
			}
			if cut, f1 := bestThreshold(probs, gold, c); f1 > bestF1 {
				m.stack[c], m.thresholds[c], bestF1 = w, cut, f1
			}
		}
	}
	return m, nil
}

func goldOf(codes []string, r *schema.Response) []bool {
	g := make([]bool, len(codes))
	for i, c := range codes {
		g[i] = slices.Contains(r.Strategies, c)
	}
	return g
}

func caseIDs(responses []*schema.Response) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range responses {
		if !seen[r.CaseID] {
			seen[r.CaseID] = true
			out = append(out, r.CaseID)
		}
	}
	sort.Strings(out)
	return out
}

// bestThreshold is the cut, on a grid of hundredths from minCut to 0.9,
// that gives code c the best F1 over the held-out probabilities; the
// lowest of equals. The probabilities are calibrated, so when no cut
// reaches an F1 of minThresholdF1 there (a code too rare in the training
// cases to tell), the cut is 0.5.
func bestThreshold(probs [][]float64, gold [][]bool, c int) (float64, float64) {
	best, bestF1 := 0.5, minThresholdF1
	for t := int(minCut * 100); t <= 90; t++ {
		cut := float64(t) / 100
		var s Score
		for i, p := range probs {
			count(&s, p[c] >= cut, gold[i][c])
		}
		if f := s.F1(); f > bestF1+1e-12 {
			best, bestF1 = cut, f
		}
	}
	return best, bestF1
}

// train fits the weights on the quotes of the responses given.
func train(cb *schema.Codebook, responses []*schema.Response) (*Model, error) {
	cues, err := genericCoder(cb)
	if err != nil {
		return nil, err
	}
	m := &Model{codes: cues.codes, cues: cues, index: map[string]int{}, languages: map[string]int{}, version: cb.Version, definitions: definitionStems(cb)}
	var units []quoteUnit
	var labels [][]bool
	df := map[string]int{}
	for _, r := range responses {
		for _, q := range r.Quotes {
			if strings.TrimSpace(q.Text) == "" {
				continue
			}
			u := m.extract(q.Text)
			m.languages[u.lang]++
			units = append(units, u)
			y := make([]bool, len(m.codes))
			for i, c := range m.codes {
				y[i] = slices.Contains(q.Codes, c)
			}
			labels = append(labels, y)
			for _, f := range u.feats {
				df[f]++
			}
		}
	}
	for _, f := range sortedTerms(df) {
		if df[f] >= minDF || strings.HasPrefix(f, "c:") || strings.HasPrefix(f, "d:") {
			m.index[f] = len(m.names)
			m.names = append(m.names, f)
		}
	}
	x := make([][]int, len(units))
	for i, u := range units {
		x[i] = m.columns(u)
	}
	m.weights = fitNaiveBayes(x, labels, len(m.names), len(m.codes))
	m.stack = make([][3]float64, len(m.codes))
	for c := range m.stack {
		m.stack[c] = [3]float64{1, 0, 0}
	}
	return m, nil
}

// columns are a quote's feature columns, in order.
func (m *Model) columns(u quoteUnit) []int {
	var cols []int
	for _, f := range u.feats {
		if j, ok := m.index[f]; ok {
			cols = append(cols, j)
		}
	}
	sort.Ints(cols)
	return cols
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// fitNaiveBayes gives each code the weights w_cj of a naive Bayes model
// over present features (see [Model]), its bias last: the log-odds of c
// when absent features are ignored. Naive Bayes overcounts correlated
// features (a word, its stem and its pairs), so the score is rescaled by
// the calibration Fit fits on held-out cases.
func fitNaiveBayes(x [][]int, y [][]bool, nFeat, nCodes int) [][]float64 {
	w := make([][]float64, nCodes)
	for c := range w {
		with := make([]float64, nFeat)
		without := make([]float64, nFeat)
		nc, nn := 0.0, 0.0
		for i, cols := range x {
			k := without
			if y[i][c] {
				k, nc = with, nc+1
			} else {
				nn++
			}
			for _, j := range cols {
				k[j]++
			}
		}
		w[c] = make([]float64, nFeat+1)
		for j := range nFeat {
			w[c][j] = math.Log((with[j]+alpha)/(nc+2*alpha)) - math.Log((without[j]+alpha)/(nn+2*alpha))
		}
		w[c][nFeat] = math.Log((nc + alpha) / (nn + alpha))
	}
	return w
}

// fitStack fits p = σ(a·s + b·k + c) to held-out naive Bayes scores s,
// cue indicators k and gold labels, by Newton's method on the log-loss
// with a small ridge on a and b (it keeps the fit defined when the
// classes separate). This is Platt scaling with the cue as a second
// input; like Platt, it aims at the targets (n₊+1)/(n₊+2) and 1/(n₋+2)
// rather than 1 and 0, against overconfidence.
func fitStack(in [][2]float64, gold []bool) [3]float64 {
	pos, neg := 0.0, 0.0
	for _, g := range gold {
		if g {
			pos++
		} else {
			neg++
		}
	}
	hi, lo := (pos+1)/(pos+2), 1/(neg+2)
	w := [3]float64{0.1, 0, math.Log((pos + 1) / (neg + 1))}
	const ridge = 1e-2
	loss := func(w [3]float64) float64 {
		l := ridge / 2 * (w[0]*w[0] + w[1]*w[1])
		for i, x := range in {
			t := lo
			if gold[i] {
				t = hi
			}
			z := w[0]*x[0] + w[1]*x[1] + w[2]
			// log(1+e^z) − t·z, computed without overflow
			l += math.Max(z, 0) + math.Log1p(math.Exp(-math.Abs(z))) - t*z
		}
		return l
	}
	for range 50 {
		var g [3]float64
		var h [3][3]float64
		for i, x := range in {
			v := [3]float64{x[0], x[1], 1}
			t := lo
			if gold[i] {
				t = hi
			}
			p := sigmoid(w[0]*v[0] + w[1]*v[1] + w[2])
			for a := range 3 {
				g[a] += (p - t) * v[a]
				for b := range 3 {
					h[a][b] += p * (1 - p) * v[a] * v[b]
				}
			}
		}
		for a := range 3 {
			r := ridge
			if a == 2 {
				r = 1e-6
			}
			g[a] += r * w[a]
			h[a][a] += r
		}
		d, ok := solve3(h, g)
		if !ok {
			break
		}
		// Halve the step until the loss does not rise (a full Newton
		// step overshoots when the classes nearly separate).
		before := loss(w)
		for range 40 {
			next := [3]float64{w[0] - d[0], w[1] - d[1], w[2] - d[2]}
			if loss(next) <= before {
				w = next
				break
			}
			d = [3]float64{d[0] / 2, d[1] / 2, d[2] / 2}
		}
		if math.Abs(d[0])+math.Abs(d[1])+math.Abs(d[2]) < 1e-9 {
			break
		}
	}
	return w
}

// solve3 solves h·d = g by Cramer's rule; ok is false when h is singular.
func solve3(h [3][3]float64, g [3]float64) (d [3]float64, ok bool) {
	det := func(m [3][3]float64) float64 {
		return m[0][0]*(m[1][1]*m[2][2]-m[1][2]*m[2][1]) - m[0][1]*(m[1][0]*m[2][2]-m[1][2]*m[2][0]) + m[0][2]*(m[1][0]*m[2][1]-m[1][1]*m[2][0])
	}
	D := det(h)
	if math.Abs(D) < 1e-300 {
		return d, false
	}
	for k := range 3 {
		m := h
		for r := range 3 {
			m[r][k] = g[r]
		}
		d[k] = det(m) / D
	}
	return d, true
}

// quoteScores gives one quote's naive Bayes score for each code and its
// feature columns.
func (m *Model) quoteScores(u quoteUnit) ([]float64, []int) {
	cols := m.columns(u)
	if len(m.members) > 0 {
		sc := make([]float64, len(m.codes))
		for _, k := range m.members {
			s, _ := k.quoteScores(u)
			for c := range sc {
				sc[c] += s[c] / float64(len(m.members))
			}
		}
		return sc, cols
	}
	sc := make([]float64, len(m.codes))
	for c, wc := range m.weights {
		z := wc[len(m.names)]
		for _, j := range cols {
			z += wc[j]
		}
		sc[c] = z
	}
	return sc, cols
}

// covered reports whether the model codes a language: it needs
// minLangQuotes training quotes in it.
func (m *Model) covered(lang string) bool {
	return lang != "und" && m.languages[lang] >= minLangQuotes
}

// Languages returns the number of training quotes of each language the
// model saw ("und" for Latin-script text that is not English), and
// whether it codes that language (enough quotes to learn from).
func (m *Model) Languages() []LanguageCount {
	var out []LanguageCount
	for _, l := range sortedTerms(m.languages) {
		out = append(out, LanguageCount{Language: l, Quotes: m.languages[l], Coded: m.covered(l)})
	}
	return out
}

// LanguageCount is one language's training quotes and whether the model
// codes text in it.
type LanguageCount struct {
	Language string
	Quotes   int
	Coded    bool
}

// quoteEvidence is, for the quote that gave a code its probability, the
// words behind it.
type quoteEvidence struct {
	unit quoteUnit
	cols []int
}

// probabilities gives a response's probability for each code, the two
// inputs behind it (the largest naive Bayes score over its quotes in
// covered languages, and whether one of them matched a generic cue of
// the code), and per code the quote that gave the score; ok is false
// when no quote is in a covered language.
func (m *Model) probabilities(quotes []string) (p []float64, in [][2]float64, from []quoteEvidence, ok bool) {
	in = make([][2]float64, len(m.codes))
	from = make([]quoteEvidence, len(m.codes))
	for _, q := range quotes {
		u := m.extract(q)
		if !m.covered(u.lang) {
			continue
		}
		sc, cols := m.quoteScores(u)
		for c := range sc {
			if !ok || sc[c] > in[c][0] {
				in[c][0] = sc[c]
				from[c] = quoteEvidence{u, cols}
			}
			if len(u.cues[m.codes[c]]) > 0 {
				in[c][1] = 1
			}
		}
		ok = true
	}
	p = make([]float64, len(m.codes))
	for c := range p {
		p[c] = m.combine(c, in[c])
	}
	return p, in, from, ok
}

// combine is a code's probability from its two inputs.
func (m *Model) combine(c int, in [2]float64) float64 {
	w := m.stack[c]
	return sigmoid(w[0]*in[0] + w[1]*in[1] + w[2])
}

// minEvidenceWeight is the least naive Bayes weight (a log-odds ratio) of
// a feature shown as evidence: words that raise a code only a little
// ("we", "these") are not why it was suggested.
const minEvidenceWeight = 1.0

// evidence names the features of a quote that raised code c most (at most
// four, of weight above minEvidenceWeight): cue words as they matched, words and word
// pairs as written in lower case, stems with a trailing "…".
func (m *Model) evidence(c int, e quoteEvidence) []string {
	type contrib struct {
		name string
		w    float64
	}
	var cs []contrib
	for _, j := range e.cols {
		if w := m.weights[c][j]; w > minEvidenceWeight {
			cs = append(cs, contrib{m.names[j], w})
		}
	}
	sort.SliceStable(cs, func(a, b int) bool {
		if cs[a].w != cs[b].w {
			return cs[a].w > cs[b].w
		}
		return cs[a].name < cs[b].name
	})
	var out []string
	for _, k := range cs {
		if len(out) == 4 {
			break
		}
		kind, name, _ := strings.Cut(k.name, ":")
		var words []string
		switch kind {
		case "c":
			words = e.unit.cues[name]
		case "d":
			words = e.unit.defined[name]
		case "s":
			if slices.ContainsFunc(out, func(w string) bool { return strings.HasPrefix(w, name) }) {
				continue
			}
			words = []string{name + "…"}
		default:
			words = []string{name}
		}
		for _, w := range words {
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	return out
}

// sentenceEnd splits free text into the sentence-sized pieces the model
// was trained on (quotes are mostly a sentence or two).
var sentenceEnd = regexp.MustCompile(`[.!?。！？]+\s+|[。！？]|\n+`)

// Suggest codes a free text: it is split into sentences, and each code
// gets the largest probability over them. See [Model.SuggestQuotes].
func (m *Model) Suggest(id, text string) Suggestion {
	var parts []string
	for _, p := range sentenceEnd.Split(text, -1) {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
	}
	return m.SuggestQuotes(id, parts)
}

// SuggestQuotes codes a response from its quotes. A code is suggested when
// its probability reaches the cut (MinProbability, or else the code's
// fitted threshold) and words of the text raised it; when none is, the lowConfidenceK most likely codes
// are suggested and the suggestion is marked LowConfidence, so that a
// response with text never comes back empty. Quotes in a language the
// model does not cover are skipped; with none left, the suggestion is not
// coded and says why.
func (m *Model) SuggestQuotes(id string, quotes []string) Suggestion {
	s := Suggestion{ID: id, Codes: []string{}, Evidence: map[string][]string{}, Probabilities: map[string]float64{}, Coded: true}
	langs := map[string]int{}
	for _, q := range quotes {
		langs[Language(q)]++
	}
	s.Language = "und" // unless a named language has most quotes
	best := 0
	for _, l := range sortedTerms(langs) {
		if l != "und" && langs[l] > best {
			s.Language, best = l, langs[l]
		}
	}
	p, _, from, ok := m.probabilities(quotes)
	if !ok {
		s.Coded = false
		switch {
		case len(quotes) == 0:
			s.Reason = "no text"
		case s.Language == "und":
			s.Reason = "not English, nor another language the model codes: not coded rather than coded badly"
		default:
			s.Reason = "language " + s.Language + ": fewer than " + itoa(minLangQuotes) + " training quotes (" + itoa(m.languages[s.Language]) + "), not coded rather than coded badly"
		}
		return s
	}
	order := make([]int, len(m.codes))
	for c := range order {
		order[c] = c
		s.Probabilities[m.codes[c]] = math.Round(p[c]*1000) / 1000
	}
	sort.SliceStable(order, func(a, b int) bool { return p[order[a]] > p[order[b]] })
	// A code passes when its probability reaches the cut and some words
	// raised it: a probability near the code's base rate with no words
	// behind it is the prior speaking, not the text.
	for _, c := range order {
		if ev := m.evidence(c, from[c]); p[c] >= m.cut(c) && len(ev) > 0 {
			s.Codes = append(s.Codes, m.codes[c])
			s.Evidence[m.codes[c]] = ev
		}
	}
	if len(s.Codes) == 0 {
		s.LowConfidence = true
		for _, c := range order[:min(lowConfidenceK, len(order))] {
			s.Codes = append(s.Codes, m.codes[c])
			s.Evidence[m.codes[c]] = m.evidence(c, from[c])
		}
	}
	return s
}

func (m *Model) cut(c int) float64 {
	if m.MinProbability > 0 {
		return m.MinProbability
	}
	return m.thresholds[c]
}

// Thresholds returns each code's fitted cut, in codebook order.
func (m *Model) Thresholds() map[string]float64 {
	out := map[string]float64{}
	for c, code := range m.codes {
		out[code] = m.thresholds[c]
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the model fitted on the embedded dataset's observed
// responses: built once per process, deterministically, from the data that
// ships inside the binary. Callers get a copy they may set MinProbability
// on.
func Default() (*Model, error) {
	defaultOnce.Do(func() { defaultModel, defaultErr = FitDataset(dataset.MustDefault()) })
	if defaultErr != nil {
		return nil, defaultErr
	}
	m := *defaultModel
	return &m, nil
}

// FitDataset fits a model on all the responses of a dataset that have
// quotes (those that declined comment too: their quotes show non_denial).
func FitDataset(ds *dataset.Dataset) (*Model, error) {
	return Fit(ds.Codebook, quoted(ds, ""))
}

// FitDatasetWithout fits a model on a dataset's responses with quotes
// except those of the case given: the model to suggest codes for that
// case with, since a model fitted on a case's own coded quotes repeats
// its codes back and says nothing of how it would do on a new case.
func FitDatasetWithout(ds *dataset.Dataset, caseID string) (*Model, error) {
	return Fit(ds.Codebook, quoted(ds, caseID))
}

// quoted are the responses with quotes, leaving out those of case skip.
func quoted(ds *dataset.Dataset, skip string) []*schema.Response {
	var out []*schema.Response
	for i := range ds.Responses {
		if r := &ds.Responses[i]; len(r.Quotes) > 0 && r.CaseID != skip {
			out = append(out, r)
		}
	}
	return out
}
