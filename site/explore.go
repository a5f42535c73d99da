package site

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Facets are the filters of the Explore page, in the order it shows them;
// each is also the key of the filter in the page's URL fragment.
var Facets = []string{"responder", "accuser", "year", "incident_type", "organ", "strategy"}

// exploreIndex is the compact index Explore's script reads: each facet's
// values once, and one row per response pointing into them.
type exploreIndex struct {
	Facets map[string][]string `json:"facets"`
	Cases  [][2]string         `json:"cases"` // case id, title
	// Rows: response id, case index, one value index per facet but
	// strategy, the strategy indexes, date, speaker.
	Rows [][]any `json:"rows"`
	// TextFiles is the number of explore-text-N.js files that hold the
	// searched text, TextRows rows each.
	TextFiles int `json:"textFiles"`
	TextRows  int `json:"textRows"`
}

// textRowsPerFile is how many responses' text one explore-text-N.js file
// holds: the page shows its filters at once and loads the text for search
// in the background, a file at a time (a variable for the tests).
var textRowsPerFile = 20000

// ExploreText is the file name of the n-th file of searched text.
func ExploreText(n int) string { return "explore-text-" + strconv.Itoa(n) + ".js" }

// exploreText is one explore-text-N.js file: for each of its rows, the
// quotes (joined by newlines) and the summary and notes.
type exploreText struct {
	N    int         `json:"n"`
	Rows [][2]string `json:"rows"`
}

// facetValues collects the values of one facet and gives each an index
// into its sorted list.
type facetValues map[string]int

func (f facetValues) add(v string) { f[v] = 0 }

// sorted numbers the values in order and returns them.
func (f facetValues) sorted() []string {
	vs := make([]string, 0, len(f))
	for v := range f {
		vs = append(vs, v)
	}
	slices.Sort(vs)
	for i, v := range vs {
		f[v] = i
	}
	return vs
}

// exploreRow is one response's facet values.
type exploreRow struct {
	rv     responseView
	caseIx int
	values map[string]string
}

// exploreData is explore-data.js: the index as a script (a script, not a
// JSON file, so that the page works opened from the file system, where a
// browser refuses to fetch).
func exploreData(m *model, emit func(name string, content []byte) error) error {
	idx := exploreIndex{Facets: map[string][]string{}}
	values := map[string]facetValues{}
	for _, f := range Facets {
		values[f] = facetValues{}
	}
	accuserOf := map[string]string{}
	var rows []exploreRow
	for ci, c := range m.Cases {
		idx.Cases = append(idx.Cases, [2]string{c.Case.CaseID, c.Case.Title})
		for _, a := range c.Accusations {
			accuserOf[a.A.AccusationID] = a.A.Accuser
		}
		for _, r := range c.Responses {
			year := ""
			if !r.R.Date.IsZero() {
				year = strconv.Itoa(r.R.Date.Year)
			}
			v := map[string]string{
				"responder": r.R.Responder, "accuser": accuserOf[r.R.RespondsTo], "year": year,
				"incident_type": c.Case.IncidentType, "organ": r.R.Organ,
			}
			for f, s := range v {
				values[f].add(s)
			}
			for _, s := range r.R.Strategies {
				values["strategy"].add(s)
			}
			rows = append(rows, exploreRow{rv: r, caseIx: ci, values: v})
		}
	}
	for _, f := range Facets {
		idx.Facets[f] = values[f].sorted()
	}
	idx.TextRows = textRowsPerFile
	var text exploreText
	flush := func() error {
		if len(text.Rows) == 0 {
			return nil
		}
		b, err := jsCall("Searched text of the Explore page", "REJOINDER_EXPLORE_TEXT", text)
		if err != nil {
			return err
		}
		idx.TextFiles++
		text = exploreText{N: text.N + 1}
		return emit(ExploreText(idx.TextFiles-1), b)
	}
	for _, row := range rows {
		r := row.rv.R
		out := []any{r.ResponseID, row.caseIx}
		for _, f := range Facets[:len(Facets)-1] {
			out = append(out, values[f][row.values[f]])
		}
		strategies := make([]int, len(r.Strategies))
		for i, s := range r.Strategies {
			strategies[i] = values["strategy"][s]
		}
		quotes := make([]string, len(r.Quotes))
		for i, q := range r.Quotes {
			quotes[i] = q.Text
		}
		out = append(out, strategies, row.rv.Date, r.Speaker)
		idx.Rows = append(idx.Rows, out)
		text.Rows = append(text.Rows, [2]string{strings.Join(quotes, "\n"), strings.TrimSpace(r.Summary + "\n" + r.Notes)})
		if len(text.Rows) == textRowsPerFile {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	b, err := jsScript("The Explore page's index of every response", "REJOINDER_EXPLORE", idx)
	if err != nil {
		return err
	}
	return emit(ExploreData, b)
}

// jsCall is a script that passes v, as JSON, to the function window[name]
// that the page defines: how a file loaded on demand hands over its data.
func jsCall(what, name string, v any) ([]byte, error) {
	return jsWith(what, "window."+name+"(", ");\n", v)
}

// jsScript is a script that sets window[name] to v as JSON, headed by a
// comment saying what it is.
func jsScript(what, name string, v any) ([]byte, error) {
	return jsWith(what, "window."+name+" = ", ";\n", v)
}

// jsWith is v as JSON between before and after, headed by a comment saying
// what it is.
func jsWith(what, before, after string, v any) ([]byte, error) {
	js, err := json.Marshal(v) // escapes <, > and &, so no text can close the script
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString("// " + what + ", written by rejoinder site.\n" + before)
	buf.Write(js)
	buf.WriteString(after)
	return buf.Bytes(), nil
}

// facetLabel is a filter of the Explore page: its URL key and its label.
type facetLabel struct{ Key, Label string }

// exploreView is the Explore page's filters, in order.
func exploreView() []facetLabel {
	labels := map[string]string{
		"responder": "Accused (responding) state", "accuser": "Accuser", "year": "Year of the response",
		"incident_type": "Incident type", "organ": "Organ", "strategy": "Strategy",
	}
	out := make([]facetLabel, len(Facets))
	for i, f := range Facets {
		out[i] = facetLabel{Key: f, Label: labels[f]}
	}
	return out
}
