package analysis

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 || (math.IsNaN(a) && math.IsNaN(b)) }

// cell returns the value of column col in the row where key column equals key.
func cell(t *testing.T, df dataframe.DataFrame, keyCol, key, col string) string {
	t.Helper()
	keys := df.Col(keyCol).Records()
	i := slices.Index(keys, key)
	if i < 0 {
		t.Fatalf("no row %s=%s in %v", keyCol, key, keys)
	}
	return df.Col(col).Records()[i]
}

func floatCell(t *testing.T, df dataframe.DataFrame, keyCol, key, col string) float64 {
	t.Helper()
	keys := df.Col(keyCol).Records()
	i := slices.Index(keys, key)
	if i < 0 {
		t.Fatalf("no row %s=%s", keyCol, key)
	}
	return df.Col(col).Float()[i]
}

func TestSimilarityByHand(t *testing.T) {
	ds := fixture(t)
	jac, err := SimilarityMatrix(ds, Jaccard, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	// c4 has only silence and is left out.
	if got := jac.Col("case_id").Records(); !slices.Equal(got, []string{"tst-c1-2020", "tst-c2-2020", "tst-c3-2021"}) {
		t.Fatalf("cases = %v", got)
	}
	// c1 {denial, identity_dispute, threat_warning}, c2 {identity_dispute, counter_accusation, threat_warning, evidence_demand}: 2/5.
	want := map[[2]string]float64{
		{"tst-c1-2020", "tst-c2-2020"}: 2.0 / 5, {"tst-c1-2020", "tst-c3-2021"}: 1.0 / 3,
		{"tst-c2-2020", "tst-c3-2021"}: 0, {"tst-c2-2020", "tst-c2-2020"}: 1,
	}
	for k, w := range want {
		if got := floatCell(t, jac, "case_id", k[0], k[1]); !near(got, w) {
			t.Errorf("jaccard %v = %v, want %v", k, got, w)
		}
	}
	cos, _ := SimilarityMatrix(ds, Cosine, Filter{})
	// Counts: c1 denial 2, identity 1, threat 1; c2 identity, counter, threat, evidence_demand 1 each; c3 denial 1.
	if got := floatCell(t, cos, "case_id", "tst-c1-2020", "tst-c2-2020"); !near(got, 1/math.Sqrt(6)) {
		t.Errorf("cosine c1,c2 = %v, want 1/sqrt(6)", got)
	}
	if got := floatCell(t, cos, "case_id", "tst-c1-2020", "tst-c3-2021"); !near(got, 2/math.Sqrt(6)) {
		t.Errorf("cosine c1,c3 = %v, want 2/sqrt(6)", got)
	}
	if _, err := SimilarityMatrix(ds, "euclid", Filter{}); !errors.Is(err, ErrBadMetric) {
		t.Errorf("bad metric: %v", err)
	}
}

func TestNearestAndClusters(t *testing.T) {
	ds := fixture(t)
	n, err := Nearest(ds, "tst-c1-2020", Jaccard, 5, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Col("case_id").Records(); !slices.Equal(got, []string{"tst-c2-2020", "tst-c3-2021"}) {
		t.Errorf("nearest by jaccard = %v", got)
	}
	if got := n.Col("shared_strategies").Records()[0]; got != "identity_dispute; threat_warning" {
		t.Errorf("shared = %q", got)
	}
	n, _ = Nearest(ds, "tst-c1-2020", Cosine, 1, Filter{})
	if got := n.Col("case_id").Records(); !slices.Equal(got, []string{"tst-c3-2021"}) {
		t.Errorf("nearest by cosine = %v", got)
	}
	if _, err := Nearest(ds, "tst-c4-2022", Jaccard, 1, Filter{}); err == nil {
		t.Error("a case with only silence has no neighbours")
	}
	// Distances 1−J: c1–c2 0.6, c1–c3 2/3, c2–c3 1. c1 and c2 merge first;
	// c3 joins at the average (2/3 + 1)/2 = 5/6.
	o, err := ClusterOrder(ds, Jaccard, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := o.Col("case_id").Records(); !slices.Equal(got, []string{"tst-c1-2020", "tst-c2-2020", "tst-c3-2021"}) {
		t.Errorf("cluster order = %v", got)
	}
	joined := o.Col("joined_at").Float()
	if !math.IsNaN(joined[0]) || !near(joined[1], 0.6) || !near(joined[2], 5.0/6) {
		t.Errorf("joined_at = %v", joined)
	}
}

func TestDynamicsByHand(t *testing.T) {
	d, err := Dynamics(fixture(t), Filter{})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ c, col, want string }{
		{"tst-c1-2020", "first_lag_days", "1"},
		{"tst-c1-2020", "responses_1d", "0"},
		{"tst-c1-2020", "responses_7d", "1"},
		{"tst-c1-2020", "responses_30d", "2"},
		{"tst-c1-2020", "strategies_7d", "denial; identity_dispute"},
		{"tst-c1-2020", "first_threat_lag_days", "9"},
		{"tst-c1-2020", "first_reciprocal_lag_days", "NaN"},
		{"tst-c2-2020", "first_lag_days", "0"},
		{"tst-c2-2020", "responses_1d", "1"},
		{"tst-c2-2020", "responses_30d", "1"},
		{"tst-c2-2020", "first_threat_lag_days", "0"},
		{"tst-c3-2021", "lag_unknown", "1"},
		{"tst-c3-2021", "first_lag_days", "NaN"},
		{"tst-c4-2022", "responses", "0"},
		{"tst-c4-2022", "first_accusation", "2022-02-01"},
	}
	for _, c := range checks {
		if got := cell(t, d, "case_id", c.c, c.col); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.c, c.col, got, c.want)
		}
	}
}

