package schema

import (
	"reflect"
	"regexp"
	"slices"
	"testing"
)

// Every rj-tagged field of every record type is a codebook variable of its
// table, and every variable has a field: the codebook and the Go types
// cannot drift apart.
func TestCodebookMatchesRecordTypes(t *testing.T) {
	cb := Default()
	for _, table := range cb.Tables {
		rt, ok := RecordType(table.Name)
		if !ok {
			t.Fatalf("no record type for table %s", table.Name)
		}
		var fields []string
		for _, f := range FieldsOf(rt) {
			fields = append(fields, f.Name)
		}
		var vars []string
		for _, v := range table.Variables {
			vars = append(vars, v.Name)
		}
		if !slices.Equal(fields, vars) {
			t.Errorf("%s: struct fields %v\n  codebook variables %v", table.Name, fields, vars)
		}
		if _, ok := table.Variable(table.Key); !ok {
			t.Errorf("%s: key %s is not a variable", table.Name, table.Key)
		}
	}
}

func TestCodebookIsWellFormed(t *testing.T) {
	cb := Default()
	families := codesOf(cb.BenoitFamilies)
	fourD := codesOf(cb.FourD)
	for _, table := range cb.Tables {
		for _, v := range table.Variables {
			if v.Definition == "" {
				t.Errorf("%s.%s has no definition", table.Name, v.Name)
			}
			if (v.Type == TypeEnum) != (len(v.Values) > 0) {
				t.Errorf("%s.%s: type %s with %d values", table.Name, v.Name, v.Type, len(v.Values))
			}
			if v.Type == TypeRef && v.Ref == "" {
				t.Errorf("%s.%s: reference without a table", table.Name, v.Name)
			}
			seen := map[string]bool{}
			for _, val := range v.Values {
				if seen[val.Code] || val.Definition == "" || !idPattern.MatchString(stringsReplaceUnderscore(val.Code)) {
					t.Errorf("%s.%s: code %q duplicated, undefined or malformed", table.Name, v.Name, val.Code)
				}
				seen[val.Code] = true
				if val.Benoit != "" && !slices.Contains(families, val.Benoit) {
					t.Errorf("%s: Benoit family %q not in the scheme", val.Code, val.Benoit)
				}
				if val.FourD != "" && !slices.Contains(fourD, val.FourD) {
					t.Errorf("%s: 4D %q not in the scheme", val.Code, val.FourD)
				}
			}
		}
	}
	want := []string{"denial", "non_denial", "evidence_rejection", "ridicule", "smear_framing", "identity_dispute", "alternative_narrative",
		"counter_accusation", "threat_warning", "diplomatic_linkage", "evidence_demand", "joint_investigation_offer",
		"procedural_objection", "reciprocal_measure", "justification", "acknowledgement", "formal_protest", "retraction_demand"}
	if got := codesOf(cb.Strategies()); !slices.Equal(got, want) {
		t.Errorf("strategies = %v", got)
	}
	for _, v := range cb.Strategies() {
		if v.Rule == "" || len(v.Negative) == 0 {
			t.Errorf("strategy %s: a decision rule and a negative example are required (rule %q, %d negative)", v.Code, v.Rule, len(v.Negative))
		}
		for _, ex := range append(slices.Clone(v.Positive), v.Negative...) {
			if ex.Unit == "" || ex.Text == "" || ex.Why == "" {
				t.Errorf("strategy %s: example %+v lacks its unit, text or reason", v.Code, ex)
			}
		}
		if !cameoPattern.MatchString(v.CAMEO) || len(v.Examples) == 0 {
			t.Errorf("strategy %s: CAMEO %q, %d examples", v.Code, v.CAMEO, len(v.Examples))
		}
	}
	if v, _ := cb.MustVariable(TableResponses, "strategies").Value("identity_dispute"); v.Benoit != "denial" || v.FourD != "distort" || v.CAMEO != "016" {
		t.Errorf("identity_dispute maps to %s/%s", v.Benoit, v.FourD)
	}
}

func stringsReplaceUnderscore(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] == '_' {
			b[i] = '-'
		}
	}
	return string(b)
}

func codesOf(vs []Value) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Code)
	}
	return out
}

