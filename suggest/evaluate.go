package suggest

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"

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
	Scores         []Score // per code, codebook order
	Micro          Score   // all codes pooled
	MacroF1        float64 // mean F1 over codes that occur in the gold coding
	MacroP, MacroR float64
	Units          int         // responses scored
	NotCoded       []string    // responses left out: not English, or no quotes
	Cases          int         // folds
	Confusions     [][3]string // predicted code, gold code it came with instead, count
	LexiconOnly    float64     // macro-F1 without learned cues
}

// Evaluate scores the coder on the curated dataset, one case at a time:
// for each case, the lexicon drops the cues taken from that case and
// learns cues from the other cases only, then codes the case's observed
// responses (their quotes) and is compared with the gold strategies. No
// case is ever scored with cues drawn from it.
func Evaluate(ds *dataset.Dataset) (*Evaluation, error) {
	ev := &Evaluation{}
	codes := ds.Codebook.MustVariable(schema.TableResponses, "strategies").Codes()
	run := func(learn bool) ([]Score, error) {
		scores := make([]Score, len(codes))
		for i, c := range codes {
			scores[i].Code = c
		}
		for _, cs := range ds.Cases {
			var train, test []*schema.Response
			for i := range ds.Responses {
				r := &ds.Responses[i]
				if r.Observed != "responded" {
					continue
				}
				if r.CaseID == cs.CaseID {
					test = append(test, r)
				} else {
					train = append(train, r)
				}
			}
			var extra map[string][]schema.Cue
			if learn {
				extra = Learn(train)
			}
			coder, err := New(ds.Codebook, cs.CaseID, extra)
			if err != nil {
				return nil, err
			}
			for _, r := range test {
				s := coder.Suggest(r.ResponseID, Text(r))
				if !s.Coded {
					if learn {
						ev.NotCoded = append(ev.NotCoded, r.ResponseID+" ("+s.Reason+")")
					}
					continue
				}
				if learn {
					ev.Units++
					for _, p := range s.Codes {
						if slices.Contains(r.Strategies, p) {
							continue
						}
						for _, g := range r.Strategies {
							if !slices.Contains(s.Codes, g) {
								ev.Confusions = append(ev.Confusions, [3]string{p, g, ""})
							}
						}
					}
				}
				for i, c := range codes {
					got, want := slices.Contains(s.Codes, c), slices.Contains(r.Strategies, c)
					switch {
					case got && want:
						scores[i].TP++
					case got:
						scores[i].FP++
					case want:
						scores[i].FN++
					}
				}
			}
		}
		return scores, nil
	}
	base, err := run(false)
	if err != nil {
		return nil, err
	}
	_, ev.LexiconOnly, _, _ = macro(base)
	if ev.Scores, err = run(true); err != nil {
		return nil, err
	}
	ev.Cases = len(ds.Cases)
	ev.Micro, ev.MacroF1, ev.MacroP, ev.MacroR = macro(ev.Scores)
	ev.Confusions = countConfusions(ev.Confusions)
	return ev, nil
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
	fmt.Fprintf(&b, "Dataset %s %s, codebook %s. Leave-one-case-out over %d cases: for each case, the dictionary coder "+
		"drops the lexicon's cues taken from that case's quotes and learns cues from the other cases only, then codes the "+
		"case's observed responses from their quotes (not the coder's summary); its codes are compared with the gold "+
		"strategies.\n\n", ds.Meta.Name, ds.Meta.Version, ds.Codebook.Version, ev.Cases)
	fmt.Fprintf(&b, "**Macro-F1 %.3f** (precision %.3f, recall %.3f; mean over the %d codes that occur in the gold coding). "+
		"Micro: precision %.3f, recall %.3f, F1 %.3f. Without the learned cues, macro-F1 is %.3f.\n\n",
		ev.MacroF1, ev.MacroP, ev.MacroR, gold(ev.Scores), ev.Micro.Precision(), ev.Micro.Recall(), ev.Micro.F1(), ev.LexiconOnly)
	fmt.Fprintf(&b, "%d responses scored; %d left out, not coded:", ev.Units, len(ev.NotCoded))
	for _, n := range ev.NotCoded {
		b.WriteString(" " + n + ";")
	}
	b.WriteString("\n\n| code | support | TP | FP | FN | precision | recall | F1 |\n|---|---|---|---|---|---|---|---|\n")
	for _, s := range ev.Scores {
		fmt.Fprintf(&b, "| `%s` | %d | %d | %d | %d | %.2f | %.2f | %.2f |\n", s.Code, s.TP+s.FN, s.TP, s.FP, s.FN, s.Precision(), s.Recall(), s.F1())
	}
	b.WriteString("\nConfusions: a suggested code that the gold coding lacks, counted against each gold code the suggestion missed in the same response (the most frequent first).\n\n| suggested | gold, missed | responses |\n|---|---|---|\n")
	for i, c := range ev.Confusions {
		if i == 10 {
			break
		}
		fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", c[0], c[1], c[2])
	}
	b.WriteString("\nHow honest is this? The generic cues come from the codebook's definitions and the common vocabulary of " +
		"diplomatic denials, and they were written by a developer who had read the curated quotes, so they may fit this data " +
		"better than new data; the cues copied from a case's quotes are marked and dropped when that case is scored. With " +
		"about forty scored responses, one response moves a code's F1 a lot: read the figures as rough.\n")
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
