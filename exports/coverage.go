package exports

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// stateLanguages are the languages in which a state's own channels speak,
// as BCP 47 primary tags: a quote in one of them is the state's own words
// rather than a translation by the outlet that printed it. DATASET.md's
// coverage section reports, per accused state, how many quotes are in
// them, so that a reader sees whose answers the dataset knows only in
// translation. A state missing here is reported as "not listed".
var stateLanguages = map[string][]string{
	"ARE": {"ar"}, "CHN": {"zh"}, "IND": {"en", "hi"}, "IRN": {"fa"}, "ISR": {"he"}, "PAK": {"en", "ur"},
	"PRK": {"ko"}, "RUS": {"ru"}, "SYR": {"ar"}, "USA": {"en"},
}

// coverageRow is one line of a coverage table.
type coverageRow struct {
	key                                    string
	cases, accusations, observed, silences int
}

// writeCoverage writes DATASET.md's coverage section: cases, accusations
// and responses by accused state, accuser, incident type and year, and the
// share of each accused state's quotes in its own language.
func writeCoverage(b *strings.Builder, ds *dataset.Dataset) {
	b.WriteString("\n## Coverage\n\n")
	caseOf := map[string]*schema.Case{}
	for i := range ds.Cases {
		caseOf[ds.Cases[i].CaseID] = &ds.Cases[i]
	}
	firstYear := map[string]int{}
	for _, a := range ds.Accusations {
		if y := a.Date.Year; y > 0 && (firstYear[a.CaseID] == 0 || y < firstYear[a.CaseID]) {
			firstYear[a.CaseID] = y
		}
	}
	count := func(keysOf func(caseID, accusation string) []string) []coverageRow {
		rows := map[string]*coverageRow{}
		seen := map[[2]string]bool{}
		get := func(k string) *coverageRow {
			if rows[k] == nil {
				rows[k] = &coverageRow{key: k}
			}
			return rows[k]
		}
		for _, a := range ds.Accusations {
			for _, k := range keysOf(a.CaseID, a.AccusationID) {
				get(k).accusations++
				if !seen[[2]string{k, a.CaseID}] {
					seen[[2]string{k, a.CaseID}] = true
					get(k).cases++
				}
			}
		}
		for _, r := range ds.Responses {
			for _, k := range keysOf(r.CaseID, r.RespondsTo) {
				switch r.Observed {
				case "no_response_found":
					get(k).silences++
				default:
					get(k).observed++
				}
			}
		}
		out := make([]coverageRow, 0, len(rows))
		for _, r := range rows {
			out = append(out, *r)
		}
		slices.SortFunc(out, func(x, y coverageRow) int {
			return cmp.Or(cmp.Compare(y.cases, x.cases), cmp.Compare(y.accusations, x.accusations), cmp.Compare(x.key, y.key))
		})
		return out
	}
	accusation := map[string]*schema.Accusation{}
	for i := range ds.Accusations {
		accusation[ds.Accusations[i].AccusationID] = &ds.Accusations[i]
	}
	table := func(title, head string, rows []coverageRow, label func(string) string) {
		fmt.Fprintf(b, "%s\n\n| %s | cases | accusations | responses found | records of silence |\n|---|---|---|---|---|\n", title, head)
		for _, r := range rows {
			fmt.Fprintf(b, "| %s | %d | %d | %d | %d |\n", label(r.key), r.cases, r.accusations, r.observed, r.silences)
		}
		b.WriteString("\n")
	}
	byAccused := count(func(caseID, id string) []string {
		if a := accusation[id]; a != nil {
			return []string{a.AccusedState}
		}
		return nil
	})
	byAccuser := count(func(caseID, id string) []string {
		a := accusation[id]
		if a == nil {
			return nil
		}
		return append([]string{a.Accuser}, a.CoAccusers...)
	})
	byType := count(func(caseID, _ string) []string { return []string{caseOf[caseID].IncidentType} })
	byYear := count(func(caseID, _ string) []string { return []string{fmt.Sprint(firstYear[caseID])} })
	slices.SortFunc(byYear, func(x, y coverageRow) int { return cmp.Compare(x.key, y.key) })

	states, bodies := 0, 0
	for _, r := range byAccuser {
		if schema.IsBody(r.key) {
			bodies++
		} else {
			states++
		}
	}
	fmt.Fprintf(b, "%d cases: %d accused states, %d accusing states and %d international bodies (counting co-accusers), %d incident types, accusations from %s to %s.\n\n",
		len(ds.Cases), len(byAccused), states, bodies, len(byType), byYear[0].key, byYear[len(byYear)-1].key)
	named := func(code string) string {
		if n := schema.ActorName(code); n != "" {
			return fmt.Sprintf("%s (%s)", code, n)
		}
		return code
	}
	table("By accused state (a case counts under every state it accuses):", "accused", byAccused, named)
	table("By accuser, with the states and bodies that joined an accusation as co-accusers (a body's code is not a state's):", "accuser", byAccuser, named)
	table("By incident type (the codebook's `incident_type`):", "incident type", byType, func(k string) string { return "`" + k + "`" })
	table("By the year of the case's first accusation:", "year", byYear, func(k string) string { return k })
	writeLanguageGaps(b, ds, accusation)
}

