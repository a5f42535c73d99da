package suggest

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/rejoinder/rejoinder/reliability"
)

// CompareCoders scores the independent coders of the responses the
// evaluation scored against each other: for each such response, the two
// coders of the latest round in which exactly two coders coded it, the
// first by name taken as the suggestion and the second as the gold (F1 is
// the same either way round). It fills Coders, CoderUnits and
// CodersMacroF1, the reference the model's scores are read against: how
// well two readers of the codebook agree on the same quotes.
//
// codings are the published ones (coding.Published); a strategy code is
// the variable "strategies:CODE", valued yes or no. A response no round
// coded twice is left out and not counted in CoderUnits.
func (ev *Evaluation) CompareCoders(codings []reliability.Coding) {
	scored := map[string]bool{}
	for _, u := range ev.scored {
		scored[u.s.ID] = true
	}
	type unitRound struct {
		unit  string
		round int
	}
	yes := map[unitRound]map[string]map[string]bool{} // coder → code → marked yes
	for _, c := range codings {
		code, ok := strings.CutPrefix(c.Variable, "strategies:")
		if !ok || !scored[c.UnitID] {
			continue
		}
		k := unitRound{c.UnitID, c.Round}
		if yes[k] == nil {
			yes[k] = map[string]map[string]bool{}
		}
		if yes[k][c.Coder] == nil {
			yes[k][c.Coder] = map[string]bool{}
		}
		yes[k][c.Coder][code] = c.Value == "yes"
	}
	rounds := map[string][]int{}
	for k := range yes {
		rounds[k.unit] = append(rounds[k.unit], k.round)
	}
	ev.Coders = newScores(scoreCodes(ev.Scores))
	ev.CoderUnits = 0
	for _, u := range ev.scored {
		rs := rounds[u.s.ID]
		slices.Sort(rs)
		for i := len(rs) - 1; i >= 0; i-- {
			byCoder := yes[unitRound{u.s.ID, rs[i]}]
			if len(byCoder) != 2 {
				continue
			}
			names := sortedTerms(byCoder)
			for j := range ev.Coders {
				code := ev.Coders[j].Code
				count(&ev.Coders[j], byCoder[names[0]][code], byCoder[names[1]][code])
			}
			ev.CoderUnits++
			break
		}
	}
	ev.CodersMacroF1 = macroOver(ev.Coders, ev.Scores)
}

// scoreCodes lists the codes of scores, in their order.
func scoreCodes(scores []Score) []string {
	codes := make([]string, len(scores))
	for i, s := range scores {
		codes[i] = s.Code
	}
	return codes
}