func TestArrowColumns(t *testing.T) {
	cb := Default()
	cols := cb.Columns(TableResponses)
	byName := map[string]Column{}
	for _, c := range cols {
		byName[c.Field.Name] = c
	}
	if c := byName["date_precision"]; !c.Precision || c.Variable.Name != "date" {
		t.Errorf("date_precision column = %+v", c)
	}
	if got := byName["strategies"].Field.Type.String(); got != "list<item: utf8>" {
		t.Errorf("strategies type = %s", got)
	}
	if byName["response_id"].Field.Nullable {
		t.Error("the key must not be nullable")
	}
	sc := cb.ArrowSchema(TableResponses, map[string]string{"b": "2", "a": "1"})
	if sc.NumFields() != len(cols) || sc.Metadata().Len() != 2 {
		t.Errorf("schema: %v", sc)
	}
	if d, ok := byName["summary"].Field.Metadata.GetValue("description"); !ok || d == "" {
		t.Error("columns carry the variable's definition")
	}
	if cb.Columns("nope") != nil {
		t.Error("unknown table has columns")
	}
	if _, ok := RecordType("nope"); ok || reflect.TypeFor[Case]() == nil {
		t.Error("RecordType")
	}
}

func TestCountries(t *testing.T) {
	for _, c := range []string{"USA", "GBR", "RUS", "PRK", "CHN", "IRN", "NLD", "DEU"} {
		if !IsCountry(c) {
			t.Errorf("%s rejected", c)
		}
	}
	for _, c := range []string{"UK", "usa", "XKX", "EUR", ""} {
		if IsCountry(c) {
			t.Errorf("%s accepted", c)
		}
	}
	if CountryName("PRK") != "Korea, Democratic People's Republic of" {
		t.Errorf("PRK = %q", CountryName("PRK"))
	}
}

func TestLexicon(t *testing.T) {
	for _, v := range Default().Strategies() {
		if len(v.Lexicon) == 0 {
			t.Errorf("strategy %s has no cues", v.Code)
		}
		for _, c := range v.Lexicon {
			if _, err := regexp.Compile("(?i)" + c.Pattern); err != nil {
				t.Errorf("%s: %v", v.Code, err)
			}
			if c.From != "" && !idPattern.MatchString(c.From) {
				t.Errorf("%s: cue source %q is not a case id", v.Code, c.From)
			}
		}
	}
	if len(lexicon) != len(Default().Strategies()) {
		t.Error("a lexicon entry names no strategy")
	}
}

func TestPairRulesNameStrategies(t *testing.T) {
	cb := Default()
	codes := codesOf(cb.Strategies())
	seen := map[[2]string]bool{}
	for _, p := range cb.PairRules {
		for _, c := range p.Codes {
			if !slices.Contains(codes, c) {
				t.Errorf("pair rule %v names %q, not a strategy", p.Codes, c)
			}
		}
		if p.Codes[0] == p.Codes[1] || p.Rule == "" {
			t.Errorf("pair rule %v: two different codes and a rule are required", p.Codes)
		}
		key := p.Codes
		if key[0] > key[1] {
			key[0], key[1] = key[1], key[0]
		}
		if seen[key] {
			t.Errorf("pair %v settled twice", p.Codes)
		}
		seen[key] = true
	}
	// The overlaps the 1.x audit found must each be settled.
	for _, pair := range [][2]string{{"denial", "evidence_rejection"}, {"alternative_narrative", "identity_dispute"}, {"counter_accusation", "smear_framing"}} {
		if !seen[pair] {
			t.Errorf("no rule settles %v", pair)
		}
	}
}

// Default's copies share nothing: changing a code, an example, a cue or a
// scheme in one leaves the next copy as the codebook defines it.
func TestDefaultCopiesShareNothing(t *testing.T) {
	a := Default()
	st := a.MustVariable(TableResponses, "strategies")
	q := a.MustVariable(TableQuotes, "codes")
	first, example := st.Values[0].Code, st.Values[0].Examples[0]
	cue := st.Values[0].Lexicon[0].Pattern
	st.Values[0].Code = "changed"
	st.Values[0].Examples[0] = "changed"
	st.Values[0].Lexicon[0].Pattern = "changed"
	q.Values[0].Code = "changed too"
	a.BenoitFamilies[0].Code = "changed"
	a.FourD[0].Code = "changed"
	a.Bodies[0].Code = "changed"
	a.CodingRules[0] = "changed"

	b := Default()
	bst := b.MustVariable(TableResponses, "strategies")
	if bst.Values[0].Code != first || bst.Values[0].Examples[0] != example || bst.Values[0].Lexicon[0].Pattern != cue ||
		b.MustVariable(TableQuotes, "codes").Values[0].Code != first {
		t.Errorf("a change to one copy's strategies reached the next: %q %q %q", bst.Values[0].Code, bst.Values[0].Examples[0], bst.Values[0].Lexicon[0].Pattern)
	}
	if b.BenoitFamilies[0].Code == "changed" || b.FourD[0].Code == "changed" || b.Bodies[0].Code == "changed" || b.CodingRules[0] == "changed" {
		t.Error("a change to one copy's schemes, bodies or rules reached the next")
	}
}