// writeLanguageGaps reports, per accused state, how many of its responses'
// quotes are in its own language, and names the states whose answers the
// stored pages print almost only in translation.
func writeLanguageGaps(b *strings.Builder, ds *dataset.Dataset, accusation map[string]*schema.Accusation) {
	type tally struct{ quotes, own int }
	by := map[string]*tally{}
	for _, r := range ds.Responses {
		a := accusation[r.RespondsTo]
		if a == nil || r.Observed == "no_response_found" {
			continue
		}
		t := by[a.AccusedState]
		if t == nil {
			t = &tally{}
			by[a.AccusedState] = t
		}
		for _, q := range r.Quotes {
			lang := cmp.Or(q.Language, r.Language)
			t.quotes++
			if slices.Contains(stateLanguages[a.AccusedState], primaryLanguage(lang)) {
				t.own++
			}
		}
	}
	states := make([]string, 0, len(by))
	for s := range by {
		states = append(states, s)
	}
	slices.Sort(states)
	b.WriteString("In whose language the quotes are. A quote in a language of the accused state's own channels is its words as\n" +
		"it spoke or published them; any other is a translation, by the state's own foreign-language services (KCNA's\n" +
		"English service, a ministry's English transcript) or by the outlet that printed it. The stored pages are\n" +
		"mostly in English, so a state that speaks another language is often known only in translation:\n\n" +
		"| accused | own languages | quotes of its responses | in its own languages | share |\n|---|---|---|---|---|\n")
	var gaps []string
	for _, s := range states {
		t := by[s]
		langs, share := "not listed", "–"
		if l, ok := stateLanguages[s]; ok {
			langs = strings.Join(l, ", ")
			if t.quotes > 0 {
				share = fmt.Sprintf("%.0f%%", 100*float64(t.own)/float64(t.quotes))
				if float64(t.own) < 0.1*float64(t.quotes) {
					gaps = append(gaps, fmt.Sprintf("%s (%d of %d)", s, t.own, t.quotes))
				}
			}
		}
		fmt.Fprintf(b, "| %s | %s | %d | %d | %s |\n", s, langs, t.quotes, t.own, share)
	}
	if len(gaps) > 0 {
		fmt.Fprintf(b, "\nKnown gap: fewer than one quote in ten is in the state's own language for %s. Their answers are\n"+
			"known from translations (their own services' or foreign outlets'); a reader comparing wordings across states\n"+
			"should weigh that, and a study of word choice should go back to the original texts.\n", strings.Join(gaps, ", "))
	}
}

// primaryLanguage is the primary subtag of a BCP 47 tag ("zh" of "zh-Hant").
func primaryLanguage(tag string) string {
	primary, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(primary)
}
