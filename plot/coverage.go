package plot

import (
	"cmp"
	"fmt"
	"slices"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/rejoinder/rejoinder/analysis"
)

// coverageKinds are the stacks of a coverage bar, in drawing order: the
// observed values of the codebook, responses first.
var coverageKinds = []struct{ observed, label string }{
	{"responded", "responded"},
	{"declined_comment", "declined to comment"},
	{"no_response_found", "no response found (silence recorded)"},
}

// Coverage draws what the dataset holds for each responding (accused)
// state: one horizontal bar per state, its response records stacked by
// what was observed (responded, declined to comment, no response found),
// the number of cases in the state's label. It is the figure of DATASET.md's
// coverage section: where the data are thick and where they are thin.
func Coverage(d Data, f analysis.Filter) (*Figure, error) {
	c := d.Columns
	rows, err := c.Select(f)
	if err != nil {
		return nil, err
	}
	type tally struct {
		state  string
		cases  map[string]bool
		counts []float64
		total  int
	}
	by := map[string]*tally{}
	for _, i := range rows {
		s := c.Responder.At(i)
		t := by[s]
		if t == nil {
			t = &tally{state: s, cases: map[string]bool{}, counts: make([]float64, len(coverageKinds))}
			by[s] = t
		}
		t.cases[c.Case.At(i)] = true
		for k, kind := range coverageKinds {
			if c.Observed.At(i) == kind.observed {
				t.counts[k]++
			}
		}
		t.total++
	}
	if len(by) == 0 {
		return nil, analysis.ErrEmptySelection
	}
	states := make([]*tally, 0, len(by))
	for _, t := range by {
		states = append(states, t)
	}
	// The thickest at the top: most records first, then by name.
	slices.SortFunc(states, func(a, b *tally) int { return cmp.Or(cmp.Compare(b.total, a.total), cmp.Compare(a.state, b.state)) })
	n := len(states)
	labels := make([]string, n)
	cases := 0
	for k, t := range states {
		noun := "cases"
		if len(t.cases) == 1 {
			noun = "case"
		}
		labels[n-1-k] = fmt.Sprintf("%s (%d %s)", t.state, len(t.cases), noun)
		cases += len(t.cases)
	}
	p := newPlot("Coverage: response records by responding state", "response records", "responding state")
	p.NominalY(labels...)
	g := plotter.NewGrid()
	g.Horizontal.Width = 0
	p.Add(g)
	fig := &Figure{Plot: p, Width: 9 * vg.Inch, Height: vg.Length(n)*0.36*vg.Inch + 2.2*vg.Inch, Legend: newLegend()}
	var below *plotter.BarChart
	for k, kind := range coverageKinds {
		vals := make(plotter.Values, n)
		for j, t := range states {
			vals[n-1-j] = t.counts[k]
		}
		bars, err := plotter.NewBarChart(vals, 0.26*vg.Inch)
		if err != nil {
			return nil, err
		}
		bars.Horizontal = true
		bars.Color = groupColor(k)
		bars.LineStyle.Width = 0
		if below != nil {
			bars.StackOn(below)
		}
		below = bars
		p.Add(bars)
		fig.addLegend(kind.label, bars)
	}
	fig.Caption = fmt.Sprintf("Each bar is one responding state's response records (%d in all), by what was observed; the label gives the number of cases "+
		"in which the state answered or was searched for (a case with several accused states counts under each). Selection: %s. Source: %s.",
		len(rows), f.String(), d.source())
	return fig, nil
}
