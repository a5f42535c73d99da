package exports

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// GoldCoder is the coder name under which the published codings hold the
// adjudicated coding that the records carry.
const GoldCoder = "gold"

// reliabilityTarget is the agreement the project asks of every code used
// at least targetUses times (issue 17): Krippendorff's alpha ≥ 0.80.
const (
	reliabilityTarget = 0.80
	targetUses        = 10
	bootstrapSamples  = 1000
	bootstrapSeed     = 1
)

// writeReliability writes DATASET.md's section on coding: who coded, and
// for each round each coded variable's and each code's agreement, with
// how often the gold coding uses the code. Everything is computed from the
// published codings, so it cannot drift from them.
func writeReliability(b *strings.Builder, ds *dataset.Dataset, codings []coding.Coding) error {
	b.WriteString("\n## Coding and reliability\n\n")
	var independent []coding.Coding
	for _, c := range codings {
		if c.Coder != GoldCoder {
			independent = append(independent, c)
		}
	}
	uses := codeUses(ds)
	if len(independent) == 0 {
		b.WriteString("No codings are published with this dataset.\n")
		return nil
	}
	fmt.Fprintf(b, "Every value of a coded variable in the records (%s) is the adjudicated coding of two independent\n", strings.Join(codedVariables(ds), ", "))
	b.WriteString("coders. Each coder worked in\n" +
		"a coding workbook from `rejoinder coding template` (suggestions hidden) and saw only that workbook (the\n" +
		"quotes, speaker and channel of each response; issuer, instrument and evidence of each accusation) and the\n" +
		"codebook (docs/codebook.md, with its decision rules and examples); never the dataset's codes, the\n" +
		"dictionary coder's suggestions or the other coder's work. The filled workbooks were read back with\n" +
		"`rejoinder coding import` and settled with `rejoinder coding reconcile`; every disagreement was\n" +
		"adjudicated against the decision rules (round 2 by the lead; round 3 by a separate adjudicator session\n" +
		"that saw the codebook, the unit's text and both values), with the reason recorded in\n" +
		"`dataset/codings/adjudications.csv`.\n" +
		"The coders were separate sessions of an AI language model (one session a coder, briefed with the same\n" +
		"written brief), not human coders: two instances of one model may agree more than two people would, so\n" +
		"read these figures as an upper bound on what human coders would reach. The codebook's examples are\n" +
		"passages of this dataset, which the coders read.\n\n" +
		"All codings (coder, round, unit, variable, value) are in `dataset/codings/codings.csv` and in the data\n" +
		"package (`codings.csv`); the adjudicated values the records hold are `dataset/codings/gold.csv`. Alpha is Krippendorff's, at the\n" +
		"variable's level of measurement, with a bootstrap 95% interval (1,000 samples of units, seed 1); a\n" +
		"variable or code that one coder never varied has no alpha (blank). A strategy code is one yes/no\n" +
		"variable; `uses` is how many units the records give it (for a variable of one code per unit, its most\n" +
		"used code). How each round was run, and what changed between rounds: `dataset/codings/README.md`.\n")
	for _, round := range coding.Rounds(independent) {
		var coders []string
		units := map[string]bool{}
		for _, c := range independent {
			if c.Round == round {
				units[c.UnitID] = true
				if !slices.Contains(coders, c.Coder) {
					coders = append(coders, c.Coder)
				}
			}
		}
		slices.Sort(coders)
		rows, err := coding.Report(ds.Codebook, independent, round, bootstrapSamples, bootstrapSeed)
		if err != nil {
			return err
		}
		diffs := disagreements(independent, round)
		fmt.Fprintf(b, "\n### Round %d\n\nCoders: %s; %d units; %d disagreements between them.\n\n", round, strings.Join(coders, ", "), len(units), diffs)
		b.WriteString("| variable | level | alpha | 95% interval | agreement | units | uses | meets 0.80 |\n|---|---|---|---|---|---|---|---|\n")
		var below []string
		for _, r := range rows {
			u := uses[r.Variable]
			n := u.n
			used := ""
			if n > 0 || strings.Contains(r.Variable, ":") {
				used = fmt.Sprint(n)
			}
			if u.code != "" {
				used = fmt.Sprintf("%d (%s)", n, u.code)
			}
			meets := "–" // a pooled row, or used fewer than targetUses times
			switch {
			case n >= targetUses && math.IsNaN(r.Alpha) && r.Agreement == 1:
				meets = "no variation" // every coder gave every unit one code: alpha is undefined
			case n >= targetUses:
				meets = "yes"
				if math.IsNaN(r.Alpha) || r.Alpha < reliabilityTarget {
					meets = "**no**"
					below = append(below, "`"+r.Variable+"`")
				}
			}
			fmt.Fprintf(b, "| `%s` | %s | %s | %s | %s | %d | %s | %s |\n", r.Variable, r.Level, num(r.Alpha), interval(r.Low, r.High), num(r.Agreement), r.Units, used, meets)
		}
		if len(below) > 0 {
			fmt.Fprintf(b, "\nUsed %d times or more and below alpha %.2f: %s.\n", targetUses, reliabilityTarget, strings.Join(below, ", "))
		} else {
			fmt.Fprintf(b, "\nEvery code the records use %d times or more reaches alpha %.2f.\n", targetUses, reliabilityTarget)
		}
	}
	if missing := notCoded(ds, independent); len(missing) > 0 {
		fmt.Fprintf(b, "\nNot yet coded by two coders (their codes are one researcher's until they are): %s.\n", strings.Join(missing, ", "))
	} else {
		b.WriteString("\nEvery observed response and every accusation of the records was coded by two coders.\n")
	}
	for _, name := range codedBefore(ds, independent) {
		fmt.Fprintf(b, "\n`%s` was coded in these rounds and is not a coded variable of codebook %s: %s\n", name, ds.Codebook.Version, variableDefinition(ds, name))
	}
	return nil
}

