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
}

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
