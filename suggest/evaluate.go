package suggest

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// Text is what the coder reads of a response: its quotes, joined. The
// coder's summary is left out, since it already speaks in codes.
func Text(r *schema.Response) string {
	parts := make([]string, len(r.Quotes))
	for i, q := range r.Quotes {
		parts[i] = q.Text
	}
	return strings.Join(parts, " ")
}

// Learn finds cues in training responses: single words (of four letters or
// more) and pairs of words that occur in at least two responses, from at
// least two cases, carrying a code, and that carry it in at least three
// quarters of the responses where they occur. It sees only the responses
// it is given, so an evaluation can hold a case out of it.
func Learn(responses []*schema.Response) map[string][]schema.Cue {
	type stat struct {
		docs      int
		cases     map[string]bool
		with      map[string]int
		casesWith map[string]map[string]bool
	}
	stats := map[string]*stat{}
	for _, r := range responses {
		text := Text(r)
		if !English(text) {
			continue
		}
		seen := map[string]bool{}
		for _, t := range terms(text) {
			if seen[t] {
				continue
			}
			seen[t] = true
			st := stats[t]
			if st == nil {
				st = &stat{cases: map[string]bool{}, with: map[string]int{}, casesWith: map[string]map[string]bool{}}
				stats[t] = st
			}
			st.docs++
			st.cases[r.CaseID] = true
			for _, code := range r.Strategies {
				st.with[code]++
				if st.casesWith[code] == nil {
					st.casesWith[code] = map[string]bool{}
				}
				st.casesWith[code][r.CaseID] = true
			}
		}
	}
	out := map[string][]schema.Cue{}
	for _, t := range sortedTerms(stats) {
		st := stats[t]
		for code, n := range st.with {
			if n >= 2 && len(st.casesWith[code]) >= 2 && n*4 >= st.docs*3 {
				out[code] = append(out[code], schema.Cue{Pattern: regexp.QuoteMeta(t), Negatable: true, From: "learned"})
			}
		}
	}
	for code := range out {
		slices.SortFunc(out[code], func(a, b schema.Cue) int { return strings.Compare(a.Pattern, b.Pattern) })
	}
	return out
}

func sortedTerms[T any](m map[string]T) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// terms are a text's content words (four letters or more, not function
// words) and its pairs of adjacent words.
func terms(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r == '-' || r == '\'')
	})
	var out []string
	for i, w := range words {
		if len(w) >= 4 && !englishWords[w] {
			out = append(out, w)
		}
		if i > 0 && !(englishWords[w] && englishWords[words[i-1]]) {
			out = append(out, words[i-1]+" "+w)
		}
	}
	return out
}

// Score counts, for one code, true and false positives and false negatives.
type Score struct {
	Code       string
	TP, FP, FN int
}

// Precision is the share of the code's suggestions that were right,
// TP / (TP + FP); 0 when the code was never suggested.
func (s Score) Precision() float64 { return ratio(s.TP, s.TP+s.FP) }