func TestProfileSchemesAndGroupings(t *testing.T) {
	ds := fixture(t)
	p, err := Profile(ds, ProfileOptions{By: ByResponder, Scheme: SchemeBenoit})
	if err != nil {
		t.Fatal(err)
	}
	// PRK's two responses both use a denial-family code; the silence record does not count.
	rows := p.Filter(dataframe.F{Colname: "responder", Comparator: "==", Comparando: "PRK"})
	fam, share, tot := rows.Col("benoit_family").Records(), rows.Col("share").Float(), rows.Col("responses").Records()
	i := slices.Index(fam, "denial")
	if share[i] != 1 || tot[i] != "2" || share[slices.Index(fam, "attack_accuser")] != 0 {
		t.Errorf("PRK benoit: %v %v %v", fam, share, tot)
	}
	p, _ = Profile(ds, ProfileOptions{By: ByResponder, Scheme: Scheme4D})
	rows = p.Filter(dataframe.F{Colname: "responder", Comparator: "==", Comparando: "PRK"})
	want := map[string]float64{"dismiss": 1, "distort": 0.5, "distract": 0, "dismay": 0.5}
	for j, cat := range rows.Col("four_d").Records() {
		if rows.Col("share").Float()[j] != want[cat] {
			t.Errorf("PRK 4D %s = %v, want %v", cat, rows.Col("share").Float()[j], want[cat])
		}
	}
	for _, by := range Groupings {
		p, err := Profile(ds, ProfileOptions{By: by})
		if err != nil || p.Nrow()%len(schema.Default().Strategies()) != 0 {
			t.Errorf("by %s: %v", by, err)
		}
	}
	y, _ := Profile(ds, ProfileOptions{By: ByYear})
	if got := distinctOf(y.Col("year").Records()); !slices.Equal(got, []string{"2020", "2021"}) {
		t.Errorf("years = %v", got)
	}
	a, _ := Profile(ds, ProfileOptions{By: ByAccuser})
	if got := distinctOf(a.Col("accuser").Records()); !slices.Equal(got, []string{"GBR", "USA"}) {
		t.Errorf("accusers = %v", got)
	}
	if _, err := Profile(ds, ProfileOptions{Scheme: "colours"}); !errors.Is(err, ErrBadScheme) {
		t.Errorf("bad scheme: %v", err)
	}
	if _, err := Profile(ds, ProfileOptions{By: "party"}); !errors.Is(err, ErrBadGrouping) {
		t.Errorf("bad grouping: %v", err)
	}
}

