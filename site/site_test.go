package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/schema"
)

// render builds the site of ds with no downloads.
func render(t *testing.T, ds *dataset.Dataset) map[string][]byte {
	t.Helper()
	return renderWith(t, ds, Options{})
}

// renderWith builds the site of ds with opts, in memory.
func renderWith(t *testing.T, ds *dataset.Dataset, opts Options) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := Render(ds, opts, nil, func(name string, b []byte) error {
		if _, dup := files[name]; dup {
			t.Errorf("%s rendered twice", name)
		}
		files[name] = bytes.Clone(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// ids lists the id attributes of elements of class cls, in page order.
func ids(page []byte, cls string) []string {
	re := regexp.MustCompile(`<[a-z]+ class="` + cls + `[^"]*" id="([^"]+)"`)
	var out []string
	for _, m := range re.FindAllSubmatch(page, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// TestCasePages checks that each case's page shows every response of the
// case in time order, each with its permanent id, and every quote with its
// id, its words and a link to its source.
func TestCasePages(t *testing.T) {
	ds := dataset.MustDefault()
	files := render(t, ds)
	for _, c := range ds.Cases {
		page := files[CasePage(c.CaseID)]
		if page == nil {
			t.Fatalf("no page for case %s", c.CaseID)
		}
		hrefs := hrefsOf(page)
		var want []string
		var dates []schema.Date
		for _, r := range ds.ResponsesOf(c.CaseID) {
			want = append(want, r.ResponseID)
			for _, q := range r.Quotes {
				if !bytes.Contains(page, []byte(`id="`+q.QuoteID+`"`)) {
					t.Errorf("%s: quote %s has no anchor", c.CaseID, q.QuoteID)
				}
				if !bytes.Contains(page, []byte(html.EscapeString(q.Text))) {
					t.Errorf("%s: quote %s: text %q not on the page", c.CaseID, q.QuoteID, q.Text)
				}
				if s := ds.Source(q.SourceID); s != nil && !hrefs[unescapeURL(s.URL)] {
					t.Errorf("%s: quote %s: no link to its source %s", c.CaseID, q.QuoteID, s.URL)
				}
			}
		}
		got := ids(page, "response")
		if !sameSet(got, want) {
			t.Errorf("%s: responses on the page %v, want %v", c.CaseID, got, want)
			continue
		}
		for _, id := range got {
			dates = append(dates, ds.Response(id).Date)
		}
		for i := 1; i < len(dates); i++ {
			if dates[i].IsZero() {
				continue
			}
			if dates[i-1].IsZero() || dates[i].Before(dates[i-1]) {
				t.Errorf("%s: response %s (%s) shown after %s (%s)", c.CaseID, got[i], dates[i], got[i-1], dates[i-1])
			}
		}
	}
}

// hrefsOf is the set of link targets of a page, unescaped.
func hrefsOf(page []byte) map[string]bool {
	out := map[string]bool{}
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllSubmatch(page, -1) {
		out[unescapeURL(html.UnescapeString(string(m[1])))] = true
	}
	return out
}

// unescapeURL undoes percent-encoding, which html/template applies to
// the non-ASCII letters of a URL, so that two spellings compare equal.
func unescapeURL(u string) string {
	if v, err := url.PathUnescape(u); err == nil {
		return v
	}
	return u
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestParkPage checks the seed case's page against its records: the
// quotes and source links of prk-park-2018 and the day of its answers.
func TestParkPage(t *testing.T) {
	ds := dataset.MustDefault()
	page := string(render(t, ds)[CasePage("prk-park-2018")])
	for _, want := range []string{"is a non-existent entity", `<a class="source" href="https://`, "day 8 (8 days after the accusation)", `href="codebook.html#code-identity_dispute"`} {
		if !strings.Contains(page, want) {
			t.Errorf("prk-park-2018 page lacks %q", want)
		}
	}
}

// TestSilenceShown checks that a record of silence says so and lists what
// was searched.
func TestSilenceShown(t *testing.T) {
	ds := dataset.MustDefault()
	files := render(t, ds)
	seen := 0
	for _, r := range ds.Responses {
		if r.Observed != "no_response_found" {
			continue
		}
		seen++
		page := string(files[CasePage(r.CaseID)])
		i := strings.Index(page, `id="`+r.ResponseID+`"`)
		if i < 0 {
			t.Fatalf("%s not on its page", r.ResponseID)
		}
		block := page[i:]
		block = block[:strings.Index(block, "</li>\n")]
		if !strings.Contains(block, "No response found") {
			t.Errorf("%s: silence not shown as such", r.ResponseID)
		}
		for _, s := range r.Searched {
			if !strings.Contains(block, html.EscapeString(s)) {
				t.Errorf("%s: search %q not listed", r.ResponseID, s)
			}
		}
	}
	if seen == 0 {
		t.Skip("the dataset has no record of silence")
	}
}

// TestCodebookExamplesLink checks that every strategy has its section and
// that each example links to the quote whose words it cites.
func TestCodebookExamplesLink(t *testing.T) {
	ds := dataset.MustDefault()
	files := render(t, ds)
	page := string(files[CodebookPage])
	links := 0
	for _, v := range ds.Codebook.Strategies() {
		if !strings.Contains(page, `id="code-`+v.Code+`"`) {
			t.Errorf("codebook page lacks the section of %s", v.Code)
		}
		for _, e := range slices.Concat(v.Positive, v.Negative) {
			r := ds.Response(e.Unit)
			if r == nil {
				continue
			}
			link := exampleLink(ds.Index(), e)
			if !strings.Contains(page, `href="`+html.EscapeString(link)+`"`) {
				t.Errorf("%s: example of %s not linked (%s)", v.Code, e.Unit, link)
			}
			file, frag, _ := strings.Cut(link, "#")
			if !bytes.Contains(files[file], []byte(`id="`+frag+`"`)) {
				t.Errorf("%s: example link %s points to no element", v.Code, link)
			}
			for _, q := range r.Quotes {
				if q.QuoteID == frag && !strings.Contains(q.Text, e.Text) {
					t.Errorf("%s: example %q linked to quote %s, which does not hold it", v.Code, e.Text, frag)
				}
			}
			links++
		}
	}
	if links == 0 {
		t.Fatal("no codebook example was checked")
	}
}

// TestEveryLinkResolves follows every relative link of every page to a
// file of the site and, for a fragment, to an element with that id.
func TestEveryLinkResolves(t *testing.T) {
	files := render(t, dataset.MustDefault())
	href := regexp.MustCompile(`(?:href|src)="([^"]+)"`)
	for name, page := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range href.FindAllSubmatch(page, -1) {
			link := html.UnescapeString(string(m[1]))
			if strings.Contains(link, "://") || strings.HasPrefix(link, "explore.html#") {
				continue // external, or Explore's filter state
			}
			file, frag, _ := strings.Cut(link, "#")
			if file == "" {
				file = name
			}
			target, ok := files[file]
			if !ok {
				t.Errorf("%s links to missing %s", name, file)
				continue
			}
			if frag != "" && !bytes.Contains(target, []byte(`id="`+frag+`"`)) {
				t.Errorf("%s links to %s#%s: no such id", name, file, frag)
			}
		}
	}
}

// TestDeterministic writes the site twice and requires the same bytes.
func TestDeterministic(t *testing.T) {
	ds := dataset.MustDefault()
	a, b := t.TempDir(), t.TempDir()
	pa, err := Write(a, ds, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(b, dataset.MustDefault(), Options{}); err != nil {
		t.Fatal(err)
	}
	if len(pa) < len(ds.Cases)+5 {
		t.Fatalf("wrote %d files for %d cases", len(pa), len(ds.Cases))
	}
	for _, p := range pa {
		rel, _ := filepath.Rel(a, p)
		x, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
	}
}

// TestQuoteEscaped puts markup in a quote, a speaker and a summary and
// requires it shown as text on the case page and inert in Explore's index.
func TestQuoteEscaped(t *testing.T) {
	ds := dataset.MustDefault()
	const evil = `"><script>alert(1)</script>`
	r := &ds.Responses[0]
	r.Quotes[0].Text = "They said " + evil
	r.Speaker = evil
	r.Summary = evil
	files := render(t, ds)
	page := string(files[CasePage(r.CaseID)])
	if strings.Contains(page, "<script>alert") {
		t.Error("case page holds the quote's markup unescaped")
	}
	if !strings.Contains(page, "They said &#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("case page does not show the quote's markup as text")
	}
	js := string(files[ExploreData]) + string(files[ExploreText(0)])
	if strings.Contains(js, "<script") || strings.Contains(js, "</script") {
		t.Error("Explore's data holds the markup unescaped")
	}
	if !strings.Contains(js, `They said \"\u003e\u003cscript\u003ealert(1)\u003c/script\u003e`) {
		t.Error("Explore's text lacks the quote")
	}
}

// exploreOf decodes explore-data.js.
func exploreOf(t *testing.T, files map[string][]byte) exploreIndex {
	t.Helper()
	js := files[ExploreData]
	start := bytes.IndexByte(js, '{')
	end := bytes.LastIndexByte(js, '}')
	var idx exploreIndex
	if start < 0 || end < start {
		t.Fatalf("explore-data.js: no object in %.100s", js)
	}
	if err := json.Unmarshal(js[start:end+1], &idx); err != nil {
		t.Fatal(err)
	}
	return idx
}

// TestExploreIndex checks Explore's index against the records: one row
// per response, and each facet's values and counts as the data has them.
func TestExploreIndex(t *testing.T) {
	ds := dataset.MustDefault()
	idx := exploreOf(t, render(t, ds))
	if len(idx.Rows) != len(ds.Responses) {
		t.Fatalf("%d rows for %d responses", len(idx.Rows), len(ds.Responses))
	}
	wantStrategy, wantResponder := map[string]int{}, map[string]int{}
	for _, r := range ds.Responses {
		wantResponder[r.Responder]++
		for _, s := range r.Strategies {
			wantStrategy[s]++
		}
	}
	gotStrategy, gotResponder := map[string]int{}, map[string]int{}
	for _, row := range idx.Rows {
		gotResponder[idx.Facets["responder"][int(row[2].(float64))]]++
		for _, s := range row[7].([]any) {
			gotStrategy[idx.Facets["strategy"][int(s.(float64))]]++
		}
		r := ds.Response(row[0].(string))
		if r == nil || idx.Cases[int(row[1].(float64))][0] != r.CaseID {
			t.Errorf("row %v: not a response of its case", row[:2])
		}
	}
	for _, tc := range []struct {
		facet     string
		got, want map[string]int
	}{{"strategy", gotStrategy, wantStrategy}, {"responder", gotResponder, wantResponder}} {
		for k, n := range tc.want {
			if tc.got[k] != n {
				t.Errorf("%s %s: %d rows, want %d", tc.facet, k, tc.got[k], n)
			}
		}
	}
}

// TestExploreWithoutJavaScript checks that without JavaScript the page
// lists every case and hides the filters.
func TestExploreWithoutJavaScript(t *testing.T) {
	ds := dataset.MustDefault()
	page := string(render(t, ds)[ExplorePage])
	if !strings.Contains(page, `<div id="explore-app" hidden>`) {
		t.Error("the filters are not hidden until the script runs")
	}
	for _, c := range ds.Cases {
		if !strings.Contains(page, `href="`+CasePage(c.CaseID)+`"`) {
			t.Errorf("Explore without JavaScript does not list %s", c.CaseID)
		}
	}
}

// TestNoExternalResources checks that no page loads anything from
// another host: no CDN, no tracking. Links to sources are fine.
func TestNoExternalResources(t *testing.T) {
	files := render(t, dataset.MustDefault())
	external := regexp.MustCompile(`(?:src|<link[^>]*href)="(?:https?:)?//`)
	for name, page := range files {
		if strings.HasSuffix(name, ".html") && external.Match(page) {
			t.Errorf("%s loads a resource from another host", name)
		}
		if strings.HasSuffix(name, ".js") && (bytes.Contains(page, []byte("fetch(")) || bytes.Contains(page, []byte("XMLHttpRequest"))) {
			t.Errorf("%s makes network requests", name)
		}
	}
}

// TestDownloadsListed checks that the downloads page lists each file with
// its size in bytes, and that a missing one is an error naming it.
func TestDownloadsListed(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "cases.csv"), []byte("case_id\nx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ds := dataset.MustDefault()
	if _, err := Write(dir, ds, Options{Downloads: []Download{{Path: "cases.csv", Description: "the cases"}}}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, DownloadsPage))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(page, []byte(`<a href="cases.csv" download>cases.csv</a></td><td>the cases</td><td class="num" data-bytes="10">10 B</td>`)) {
		t.Errorf("downloads page lacks cases.csv with its size:\n%s", page)
	}
	_, err = Write(t.TempDir(), ds, Options{Downloads: []Download{{Path: "missing.parquet"}}})
	if err == nil || !strings.Contains(err.Error(), "missing.parquet") {
		t.Errorf("a missing download: err %v, want one naming it", err)
	}
}

// TestCompareFigures checks that the compare page shows the pair asked for
// and each figure it names exists as SVG.
func TestCompareFigures(t *testing.T) {
	ds := dataset.MustDefault()
	files := renderWith(t, ds, Options{Compare: [2]string{"rus-skripal-2018", "prk-park-2018"}})
	page := string(files[ComparePage])
	if !strings.Contains(page, "rejoinder compare rus-skripal-2018 prk-park-2018") {
		t.Error("compare page does not show the pair asked for")
	}
	figs := regexp.MustCompile(`<img src="([^"]+)"`).FindAllStringSubmatch(page, -1)
	if len(figs) == 0 {
		t.Fatal("compare page has no figure")
	}
	for _, m := range figs {
		if !bytes.HasPrefix(bytes.TrimSpace(files[m[1]]), []byte("<?xml")) && !bytes.Contains(files[m[1]], []byte("<svg")) {
			t.Errorf("figure %s is not an SVG", m[1])
		}
	}
}

// TestExploreTextFiles splits Explore's searched text over several files
// and checks that, read in order, they give each row its response's quotes.
func TestExploreTextFiles(t *testing.T) {
	defer func(n int) { textRowsPerFile = n }(textRowsPerFile)
	textRowsPerFile = 100
	ds := dataset.MustDefault()
	files := render(t, ds)
	idx := exploreOf(t, files)
	if want := (len(ds.Responses) + 99) / 100; idx.TextFiles != want || idx.TextRows != 100 {
		t.Fatalf("%d text files of %d rows, want %d of 100", idx.TextFiles, idx.TextRows, want)
	}
	var rows [][2]string
	for n := range idx.TextFiles {
		js := files[ExploreText(n)]
		var part exploreText
		if err := json.Unmarshal(js[bytes.IndexByte(js, '{'):bytes.LastIndexByte(js, '}')+1], &part); err != nil {
			t.Fatal(err)
		}
		if part.N != n {
			t.Errorf("%s says it is file %d", ExploreText(n), part.N)
		}
		rows = append(rows, part.Rows...)
	}
	if len(rows) != len(idx.Rows) {
		t.Fatalf("%d rows of text for %d rows", len(rows), len(idx.Rows))
	}
	for i, row := range idx.Rows {
		r := ds.Response(row[0].(string))
		var quotes []string
		for _, q := range r.Quotes {
			quotes = append(quotes, q.Text)
		}
		if rows[i][0] != strings.Join(quotes, "\n") {
			t.Errorf("row %d (%s): text %.60q is not its quotes", i, r.ResponseID, rows[i][0])
		}
	}
}

// TestReliabilityTable checks the codebook page's agreement table against
// coding.Report on the published codings' latest round.
func TestReliabilityTable(t *testing.T) {
	codings, err := coding.Published()
	if err != nil {
		t.Fatal(err)
	}
	ds := dataset.MustDefault()
	page := string(renderWith(t, ds, Options{Codings: codings})[CodebookPage])
	var independent []coding.Coding
	for _, c := range codings {
		if c.Coder != exports.GoldCoder {
			independent = append(independent, c)
		}
	}
	rounds := coding.Rounds(independent)
	if len(rounds) == 0 {
		t.Skip("no published codings")
	}
	rows, err := coding.Report(ds.Codebook, independent, rounds[len(rounds)-1], 1000, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		want := fmt.Sprintf(`<tr><th scope="row">%s</th><td>%s</td><td class="num">%d</td><td class="num">%s</td>`,
			html.EscapeString(r.Variable), r.Level, r.Units, stat(r.Alpha))
		if !strings.Contains(page, want) {
			t.Errorf("reliability table lacks %s", want)
		}
	}
	if without := string(render(t, ds)[CodebookPage]); !strings.Contains(without, "No codings are published") {
		t.Error("without codings the page does not say so")
	}
}

// TestDateAndTimelineLabels checks that a date shows its precision and a
// response's place on the timeline says why it is unknown when it is.
func TestDateAndTimelineLabels(t *testing.T) {
	for _, tc := range []struct {
		date schema.Date
		want string
	}{
		{schema.DayDate(2018, 9, 14), "2018-09-14"},
		{schema.Date{Year: 2018, Month: 9, Precision: schema.PrecisionMonth}, "2018-09 (month only)"},
		{schema.Date{Year: 2018, Precision: schema.PrecisionYear}, "2018 (year only)"},
		{schema.Date{}, "undated"},
	} {
		if got := dateLabel(tc.date); got != tc.want {
			t.Errorf("dateLabel(%v) = %q, want %q", tc.date, got, tc.want)
		}
	}
	ds := dataset.MustDefault()
	ix := ds.Index()
	a := ds.Accusations[0]
	for _, tc := range []struct {
		r    schema.Response
		want string
	}{
		{schema.Response{RespondsTo: a.AccusationID, Date: a.Date}, "day 0 (0 days after the accusation)"},
		{schema.Response{RespondsTo: a.AccusationID, Date: a.Date, Anticipatory: true}, "before the accusation (anticipatory)"},
		{schema.Response{RespondsTo: a.AccusationID}, "undated: days since the accusation unknown"},
		{schema.Response{RespondsTo: a.AccusationID, Date: schema.Date{Year: a.Date.Year, Precision: schema.PrecisionYear}}, "days since the accusation unknown: a date is not exact to the day"},
	} {
		if a.Date.Precision != schema.PrecisionDay {
			t.Skip("the first accusation is not dated to the day")
		}
		if got := timelineLabel(ix, &tc.r); got != tc.want {
			t.Errorf("timelineLabel(%+v) = %q, want %q", tc.r.Date, got, tc.want)
		}
	}
}
