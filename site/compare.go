package site

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/plot"
)

// comparePage is two cases side by side, as `rejoinder compare` prints
// them, with the figures.
type comparePage struct {
	A, B    string
	Header  []string
	Rows    [][]string
	Figures []figureView
	Note    string // why a figure is left out
}

// MaxSimilarityCases is the most cases the compare page draws the
// similarity heat map for: beyond it the cells are too small to read and
// the SVG grows with the square of the cases.
const MaxSimilarityCases = 60

// figureView is one SVG figure of the compare page.
type figureView struct {
	File, Title, Caption string
}

// comparePair is the pair the compare page shows: the one asked for, else
// the seed pair when the dataset has it, else its first two cases by id
// (or its one case twice).
func comparePair(ds *dataset.Dataset, asked [2]string) [2]string {
	if asked[0] != "" {
		return asked
	}
	_, errA := ds.Case(exports.SeedPair[0])
	_, errB := ds.Case(exports.SeedPair[1])
	if errA == nil && errB == nil {
		return exports.SeedPair
	}
	ids := make([]string, len(ds.Cases))
	for i, c := range ds.Cases {
		ids[i] = c.CaseID
	}
	slices.Sort(ids)
	switch len(ids) {
	case 0:
		return [2]string{}
	case 1:
		return [2]string{ids[0], ids[0]}
	}
	return [2]string{ids[0], ids[1]}
}

// compareView builds the compare page and its figures (file name → SVG).
func compareView(ds *dataset.Dataset, asked [2]string) (comparePage, map[string][]byte, error) {
	pair := comparePair(ds, asked)
	p := comparePage{A: pair[0], B: pair[1]}
	if pair[0] == "" {
		return p, nil, nil
	}
	df, err := analysis.CompareCases(ds, pair[0], pair[1])
	if err != nil {
		return p, nil, err
	}
	recs := df.Records()
	p.Header, p.Rows = recs[0], recs[1:]
	d := plot.FromDataset(ds)
	both := analysis.Filter{Cases: []string{pair[0], pair[1]}}
	figures := []struct {
		file, title string
		draw        func() (*plot.Figure, error)
	}{
		{"figure-profile.svg", "Strategy profile by responding state (the two cases)", func() (*plot.Figure, error) {
			return plot.Profile(d, analysis.ProfileOptions{By: analysis.ByResponder, Scheme: analysis.SchemeCodes, Filter: both})
		}},
		{"figure-timeline.svg", "Responses by days since the accusation (the two cases)", func() (*plot.Figure, error) { return plot.Timeline(d, both) }},
		{"figure-similarity.svg", "Similarity of every case's strategies (Jaccard)", func() (*plot.Figure, error) {
			return plot.Similarity(d, analysis.Jaccard, analysis.Filter{})
		}},
	}
	if len(ds.Cases) > MaxSimilarityCases {
		figures = figures[:2]
		p.Note = fmt.Sprintf("The similarity heat map is drawn for up to %d cases; this dataset has %d (rejoinder similar CASE lists the nearest cases).", MaxSimilarityCases, len(ds.Cases))
	}
	files := map[string][]byte{}
	for _, f := range figures {
		fig, err := f.draw()
		if errors.Is(err, analysis.ErrEmptySelection) {
			continue // nothing to draw, say for two silent cases
		}
		if err != nil {
			return p, nil, fmt.Errorf("site figure %s: %w", f.file, err)
		}
		var buf bytes.Buffer
		if err := fig.Render(&buf, plot.FormatSVG); err != nil {
			return p, nil, err
		}
		files[f.file] = buf.Bytes()
		p.Figures = append(p.Figures, figureView{File: f.file, Title: f.title, Caption: fig.Caption})
	}
	return p, files, nil
}

// downloadView is one download with its size.
type downloadView struct {
	Download
	Size int64
}

// downloadsView measures each download.
func downloadsView(ds []Download, size func(string) (int64, error)) ([]downloadView, error) {
	out := make([]downloadView, len(ds))
	for i, d := range ds {
		n, err := size(d.Path)
		if err != nil {
			return nil, err
		}
		out[i] = downloadView{Download: d, Size: n}
	}
	return out, nil
}

// compareIndex is compare-data.js: every case's column of the comparison
// table, so that the page's script can set any two cases side by side.
type compareIndex struct {
	Attributes []string            `json:"attributes"`
	Cases      map[string][]string `json:"cases"` // case id → its values, attribute by attribute
	Titles     [][2]string         `json:"titles"`
}

// compareData builds compare-data.js from the comparison of each case with
// itself (the shared strategies, which depend on the pair, are worked out
// by the script).
func compareData(ds *dataset.Dataset, m *model) ([]byte, error) {
	idx := compareIndex{Cases: map[string][]string{}}
	cols := analysis.ColumnsOf(ds)
	for _, c := range m.Cases {
		id := c.Case.CaseID
		df, err := analysis.CompareCasesWith(ds, cols, id, id)
		if err != nil {
			return nil, err
		}
		recs := df.Records()[1:]
		values := make([]string, len(recs))
		idx.Attributes = make([]string, len(recs))
		for i, r := range recs {
			idx.Attributes[i], values[i] = r[0], r[1]
		}
		idx.Cases[id] = values
		idx.Titles = append(idx.Titles, [2]string{id, c.Case.Title})
	}
	return jsScript("The Compare page's summary of every case", "REJOINDER_COMPARE", idx)
}