func distinctOf(vs []string) []string {
	var out []string
	for _, v := range vs {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func TestFilters(t *testing.T) {
	c := ColumnsOf(fixture(t))
	tests := []struct {
		name string
		f    Filter
		want []string
	}{
		{"all", Filter{}, []string{"tst-c1-2020-r1", "tst-c1-2020-r2", "tst-c2-2020-r1", "tst-c2-2020-r2", "tst-c3-2021-r1", "tst-c4-2022-r1"}},
		{"responder", Filter{Responders: []string{"RUS"}}, []string{"tst-c2-2020-r1", "tst-c2-2020-r2"}},
		{"accuser", Filter{Accusers: []string{"GBR"}}, []string{"tst-c2-2020-r1", "tst-c2-2020-r2"}},
		{"instrument", Filter{Instruments: []string{"attribution_statement"}}, []string{"tst-c2-2020-r1", "tst-c2-2020-r2"}},
		{"case", Filter{Cases: []string{"tst-c3-2021"}}, []string{"tst-c3-2021-r1"}},
		{"verified", Filter{Verified: true, Cases: []string{"tst-c2-2020"}}, []string{"tst-c2-2020-r1"}},
		{"from", Filter{From: schema.DayDate(2020, 1, 10)}, []string{"tst-c1-2020-r2", "tst-c2-2020-r1", "tst-c2-2020-r2", "tst-c3-2021-r1"}},
		{"to month", Filter{To: schema.Date{Year: 2020, Month: 1, Precision: schema.PrecisionMonth}}, []string{"tst-c1-2020-r1", "tst-c1-2020-r2", "tst-c2-2020-r1"}},
	}
	for _, tt := range tests {
		rows, err := c.Select(tt.f)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var ids []string
		for _, i := range rows {
			ids = append(ids, c.ResponseID[i])
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, ids, tt.want)
		}
	}
	if _, err := c.Select(Filter{Responders: []string{"FRA"}}); !errors.Is(err, ErrEmptySelection) || !strings.Contains(err.Error(), "responder FRA") {
		t.Errorf("empty selection: %v", err)
	}
	for _, f := range []Filter{{Responders: []string{"XX"}}, {Instruments: []string{"tweet"}}, {From: schema.DayDate(2021, 1, 1), To: schema.DayDate(2020, 1, 1)}} {
		if _, err := c.Select(f); !errors.Is(err, ErrBadFilter) {
			t.Errorf("%v: %v, want ErrBadFilter", f, err)
		}
	}
	if _, err := c.Profile(ProfileOptions{Filter: Filter{Cases: []string{"tst-c4-2022"}}}); !errors.Is(err, ErrEmptySelection) {
		t.Errorf("profile of silence only: %v", err)
	}
}

func TestCoOccurrenceAndEvidence(t *testing.T) {
	ds := fixture(t)
	co, err := CoOccurrence(ds, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	a, b := co.Col("strategy_a").Records(), co.Col("strategy_b").Records()
	row := -1
	for i := range a {
		if a[i] == "denial" && b[i] == "threat_warning" {
			row = i
		}
	}
	// denial in 3 responses, threat_warning in 2, together in 1: Jaccard 1/(3+2−1).
	if row < 0 || co.Col("both").Records()[row] != "1" || co.Col("count_a").Records()[row] != "3" || co.Col("count_b").Records()[row] != "2" || !near(co.Col("jaccard").Float()[row], 0.25) {
		t.Errorf("denial × threat_warning row %d", row)
	}
	n := len(schema.Default().Strategies())
	if co.Nrow() != n*(n+1)/2 {
		t.Errorf("rows = %d", co.Nrow())
	}
	ev, err := EvidenceStrategies(ds, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := distinctOf(ev.Col("evidence").Records()); !slices.Equal(got, []string{"cctv", "travel_records", "ip_addresses"}) {
		t.Errorf("evidence rows = %v", got)
	}
	for i, e := range ev.Col("evidence").Records() {
		s := ev.Col("strategy").Records()[i]
		if (e == "cctv" || e == "ip_addresses") && s == "identity_dispute" && (ev.Col("count").Records()[i] != "1" || ev.Col("share").Float()[i] != 0.5) {
			t.Errorf("%s × identity_dispute: %s of %s", e, ev.Col("count").Records()[i], ev.Col("responses").Records()[i])
		}
	}
}

func TestKWIC(t *testing.T) {
	ds := fixture(t)
	k, err := KWIC(ds, KWICOptions{Pattern: "(?i)non-existent", Window: 2})
	if err != nil {
		t.Fatal(err)
	}
	if k.Nrow() != 2 {
		t.Fatalf("matches = %d, want 2", k.Nrow())
	}
	left, match, right := k.Col("left").Records(), k.Col("match").Records(), k.Col("right").Records()
	if left[0] != "is a" || match[0] != "non-existent" || right[0] != "person, we" || match[1] != "NON-EXISTENT" || right[1] != "he stays" {
		t.Errorf("kwic = %q %q %q / %q %q %q", left[0], match[0], right[0], left[1], match[1], right[1])
	}
	if k.Col("source_id").Records()[0] != "tst-c1-2020-s1" || k.Col("unit_id").Records()[0] != "tst-c1-2020-r1" {
		t.Error("ids")
	}
	if _, err := KWIC(ds, KWICOptions{Pattern: "non-existent", Filter: Filter{Responders: []string{"RUS"}}}); !errors.Is(err, ErrEmptySelection) {
		t.Errorf("filtered out: %v", err)
	}
	if _, err := KWIC(ds, KWICOptions{Pattern: "(unclosed"}); err == nil {
		t.Error("bad regexp accepted")
	}
	if got, _ := KWIC(ds, KWICOptions{Pattern: "man", Window: 0}); got.Col("left").Records()[0] != "" {
		t.Error("window 0 shows context")
	}
}

// The windows are an argument: a caller's choice changes only its own
// result, and the deprecated package variable changes nothing.
func TestDynamicsWindowsAreAnArgument(t *testing.T) {
	ds := dataset.MustDefault()
	before, err := Dynamics(ds, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	saved := Windows
	Windows = []int{2}
	defer func() { Windows = saved }()
	after, err := Dynamics(ds, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(before.Names(), after.Names()) || !slices.Contains(after.Names(), "responses_30d") {
		t.Errorf("changing Windows changed Dynamics: %v → %v", before.Names(), after.Names())
	}
	two, err := DynamicsIn(ds, Filter{}, []int{2})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(two.Names(), "responses_2d") || slices.Contains(two.Names(), "responses_30d") {
		t.Errorf("DynamicsIn(2) columns: %v", two.Names())
	}
	if _, err := DynamicsIn(ds, Filter{}, []int{0}); !errors.Is(err, ErrBadFilter) {
		t.Errorf("a window of 0 days: %v", err)
	}
}

// The strategy and evidence codes fit the bit sets the analyses use, and
// one code too many stops the analyses instead of dropping a code.
func TestCodebookFitsBitSets(t *testing.T) {
	cb := schema.Default()
	for _, v := range []*schema.Variable{cb.MustVariable(schema.TableResponses, "strategies"), cb.MustVariable(schema.TableAccusations, "evidence_cited")} {
		if n := len(v.Codes()); n > MaxSetCodes {
			t.Errorf("%s has %d codes; the analyses' sets hold %d", v.Name, n, MaxSetCodes)
		}
	}
	codes := make([]string, MaxSetCodes+1)
	for i := range codes {
		codes[i] = fmt.Sprint("code", i)
	}
	defer func() {
		if recover() == nil {
			t.Error("33 codes were given bits without a word")
		}
	}()
	bitIndex(codes)
}

// The strategy, organ and observed filters select what the records say,
// over the columnar view and over Parquet alike, and refuse unknown codes.
func TestFilterByStrategyOrganObserved(t *testing.T) {
	ds := dataset.MustDefault()
	c := ColumnsOf(ds)
	want := 0
	for _, r := range ds.Responses {
		if r.Organ == "mfa_spokesperson" && r.Observed == "responded" && (slices.Contains(r.Strategies, "denial") || slices.Contains(r.Strategies, "ridicule")) {
			want++
		}
	}
	f := Filter{Strategies: []string{"denial", "ridicule"}, Organs: []string{"mfa_spokesperson"}, Observed: []string{"responded"}}
	rows, err := c.Select(f)
	if err != nil || len(rows) != want || want == 0 {
		t.Fatalf("selected %d rows (%v), want %d", len(rows), err, want)
	}
	if f.Streamable() || !(Filter{Responders: []string{"RUS"}}).Streamable() {
		t.Error("Streamable")
	}
	sameProfileOverParquet(t, ds, ProfileOptions{By: ByOrgan, Filter: f}, "organ")
	for _, bad := range []Filter{{Strategies: []string{"denail"}}, {Organs: []string{"ministry"}}, {Observed: []string{"silent"}}} {
		if _, err := c.Select(bad); !errors.Is(err, ErrBadFilter) {
			t.Errorf("%+v: %v, want ErrBadFilter", bad, err)
		}
	}
}

// A misspelt case id is an error that names it, not an empty selection.
func TestFilterUnknownCase(t *testing.T) {
	_, err := ColumnsOf(dataset.MustDefault()).Select(Filter{Cases: []string{"rus-skripal-2081"}})
	if !errors.Is(err, ErrBadFilter) || errors.Is(err, ErrEmptySelection) || !strings.Contains(err.Error(), `no case "rus-skripal-2081"`) ||
		!strings.Contains(err.Error(), `"rus-skripal-2018"`) {
		t.Errorf("err = %v", err)
	}
}

// The channel_type filter and grouping, over the columnar view and over
// Parquet alike.
func TestFilterAndGroupByChannel(t *testing.T) {
	ds := dataset.MustDefault()
	want := 0
	for _, r := range ds.Responses {
		if r.ChannelType == "press_briefing" || r.ChannelType == "social_media" {
			want++
		}
	}
	f := Filter{Channels: []string{"press_briefing", "social_media"}}
	c := ColumnsOf(ds)
	if rows, err := c.Select(f); err != nil || len(rows) != want || want == 0 {
		t.Fatalf("selected %d (%v), want %d", len(rows), err, want)
	}
	sameProfileOverParquet(t, ds, ProfileOptions{By: ByChannel, Filter: f}, "channel_type")
	if _, err := c.Select(Filter{Channels: []string{"fax"}}); !errors.Is(err, ErrBadFilter) {
		t.Errorf("unknown channel: %v", err)
	}
}

// sameProfileOverParquet checks that ProfileParquet over the records
// written as Parquet gives the columnar profile, whose first column is
// named by the grouping.
func sameProfileOverParquet(t *testing.T, ds *dataset.Dataset, opts ProfileOptions, firstColumn string) {
	t.Helper()
	dir := t.TempDir()
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	fromColumns, err := ColumnsOf(ds).Profile(opts)
	if err != nil {
		t.Fatal(err)
	}
	fromParquet, err := ProfileParquet(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := fromColumns.Records(), fromParquet.Records(); !slices.EqualFunc(a, b, slices.Equal[[]string]) || fromColumns.Names()[0] != firstColumn {
		t.Errorf("profile over Parquet differs from the columnar one:\n%v\n%v", fromColumns, fromParquet)
	}
}

// Grouped co-occurrence with one code's pairs agrees with a count straight
// from the records, row by row, and the table without options is the one
// the deprecated CoOccurrence gives.
func TestCoOccurrencesGroupedWith(t *testing.T) {
	ds := dataset.MustDefault()
	codes := strategyCodes(ds)
	from, _ := schema.ParseDate("2018-01-01")
	to, _ := schema.ParseDate("2018-12-31")
	filter := Filter{From: from, To: to}
	// denial is the first code; smear_framing's pairs with earlier codes
	// are turned so that it is strategy_a.
	for _, with := range []string{"denial", "smear_framing"} {
		df, err := CoOccurrences(ds, CoOccurrenceOptions{Filter: filter, By: ByResponder, With: with})
		if err != nil {
			t.Fatal(err)
		}
		type key struct{ responder, b string }
		both, alone := map[key]int{}, map[key]int{}
		groups := map[string]bool{}
		for _, r := range ds.Responses {
			if r.Observed != observedResponded || r.Date.Year != 2018 {
				continue
			}
			groups[r.Responder] = true
			for _, b := range codes {
				if slices.Contains(r.Strategies, b) {
					alone[key{r.Responder, b}]++
					if slices.Contains(r.Strategies, with) {
						both[key{r.Responder, b}]++
					}
				}
			}
		}
		if want := len(groups) * len(codes); df.Nrow() != want || len(groups) < 2 {
			t.Fatalf("%s: %d rows, want %d (%d responders)", with, df.Nrow(), want, len(groups))
		}
		if names := df.Names(); names[0] != "responder" || names[1] != "strategy_a" {
			t.Errorf("columns %v", names)
		}
		resp, a, b := df.Col("responder").Records(), df.Col("strategy_a").Records(), df.Col("strategy_b").Records()
		nb, na, nbb := df.Col("both").Records(), df.Col("count_a").Records(), df.Col("count_b").Records()
		for i := range resp {
			k := key{resp[i], b[i]}
			if a[i] != with || nb[i] != itoa(both[k]) || na[i] != itoa(alone[key{resp[i], with}]) || nbb[i] != itoa(alone[k]) {
				t.Errorf("row %d: %s %s×%s both %s count_a %s count_b %s; want %s× both %d count_a %d count_b %d",
					i, resp[i], a[i], b[i], nb[i], na[i], nbb[i], with, both[k], alone[key{resp[i], with}], alone[k])
			}
		}
	}
	plain, err := CoOccurrences(ds, CoOccurrenceOptions{})
	if err != nil {
		t.Fatal(err)
	}
	old, err := CoOccurrence(ds, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if plain.String() != old.String() || plain.Nrow() != len(codes)*(len(codes)+1)/2 {
		t.Errorf("ungrouped table differs from CoOccurrence's, or has %d rows", plain.Nrow())
	}
	for _, bad := range []CoOccurrenceOptions{{With: "denail"}, {By: "continent"}} {
		if _, err := CoOccurrences(ds, bad); err == nil || (!errors.Is(err, ErrBadFilter) && !errors.Is(err, ErrBadGrouping)) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}
