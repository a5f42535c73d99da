package analysis

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

func minimal(t *testing.T) *dataset.Dataset {
	t.Helper()
	ds, err := dataset.Load("../dataset/testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestResponsesFrame(t *testing.T) {
	df, err := Responses(minimal(t))
	if err != nil {
		t.Fatal(err)
	}
	nStrategies := len(schema.Default().Strategies())
	if df.Nrow() != 5 || df.Ncol() != 15+nStrategies { // 15 response columns, one per strategy
		t.Fatalf("shape %dx%d", df.Nrow(), df.Ncol())
	}
	lags := df.Col("lag_days").Float()
	// r1: 2020-02-01 → 2020-02-11; r2 dated to the month; beta r1 anticipatory; r2 2021-05-10 → 13; r3 undated.
	want := []float64{10, math.NaN(), math.NaN(), 3, math.NaN()}
	for i := range want {
		if !(lags[i] == want[i] || math.IsNaN(lags[i]) && math.IsNaN(want[i])) {
			t.Errorf("lag_days[%d] = %v, want %v", i, lags[i], want[i])
		}
	}
	if got := df.Col("identity_dispute").Records(); !slices.Equal(got, []string{"true", "false", "true", "false", "false"}) {
		t.Errorf("identity_dispute = %v", got)
	}
	if got := df.Col("accuser").Records(); !slices.Equal(got, []string{"USA", "USA", "GBR", "GBR", "GBR"}) {
		t.Errorf("accuser = %v", got)
	}
	if got := df.Col("n_quotes").Records(); !slices.Equal(got, []string{"3", "1", "1", "1", "0"}) {
		t.Errorf("n_quotes = %v", got)
	}
}

func TestStrategyProfile(t *testing.T) {
	ds := minimal(t)
	df, err := StrategyProfile(ds, ByResponder)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(ds.Codebook.Strategies()); df.Nrow() != 2*n {
		t.Fatalf("rows = %d, want 2 responders x %d strategies", df.Nrow(), n)
	}
	// PRK: r1 (denial, identity_dispute), r2 (denial, threat_warning).
	// RUS: r1 (identity_dispute, counter_accusation), r2 (evidence_rejection); r3 is silence and does not count.
	check := map[[2]string][2]float64{
		{"PRK", "denial"}:             {2, 1},
		{"PRK", "identity_dispute"}:   {1, 0.5},
		{"PRK", "acknowledgement"}:    {0, 0},
		{"RUS", "identity_dispute"}:   {1, 0.5},
		{"RUS", "evidence_rejection"}: {1, 0.5},
	}
	g, s := df.Col("responder").Records(), df.Col("strategy").Records()
	counts, shares, totals := df.Col("count").Float(), df.Col("share").Float(), df.Col("responses").Float()
	for i := range g {
		if want, ok := check[[2]string{g[i], s[i]}]; ok {
			if counts[i] != want[0] || shares[i] != want[1] || totals[i] != 2 {
				t.Errorf("%s %s: count %v share %v of %v; want %v", g[i], s[i], counts[i], shares[i], totals[i], want)
			}
			delete(check, [2]string{g[i], s[i]})
		}
	}
	if len(check) != 0 {
		t.Errorf("rows missing: %v", check)
	}
	byCase, err := StrategyProfile(ds, ByCase)
	if err != nil || byCase.Names()[0] != "case_id" || byCase.Col("case_id").Records()[0] != "tst-alpha-2020" {
		t.Errorf("by case: %v %v", byCase.Names(), err)
	}
	if _, err := StrategyProfile(ds, "colour"); !errors.Is(err, ErrBadGrouping) {
		t.Errorf("bad grouping: %v", err)
	}
}

func TestCompareAndSummarize(t *testing.T) {
	ds := minimal(t)
	s, err := Summarize(ds, "tst-beta-2021")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Accusers, []string{"GBR", "USA", "NLD"}) || s.Responses != 2 || s.Anticipatory != 1 || !s.HasLag || s.FirstResponseLag != 3 {
		t.Errorf("beta summary = %+v", s)
	}
	if !slices.Equal(s.Strategies, []string{"evidence_rejection"}) {
		t.Errorf("anticipatory strategies must not count: %v", s.Strategies)
	}
	df, err := CompareCases(ds, "tst-alpha-2020", "tst-beta-2021")
	if err != nil {
		t.Fatal(err)
	}
	if df.Nrow() != 14 || df.Names()[1] != "tst-alpha-2020" {
		t.Fatalf("compare: %v", df)
	}
	if _, err := CompareCases(ds, "tst-alpha-2020", "nope"); !errors.Is(err, dataset.ErrNoSuchCase) {
		t.Errorf("unknown case: %v", err)
	}
	self, err := CompareCases(ds, "tst-alpha-2020", "tst-alpha-2020")
	if err != nil || self.Ncol() != 3 {
		t.Errorf("a case against itself: %v", err)
	}
}

// The seed pair, as the issue that started the project asks: Russia's
// first response came the day of the accusation, and both states disputed
// the named suspects (a "non-existent entity"; "civilians", "tourists").
func TestSeedPair(t *testing.T) {
	ds := dataset.MustDefault()
	park, _ := Summarize(ds, "prk-park-2018")
	skripal, _ := Summarize(ds, "rus-skripal-2018")
	if !skripal.HasLag || skripal.FirstResponseLag != 0 || skripal.FirstResponse.String() != "2018-03-12" {
		t.Errorf("Russia's first response: lag %d (%v) on %s", skripal.FirstResponseLag, skripal.HasLag, skripal.FirstResponse)
	}
	if !park.HasLag || park.FirstResponseLag != 8 {
		t.Errorf("Park lag = %d", park.FirstResponseLag)
	}
	shared := SharedStrategies(park, skripal)
	for _, s := range []string{"identity_dispute", "denial"} {
		if !slices.Contains(shared, s) {
			t.Errorf("shared %v lacks %s", shared, s)
		}
	}
}