// Recall is the share of the code's gold uses that were suggested,
// TP / (TP + FN); 0 when the gold coding never uses it.
func (s Score) Recall() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 is the harmonic mean of precision and recall,
// 2TP / (2TP + FP + FN); 0 when the code is neither suggested nor used.
func (s Score) F1() float64 { return ratio(2*s.TP, 2*s.TP+s.FP+s.FN) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluation is the result of leave-one-case-out evaluation.
type Evaluation struct {
	Scores         []Score // the model's, per code, codebook order
	Micro          Score   // all codes pooled
	MacroF1        float64 // mean F1 over codes that occur in the gold coding
	MacroP, MacroR float64
	Units          int         // responses scored
	NotCoded       []string    // responses left out: no quotes, or none in a language the model codes
	Cases          int         // folds
	Confusions     [][3]string // predicted code, gold code it came with instead, count
	LowConfidence  int         // scored responses whose codes were all below the cut

	LexiconScores []Score // the dictionary coder alone, English only, cues of the scored case dropped
	LexiconOnly   float64 // its macro-F1
	LexiconUnits  int     // responses it scored

	Curve       []CurvePoint    // macro-F1 against the number of training cases
	Calibration []Bin           // held-out probabilities against how often they were right
	Languages   []LanguageCount // training quotes per language (all cases)
	ByLanguage  []LanguageScore // scored responses and micro-F1 per language

	// Coders are two independent coders of the scored responses scored
	// against each other, per code, over CoderUnits responses, and
	// CodersMacroF1 their macro-F1 over the codes the model's is averaged
	// over: what readers of the codebook reach on the same quotes. Empty
	// until CompareCoders is called.
	Coders        []Score
	CoderUnits    int
	CodersMacroF1 float64

	scored []scoredUnit // every scored response, for CompareCoders
}

// CurvePoint is one point of the learning curve: the mean macro- and
// micro-F1 over Runs evaluations with Cases training cases.
type CurvePoint struct {
	Cases            int
	Runs             int
	MacroF1, MicroF1 float64
}

// Bin is one probability bin of the calibration table: of the Count
// (response, code) pairs whose held-out probability fell in [Lo, Hi),
// Correct carried the code in the gold coding; Suggested of them were
// suggested.
type Bin struct {
	Lo, Hi                    float64
	Count, Correct, Suggested int
	MeanP                     float64
}

// LanguageScore is the scoring of one language's responses.
type LanguageScore struct {
	Language string
	Units    int
	Micro    Score
}

// curveSizes are the training-set sizes of the learning curve (besides all
// cases but one), curveSeeds its repetitions, curveFolds the case-grouped
// folds of each repetition.
var curveSizes, curveSeeds = []int{5, 10, 20}, []uint64{1, 2, 3}

const curveFolds = 5

// Evaluate scores the model on a dataset, one case at a time: for each
// case, a model is fitted ([Fit]: weights and thresholds) on the other
// cases' quotes only and codes the case's observed responses from their
// quotes; its codes are compared with the gold strategies. Nothing fitted
// sees the scored case. Beside it, the dictionary coder alone (its cues
// from the scored case dropped), a learning curve and a calibration table.
func Evaluate(ds *dataset.Dataset) (*Evaluation, error) {
	ev := &Evaluation{Cases: len(ds.Cases)}
	codes := ds.Codebook.MustVariable(schema.TableResponses, "strategies").Codes()
	lex, units, err := lexiconScores(ds, codes)
	if err != nil {
		return nil, err
	}
	ev.LexiconScores, ev.LexiconUnits = lex, units
	_, ev.LexiconOnly, _, _ = macro(lex)

	folds := make([]foldResult, len(ds.Cases))
	err = parallel(len(ds.Cases), func(i int) error {
		m, err := Fit(ds.Codebook, quoted(ds, ds.Cases[i].CaseID))
		if err != nil {
			return err
		}
		folds[i] = scoreCase(m, ds, ds.Cases[i].CaseID)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ev.Scores = newScores(codes)
	bins := make([]Bin, 10)
	byLang := map[string]*LanguageScore{}
	for _, f := range folds {
		ev.NotCoded = append(ev.NotCoded, f.notCoded...)
		ev.scored = append(ev.scored, f.units...)
		for _, u := range f.units {
			ev.Units++
			if u.s.LowConfidence {
				ev.LowConfidence++
			}
			ls := byLang[u.s.Language]
			if ls == nil {
				ls = &LanguageScore{Language: u.s.Language, Micro: Score{Code: "micro"}}
				byLang[u.s.Language] = ls
			}
			ls.Units++
			for i, c := range codes {
				got, want := slices.Contains(u.s.Codes, c), slices.Contains(u.gold, c)
				count(&ev.Scores[i], got, want)
				count(&ls.Micro, got, want)
				p := u.s.Probabilities[c]
				b := &bins[min(int(p*10), 9)]
				b.Count++
				b.MeanP += p
				if want {
					b.Correct++
				}
				if got {
					b.Suggested++
				}
			}
			for _, p := range u.s.Codes {
				if slices.Contains(u.gold, p) {
					continue
				}
				for _, g := range u.gold {
					if !slices.Contains(u.s.Codes, g) {
						ev.Confusions = append(ev.Confusions, [3]string{p, g, ""})
					}
				}
			}
		}
	}
	for i := range bins {
		bins[i].Lo, bins[i].Hi = float64(i)/10, float64(i+1)/10
		if bins[i].Count > 0 {
			bins[i].MeanP /= float64(bins[i].Count)
		}
	}
	ev.Calibration = bins
	for _, l := range sortedTerms(byLang) {
		ev.ByLanguage = append(ev.ByLanguage, *byLang[l])
	}
	ev.Micro, ev.MacroF1, ev.MacroP, ev.MacroR = macro(ev.Scores)
	ev.Confusions = countConfusions(ev.Confusions)
	if ev.Curve, err = learningCurve(ds, codes); err != nil {
		return nil, err
	}
	ev.Curve = append(ev.Curve, CurvePoint{Cases: len(ds.Cases) - 1, Runs: 1, MacroF1: ev.MacroF1, MicroF1: ev.Micro.F1()})
	full, err := FitDataset(ds)
	if err != nil {
		return nil, err
	}
	ev.Languages = full.Languages()
	return ev, nil
}

func newScores(codes []string) []Score {
	scores := make([]Score, len(codes))
	for i, c := range codes {
		scores[i].Code = c
	}
	return scores
}

func count(s *Score, got, want bool) {
	switch {
	case got && want:
		s.TP++
	case got:
		s.FP++
	case want:
		s.FN++
	}
}

type scoredUnit struct {
	s    Suggestion
	gold []string
}

type foldResult struct {
	units    []scoredUnit
	notCoded []string
}

// scoreCase codes the observed responses of one case with a model fitted
// without it.
func scoreCase(m *Model, ds *dataset.Dataset, caseID string) foldResult {
	var f foldResult
	for i := range ds.Responses {
		r := &ds.Responses[i]
		if r.CaseID != caseID || r.Observed != "responded" {
			continue
		}
		s := m.SuggestQuotes(r.ResponseID, Quotes(r))
		if !s.Coded {
			f.notCoded = append(f.notCoded, r.ResponseID+" ("+s.Reason+")")
			continue
		}
		f.units = append(f.units, scoredUnit{s, r.Strategies})
	}
	return f
}

// parallel runs job(0..n-1) on as many goroutines as there are CPUs; each
// job writes only its own result, so the outcome does not depend on the
// order they run in. The first error (by index) is returned.
func parallel(n int, job func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = job(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// learningCurve evaluates, for each size in curveSizes and each seed, a
// case-grouped split of the cases into curveFolds folds: each fold is
// scored by a model fitted on a random sample of size cases from the
// other folds. The point is the mean over seeds (each pooling its folds).
func learningCurve(ds *dataset.Dataset, codes []string) ([]CurvePoint, error) {
	var ids []string
	for _, c := range ds.Cases {
		ids = append(ids, c.CaseID)
	}
	sort.Strings(ids)
	var out []CurvePoint
	for _, size := range curveSizes {
		if size > len(ids)-len(ids)/curveFolds-1 {
			continue
		}
		type job struct {
			seed uint64
			fold int
		}
		var jobs []job
		for _, seed := range curveSeeds {
			for k := range curveFolds {
				jobs = append(jobs, job{seed, k})
			}
		}
		results := make([]foldResult, len(jobs))
		err := parallel(len(jobs), func(i int) error {
			j := jobs[i]
			order := slices.Clone(ids)
			rand.New(rand.NewPCG(j.seed, 0)).Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
			var test, rest []string
			for n, id := range order {
				if n%curveFolds == j.fold {
					test = append(test, id)
				} else {
					rest = append(rest, id)
				}
			}
			rand.New(rand.NewPCG(j.seed, uint64(j.fold+1))).Shuffle(len(rest), func(a, b int) { rest[a], rest[b] = rest[b], rest[a] })
			train := map[string]bool{}
			for _, id := range rest[:size] {
				train[id] = true
			}
			var rs []*schema.Response
			for _, r := range quoted(ds, "") {
				if train[r.CaseID] {
					rs = append(rs, r)
				}
			}
			m, err := Fit(ds.Codebook, rs)
			if err != nil {
				return err
			}
			for _, id := range test {
				f := scoreCase(m, ds, id)
				results[i].units = append(results[i].units, f.units...)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		p := CurvePoint{Cases: size, Runs: len(curveSeeds)}
		for si := range curveSeeds {
			scores := newScores(codes)
			for k := range curveFolds {
				for _, u := range results[si*curveFolds+k].units {
					for i, c := range codes {
						count(&scores[i], slices.Contains(u.s.Codes, c), slices.Contains(u.gold, c))
					}
				}
			}
			micro, f1, _, _ := macro(scores)
			p.MacroF1 += f1 / float64(len(curveSeeds))
			p.MicroF1 += micro.F1() / float64(len(curveSeeds))
		}
		out = append(out, p)
	}
	return out, nil
}

// lexiconScores scores the dictionary coder alone, leave-one-case-out: the
// cues taken from the scored case are dropped. It codes English only.
func lexiconScores(ds *dataset.Dataset, codes []string) ([]Score, int, error) {
	scores := newScores(codes)
	units := 0
	for _, cs := range ds.Cases {
		coder, err := New(ds.Codebook, cs.CaseID, nil)
		if err != nil {
			return nil, 0, err
		}
		for i := range ds.Responses {
			r := &ds.Responses[i]
			if r.CaseID != cs.CaseID || r.Observed != "responded" {
				continue
			}
			s := coder.Suggest(r.ResponseID, Text(r))
			if !s.Coded {
				continue
			}
			units++
			for i, c := range codes {
				count(&scores[i], slices.Contains(s.Codes, c), slices.Contains(r.Strategies, c))
			}
		}
	}
	return scores, units, nil
}

// macro pools the scores (micro) and averages F1, precision and recall
// over the codes that occur in the gold coding.
func macro(scores []Score) (micro Score, f1, p, r float64) {
	micro.Code = "micro"
	n := 0
	for _, s := range scores {
		micro.TP += s.TP
		micro.FP += s.FP
		micro.FN += s.FN
		if s.TP+s.FN > 0 {
			f1 += s.F1()
			p += s.Precision()
			r += s.Recall()
			n++
		}
	}
	if n > 0 {
		f1, p, r = f1/float64(n), p/float64(n), r/float64(n)
	}
	return micro, f1, p, r
}

func countConfusions(pairs [][3]string) [][3]string {
	counts := map[[2]string]int{}
	for _, p := range pairs {
		counts[[2]string{p[0], p[1]}]++
	}
	var out [][3]string
	for k, n := range counts {
		out = append(out, [3]string{k[0], k[1], fmt.Sprint(n)})
	}
	slices.SortFunc(out, func(a, b [3]string) int {
		var x, y int
		fmt.Sscan(a[2], &x)
		fmt.Sscan(b[2], &y)
		if x != y {
			return y - x
		}
		return strings.Compare(a[0]+a[1], b[0]+b[1])
	})
	return out
}

// WriteMarkdown writes the evaluation as EVALUATION.md.
func (ev *Evaluation) WriteMarkdown(w io.Writer, ds *dataset.Dataset) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Evaluation of the suggested codes\n\n")
	b.WriteString("Written by `rejoinder suggest --evaluate --out EVALUATION.md` (a test fails when it is stale).\n\n")
	fmt.Fprintf(&b, "Dataset %s %s, codebook %s. Leave-one-case-out over %d cases: for each case, a model is fitted on the "+
		"other cases' quotes only (per code, a naive Bayes score over words, word pairs and six-letter stems, turned into a "+
		"probability together with the codebook's generic cues by a calibration fitted on held-out groups of those training "+
		"cases; see `suggest.Model`), its per-code thresholds are chosen on the same case-grouped split of the training "+
		"cases, and it then codes the held-out case's observed responses from their quotes (not the coder's "+
		"summary). A response's probability for a code is the largest over its quotes. Nothing fitted has seen the scored case.\n\n",
		ds.Meta.Name, ds.Meta.Version, ds.Codebook.Version, ev.Cases)
	fmt.Fprintf(&b, "**Macro-F1 %.3f** (precision %.3f, recall %.3f; mean over the %d codes that occur in the gold coding). "+
		"Micro: precision %.3f, recall %.3f, F1 %.3f.\n\n",
		ev.MacroF1, ev.MacroP, ev.MacroR, gold(ev.Scores), ev.Micro.Precision(), ev.Micro.Recall(), ev.Micro.F1())
	if ev.CoderUnits > 0 {
		cm, _, _, _ := macro(ev.Coders)
		fmt.Fprintf(&b, "Two independent coders, reading the same quotes with the codebook, agree at **macro-F1 %.3f** (micro %.3f) "+
			"on the %d scored responses they both coded (one coder's codes scored against the other's, over the same codes; "+
			"the column \"two coders\" below). They are the reference to read the model against.\n\n",
			ev.CodersMacroF1, cm.F1(), ev.CoderUnits)
	}
	lm, lf, _, _ := macro(ev.LexiconScores)
	fmt.Fprintf(&b, "The dictionary coder alone (the codebook's lexicon, English text only, the cues drawn from the scored "+
		"case's quotes dropped) scores macro-F1 %.3f and micro-F1 %.3f on the %d responses it codes.\n\n", lf, lm.F1(), ev.LexiconUnits)
	fmt.Fprintf(&b, "%d responses scored (%d of them with no code reaching its threshold: given their most likely codes, "+
		"marked low-confidence); %d left out, not coded:", ev.Units, ev.LowConfidence, len(ev.NotCoded))
	for _, n := range ev.NotCoded {
		b.WriteString(" " + n + ";")
	}
	coders := ev.CoderUnits > 0
	b.WriteString("\n\n| code | support | TP | FP | FN | precision | recall | F1 | lexicon alone F1 |")
	if coders {
		b.WriteString(" two coders F1 |")
	}
	b.WriteString("\n|---|---|---|---|---|---|---|---|---|")
	if coders {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for i, s := range ev.Scores {
		fmt.Fprintf(&b, "| `%s` | %d | %d | %d | %d | %.2f | %.2f | %.2f | %.2f |", s.Code, s.TP+s.FN, s.TP, s.FP, s.FN,
			s.Precision(), s.Recall(), s.F1(), ev.LexiconScores[i].F1())
		if coders {
			fmt.Fprintf(&b, " %.2f |", ev.Coders[i].F1())
		}
		b.WriteString("\n")
	}
	b.WriteString("\n## Languages\n\nThe model codes a language when it has at least " + strconv.Itoa(minLangQuotes) +
		" training quotes in it (the language is told from the script; Latin-script text that is not English is `und`). " +
		"Quotes in other languages are skipped, and a response with none left is not coded.\n\n" +
		"| language | training quotes (all cases) | coded | responses scored | micro-F1 |\n|---|---|---|---|---|\n")
	for _, l := range ev.Languages {
		units, f1 := 0, "–"
		for _, s := range ev.ByLanguage {
			if s.Language == l.Language {
				units, f1 = s.Units, fmt.Sprintf("%.3f", s.Micro.F1())
			}
		}
		coded := "no"
		if l.Coded {
			coded = "yes"
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %d | %s |\n", l.Language, l.Quotes, coded, units, f1)
	}
	b.WriteString("\n## Learning curve\n\nMacro- and micro-F1 against the number of training cases. The smaller sizes split the " +
		"cases into " + strconv.Itoa(curveFolds) + " case-grouped folds and score each fold with a model fitted on a random " +
		"sample of that many cases from the other folds (thresholds fitted inside the sample), averaged over " +
		strconv.Itoa(len(curveSeeds)) + " fixed seeds; the last row is the leave-one-case-out figure above.\n\n" +
		"| training cases | runs | macro-F1 | micro-F1 |\n|---|---|---|---|\n")
	for _, p := range ev.Curve {
		fmt.Fprintf(&b, "| %d | %d | %.3f | %.3f |\n", p.Cases, p.Runs, p.MacroF1, p.MicroF1)
	}
	b.WriteString("\n## Calibration\n\nEvery (scored response, code) pair by its held-out probability: how many fell in the bin, " +
		"their mean probability, the share that carry the code in the gold coding, and how many were suggested.\n\n" +
		"| probability | pairs | mean probability | share correct | suggested |\n|---|---|---|---|---|\n")
	for _, bin := range ev.Calibration {
		share := "–"
		if bin.Count > 0 {
			share = fmt.Sprintf("%.3f", float64(bin.Correct)/float64(bin.Count))
		}
		fmt.Fprintf(&b, "| %.1f–%.1f | %d | %.3f | %s | %d |\n", bin.Lo, bin.Hi, bin.Count, bin.MeanP, share, bin.Suggested)
	}
	b.WriteString("\n## Confusions\n\nA suggested code that the gold coding lacks, counted against each gold code the suggestion missed in the same response (the most frequent first).\n\n| suggested | gold, missed | responses |\n|---|---|---|\n")
	for i, c := range ev.Confusions {
		if i == 10 {
			break
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", c[0], c[1], c[2])
	}
	b.WriteString("\n## How honest is this?\n\nWeights, thresholds and the vocabulary are fitted inside each fold. What was not: " +
		"the model's settings (the features, naive Bayes smoothing, the lowest threshold, the largest-over-quotes rule) " +
		"were chosen by the developer, who compared about sixteen settings on this leave-one-case-out score over two sessions, and the generic English cues were written " +
		"by a developer who had read the curated quotes (those of identity_dispute, justification, acknowledgement, joint_investigation_offer and " +
		"evidence_demand paraphrase the codebook's definitions and pair rules); the Russian cues translate the codebook's English key words. So the " +
		"figures may be somewhat better than on new cases. Codes with a small support (see the table) swing with one " +
		"response: read their F1 as rough.\n")
	ev.writeWhyNotHigher(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

func gold(scores []Score) int {
	n := 0
	for _, s := range scores {
		if s.TP+s.FN > 0 {
			n++
		}
	}
	return n
}
