package site

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/interoptest"
)

// browserReport is what interop/site_browser.mjs saw in Chromium.
type browserReport struct {
	Errors     []string
	IndexTitle string
	CaseURL    string
	CaseQuotes []struct {
		ID, Text, Source string
		Visible          bool
	}
	FilterByURL, FilterByForm, Unfiltered, ShownPerPage int
	HashAfterFilter                                     string
	Search, SearchMark                                  []string
	NoScriptCases                                       int
	NoScriptAppHidden                                   bool
	Axe                                                 map[string][]struct {
		ID, Impact, Help string
		Nodes            []string
	}
	IndexPhoneOverflow, CasePhoneOverflow, ExplorePhoneOverflow int
	CodebookPhoneOverflow, ComparePhoneOverflow                 int
	DownloadsPhoneOverflow                                      int
	Screenshots                                                 []string
	CompareTable                                                [][]string
}

// profileCount is the number of observed responses using strategy, as
// `rejoinder profile` counts them (summed over its groups).
func profileCount(t *testing.T, ds *dataset.Dataset, strategy string) int {
	t.Helper()
	df, err := analysis.Profile(ds, analysis.ProfileOptions{By: analysis.ByResponder})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	codes, counts := df.Col("strategy").Records(), df.Col("count").Records()
	for i, c := range codes {
		if c == strategy {
			k, err := strconv.Atoi(counts[i])
			if err != nil {
				t.Fatal(err)
			}
			n += k
		}
	}
	return n
}

// TestSiteInBrowser drives Debian's headless Chromium through the site of
// the embedded dataset (issue 22, item 7): the index leads to the seed
// case, whose quotes and source links show; Explore filtered to
// identity_dispute counts what `rejoinder profile` counts; a search for
// "non-entity" finds the Park Jin Hyok response; without JavaScript
// Explore lists the cases; axe-core finds no serious or critical
// violation on any kind of page; nothing is wider than a phone's screen.
// With REJOINDER_SITE_SCREENSHOTS=DIR it also writes screenshots at
// desktop and phone widths there (make site-screenshots).
func TestSiteInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("drives a browser: not under -short")
	}
	chromium := interoptest.Command(t, "chromium", "chromium")
	ds := dataset.MustDefault()
	dir := t.TempDir()
	if _, err := Write(dir, ds, Options{}); err != nil {
		t.Fatal(err)
	}
	pair := [2]string{ds.Cases[len(ds.Cases)-1].CaseID, ds.Cases[0].CaseID} // not the default pair
	args := []string{dir, chromium, pair[0] + "," + pair[1]}
	if shots := os.Getenv("REJOINDER_SITE_SCREENSHOTS"); shots != "" {
		args = append(args, shots)
	}
	var got browserReport
	interoptest.RunJSON(t, "site_browser.mjs", "puppeteer-core", &got, args...)

	if len(got.Errors) > 0 {
		t.Errorf("errors in the browser: %q", got.Errors)
	}
	if !strings.Contains(got.IndexTitle, ds.Meta.Title) {
		t.Errorf("index title %q lacks %q", got.IndexTitle, ds.Meta.Title)
	}
	if !strings.HasSuffix(got.CaseURL, "/"+CasePage("prk-park-2018")) {
		t.Errorf("following the case link reached %s", got.CaseURL)
	}
	wantQuotes := map[string][2]string{}
	for _, r := range ds.ResponsesOf("prk-park-2018") {
		for _, q := range r.Quotes {
			wantQuotes[q.QuoteID] = [2]string{q.Text, ds.Source(q.SourceID).URL}
		}
	}
	if len(got.CaseQuotes) != len(wantQuotes) {
		t.Errorf("prk-park-2018 page shows %d quotes of responses, want %d", len(got.CaseQuotes), len(wantQuotes))
	}
	for _, q := range got.CaseQuotes {
		want, ok := wantQuotes[q.ID]
		switch {
		case !ok:
			t.Errorf("quote %s is not one of the case's", q.ID)
		case q.Text != want[0] || unescapeURL(q.Source) != unescapeURL(want[1]) || !q.Visible:
			t.Errorf("quote %s shows %q from %s (visible %v), want %q from %s", q.ID, q.Text, q.Source, q.Visible, want[0], want[1])
		}
	}

	identity := profileCount(t, ds, "identity_dispute")
	if identity == 0 || got.FilterByURL != identity || got.FilterByForm != identity {
		t.Errorf("Explore filtered to identity_dispute: %d (URL), %d (form); rejoinder profile counts %d",
			got.FilterByURL, got.FilterByForm, identity)
	}
	if got.Unfiltered != len(ds.Responses) {
		t.Errorf("Explore unfiltered shows %d responses of %d", got.Unfiltered, len(ds.Responses))
	}
	if got.HashAfterFilter != "#strategy=identity_dispute" {
		t.Errorf("filter state in the URL: %q", got.HashAfterFilter)
	}
	if got.ShownPerPage != min(identity, 50) {
		t.Errorf("a page of results shows %d, want %d", got.ShownPerPage, min(identity, 50))
	}

	var wantSearch []string
	for _, r := range ds.Responses {
		var text []string
		for _, q := range r.Quotes {
			text = append(text, q.Text)
		}
		text = append(text, r.Summary, r.Notes)
		if strings.Contains(strings.ToLower(strings.Join(text, "\n")), "non-entity") {
			wantSearch = append(wantSearch, r.ResponseID)
		}
	}
	if !sameSet(got.Search, wantSearch) || !slices.Contains(got.Search, "prk-park-2018-r1") {
		t.Errorf("search for non-entity found %v, want %v (with prk-park-2018-r1)", got.Search, wantSearch)
	}
	if len(got.SearchMark) == 0 || !strings.EqualFold(got.SearchMark[0], "non-entity") {
		t.Errorf("search matches marked: %q", got.SearchMark)
	}

	cmp, err := analysis.CompareCases(ds, pair[0], pair[1])
	if err != nil {
		t.Fatal(err)
	}
	if want := cmp.Records(); !slices.EqualFunc(got.CompareTable, want, slices.Equal) {
		t.Errorf("Compare of %v in the browser:\n%q\nwant (rejoinder compare):\n%q", pair, got.CompareTable, want)
	}

	if got.NoScriptCases != len(ds.Cases) || !got.NoScriptAppHidden {
		t.Errorf("without JavaScript Explore lists %d cases (want %d), filters hidden %v", got.NoScriptCases, len(ds.Cases), got.NoScriptAppHidden)
	}
	for _, kind := range []string{"index", "case", "explore", "codebook", "compare", "downloads"} {
		v, ok := got.Axe[kind]
		if !ok {
			t.Errorf("axe-core did not check the %s page", kind)
		}
		for _, x := range v {
			if x.Impact == "serious" || x.Impact == "critical" {
				t.Errorf("%s page: axe %s (%s): %s at %v", kind, x.ID, x.Impact, x.Help, x.Nodes)
			}
		}
	}
	for kind, over := range map[string]int{"index": got.IndexPhoneOverflow, "case": got.CasePhoneOverflow, "explore": got.ExplorePhoneOverflow,
		"codebook": got.CodebookPhoneOverflow, "compare": got.ComparePhoneOverflow, "downloads": got.DownloadsPhoneOverflow} {
		if over > 0 {
			t.Errorf("%s page is %d px wider than a phone's screen", kind, over)
		}
	}
	for _, p := range got.Screenshots {
		t.Logf("screenshot %s", p)
	}
}