// macroOver averages the F1 of scores over the codes that occur in the
// gold coding of ref (the model's scores), so that two macro-F1s over the
// same responses average the same codes.
func macroOver(scores, ref []Score) float64 {
	sum, n := 0.0, 0
	for i, s := range scores {
		if ref[i].TP+ref[i].FN > 0 {
			sum += s.F1()
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// CurveSlope is the macro-F1 the learning curve gains per doubling of the
// training cases: the least-squares slope of macro-F1 on log2 of the
// number of training cases over the curve's points. ok is false when the
// curve has fewer than two sizes.
func (ev *Evaluation) CurveSlope() (slope float64, ok bool) {
	var n, sx, sy, sxx, sxy float64
	for _, p := range ev.Curve {
		x := math.Log2(float64(p.Cases))
		n++
		sx += x
		sy += p.MacroF1
		sxx += x * x
		sxy += x * p.MacroF1
	}
	d := n*sxx - sx*sx
	if n < 2 || d == 0 {
		return 0, false
	}
	return (n*sxy - sx*sy) / d, true
}

// CasesFor extrapolates the learning curve: the training cases at which
// macro-F1 would reach target if each doubling kept adding CurveSlope, from
// the curve's last point. ok is false when the curve does not rise. Far
// beyond the data this is an order of magnitude, not a forecast.
func (ev *Evaluation) CasesFor(target float64) (cases float64, ok bool) {
	slope, ok := ev.CurveSlope()
	if !ok || slope <= 0 || len(ev.Curve) == 0 {
		return 0, false
	}
	last := ev.Curve[len(ev.Curve)-1]
	if last.MacroF1 >= target {
		return float64(last.Cases), true
	}
	return float64(last.Cases) * math.Exp2((target-last.MacroF1)/slope), true
}

// wantMacroF1 is the macro-F1 a first pass of suggestions is asked to
// reach on cases it never saw; the report says how far off it is.
const wantMacroF1 = 0.60

// writeWhyNotHigher writes the report's last section from the figures
// above it: the coders' agreement, the learning curve's slope and what it
// would take, and the one experiment run outside this program.
func (ev *Evaluation) writeWhyNotHigher(b *strings.Builder) {
	b.WriteString("\n## Why not higher\n\n")
	if ev.CoderUnits > 0 {
		fmt.Fprintf(b, "Two coders reading the codebook reach macro-F1 %.3f on these responses; the model reaches %.3f. "+
			"So the codes can be told apart from the quotes. What the coders do and the model does not is read: they are "+
			"sessions of an AI language model (DATASET.md, \"Coding and reliability\"), which take a quote's sense, where "+
			"the model counts its words.\n\n", ev.CodersMacroF1, ev.MacroF1)
	}
	if slope, ok := ev.CurveSlope(); ok {
		fmt.Fprintf(b, "More of the same data helps slowly: the learning curve gains %.3f macro-F1 per doubling of the training "+
			"cases (least squares over its rows).", slope)
		if cases, ok := ev.CasesFor(wantMacroF1); ok && ev.MacroF1 < wantMacroF1 {
			last := ev.Curve[len(ev.Curve)-1].Cases
			fmt.Fprintf(b, " At that rate macro-F1 %.2f would take about %s training cases, %s times the %d here: an "+
				"extrapolation far past the data, to read as an order of magnitude.", wantMacroF1, roughly(cases),
				roughly(cases/float64(last)), last)
		}
		b.WriteString("\n\n")
	}
	b.WriteString("Nor is it the model family. A regularised logistic regression per code over word and character n-grams " +
		"(scikit-learn 1.2, classes balanced, thresholds fitted inside the folds; run once, outside this program) " +
		"scored macro-F1 0.37 on the same leave-one-case-out split, and scoring whole responses instead of quotes did worse " +
		"(0.30). Giving words the meaning a thesaurus lends them helps little: the same regression over words and word " +
		"pairs scored 0.333 on all 402 observed responses, 0.358 with each word's WordNet 3.0 synonym sets added, 0.353 " +
		"with their hypernyms as well (`suggest/experiments/wordnet_lr.py`, run on 2026-12-02). All of these count " +
		"words: the rare codes have too few examples to learn their words from, and a case nobody has seen words things " +
		"its own way.\n\n" +
		"What would close the gap is a model that reads as the coders do: a pretrained language model. None is built into " +
		"this program: the machines it is made on reach only package registries, and the packages that run such models " +
		"fetch their weights from a model hub at run time. Read the suggestions as a first pass to check, not as a coding: " +
		"the calibration table says how far a probability can be trusted, and the per-code table which codes it misses.\n")
}

// roughly writes n to two significant figures, with thousands separated
// by commas ("1,100", "27", "3.4").
func roughly(n float64) string {
	if n <= 0 || math.IsInf(n, 0) || math.IsNaN(n) {
		return strconv.FormatFloat(n, 'g', 2, 64)
	}
	mag := math.Pow(10, math.Floor(math.Log10(n))-1)
	r := math.Round(n/mag) * mag
	if r < 10 {
		return strconv.FormatFloat(r, 'f', 1, 64)
	}
	digits := strconv.FormatFloat(r, 'f', 0, 64)
	var out []byte
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, digits[i])
	}
	return string(out)
}