// codeUse is how many units the records give a code: for a code of a
// multi-label variable ("strategies:denial"), that code; for a variable
// of one code per unit, its most used code, named in code.
type codeUse struct {
	n    int
	code string
}

// codeUses counts, from the records, the units each coded variable's
// codes are given, keyed as the codings name them: "variable:code" for a
// multi-label variable, the variable's name for one of one code per unit.
func codeUses(ds *dataset.Dataset) map[string]codeUse {
	out := map[string]codeUse{}
	for _, t := range ds.Codebook.Tables {
		for i := range t.Variables {
			v := &t.Variables[i]
			if v.Type != schema.TypeEnum {
				continue
			}
			counts := map[string]int{}
			for _, row := range ds.Records.Rows(t.Name) {
				if f, ok := schema.FieldValue(row, v.Name); ok {
					for _, code := range schema.Strings(f) {
						counts[code]++
					}
				}
			}
			for _, code := range v.Codes() { // codebook order: the first of equal counts wins
				switch {
				case v.List:
					out[v.Name+":"+code] = codeUse{n: counts[code]}
				case counts[code] > out[v.Name].n:
					out[v.Name] = codeUse{counts[code], code}
				}
			}
		}
	}
	return out
}

// codedBefore lists the variables the codings hold that the codebook no
// longer has coders code (by their base name, in order of first use).
func codedBefore(ds *dataset.Dataset, codings []coding.Coding) []string {
	var out []string
	for _, c := range codings {
		name, _, _ := strings.Cut(c.Variable, ":")
		if slices.Contains(out, name) {
			continue
		}
		for _, t := range ds.Codebook.Tables {
			if v, ok := t.Variable(name); ok && !v.Coded {
				out = append(out, name)
			}
		}
	}
	return out
}

// variableDefinition is a variable's definition in the codebook.
func variableDefinition(ds *dataset.Dataset, name string) string {
	for _, t := range ds.Codebook.Tables {
		if v, ok := t.Variable(name); ok {
			return v.Definition
		}
	}
	return ""
}

// notCoded lists the observed responses and the accusations that no
// published coding covers (a case added since the last coding round).
func notCoded(ds *dataset.Dataset, codings []coding.Coding) []string {
	coded := map[string]bool{}
	for _, c := range codings {
		coded[c.UnitID] = true
	}
	var out []string
	for _, a := range ds.Accusations {
		if !coded[a.AccusationID] {
			out = append(out, "`"+a.AccusationID+"`")
		}
	}
	for _, r := range ds.Responses {
		if r.Observed == "responded" && !coded[r.ResponseID] {
			out = append(out, "`"+r.ResponseID+"`")
		}
	}
	return out
}

// codedVariables names the codebook's coded variables, table by table.
func codedVariables(ds *dataset.Dataset) []string {
	var names []string
	for _, t := range ds.Codebook.Tables {
		for _, v := range t.Variables {
			if v.Coded {
				names = append(names, "`"+v.Name+"`")
			}
		}
	}
	return names
}

// disagreements counts the unit-variable pairs of a round whose coders
// gave different values.
func disagreements(codings []coding.Coding, round int) int {
	values := map[[2]string][]string{}
	for _, c := range codings {
		if c.Round == round {
			k := [2]string{c.UnitID, c.Variable}
			values[k] = append(values[k], c.Value)
		}
	}
	n := 0
	for _, vs := range values {
		if slices.ContainsFunc(vs, func(v string) bool { return v != vs[0] }) {
			n++
		}
	}
	return n
}

// num formats a statistic for a table: three decimals, blank when undefined.
func num(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return fmt.Sprintf("%.3f", x)
}

// interval formats a bootstrap interval, blank when undefined.
func interval(lo, hi float64) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return ""
	}
	return fmt.Sprintf("%.3f – %.3f", lo, hi)
}
