package plot

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"

	gonum "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/rejoinder/rejoinder/analysis"
)

// Profile draws the strategy profile as a horizontal grouped bar chart:
// for each category of the scheme (a strategy code, a Benoit family or a
// 4D category; those no group uses are left out), one bar per group (by
// default per responder) giving the share of the group's observed
// responses that use it. It is the figure of analysis.Profile.
func Profile(d Data, opts analysis.ProfileOptions) (*Figure, error) {
	if opts.By == "" {
		opts.By = analysis.ByResponder
	}
	if opts.Scheme == "" {
		opts.Scheme = analysis.SchemeCodes
	}
	df, err := analysis.Profile(d.Columns, opts)
	if err != nil {
		return nil, err
	}
	if df.Err != nil {
		return nil, df.Err
	}
	names := df.Names()
	if len(names) < 5 {
		return nil, fmt.Errorf("profile: unexpected columns %v", names)
	}
	groupCol, catCol := names[0], names[1]
	groupVals := df.Col(groupCol).Records()
	cats := df.Col(catCol).Records()
	shares := df.Col("share").Float()
	counts := df.Col("count").Records()
	resp := df.Col("responses").Records()

	// The long frame, reshaped: groups and categories in the frame's order.
	var groups, categories []string
	share := map[[2]string]float64{}
	used := map[string]bool{}
	nResp := map[string]string{}
	for i := range groupVals {
		g, c := groupVals[i], cats[i]
		if g == "" {
			g = "(unknown)"
		}
		if !slices.Contains(groups, g) {
			groups = append(groups, g)
		}
		if !slices.Contains(categories, c) {
			categories = append(categories, c)
		}
		v := shares[i]
		if math.IsNaN(v) {
			v = 0
		}
		share[[2]string{g, c}] = v
		if n, _ := strconv.Atoi(counts[i]); n > 0 {
			used[c] = true
		}
		nResp[g] = resp[i]
	}
	categories = slices.DeleteFunc(categories, func(c string) bool { return !used[c] })
	if len(categories) == 0 || len(groups) == 0 {
		return nil, analysis.ErrEmptySelection
	}

	scheme := map[analysis.Scheme]string{analysis.SchemeCodes: "strategy", analysis.SchemeBenoit: "Benoit image-repair family", analysis.Scheme4D: "4D category"}[opts.Scheme]
	p := newPlot(fmt.Sprintf("Response strategies by %s", groupLabel(opts.By)),
		"share of the group's observed responses using it", scheme)
	// The first category at the top: category k sits at y = n-1-k.
	n := len(categories)
	labels := make([]string, n)
	for k, c := range categories {
		labels[n-1-k] = c
	}
	p.NominalY(labels...)
	p.X.Min, p.X.Max = 0, 1
	p.X.Tick.Marker = percentTicks{}
	g := plotter.NewGrid()
	g.Horizontal.Width = 0 // lines through the bars would hide them
	p.Add(g)

	fig := &Figure{Plot: p, Width: 9 * vg.Inch, Legend: newLegend()}
	fig.Height = vg.Length(n)*vg.Length(float64(len(groups))*6+8) + 2.6*vg.Inch
	// Bars share the room of one category: 80% of it, split by group.
	slot := (fig.Height - 2.6*vg.Inch) / vg.Length(n)
	width := slot * 0.8 / vg.Length(len(groups))
	for gi, g := range groups {
		vals := make(plotter.Values, n)
		for k, c := range categories {
			vals[n-1-k] = share[[2]string{g, c}]
		}
		bars, err := plotter.NewBarChart(vals, width)
		if err != nil {
			return nil, err
		}
		bars.Horizontal = true
		bars.Color = groupColor(gi)
		bars.LineStyle.Width = 0
		// The first group on top within its slot.
		bars.Offset = (vg.Length(len(groups)-1)/2 - vg.Length(gi)) * width
		p.Add(bars)
		fig.addLegend(fmt.Sprintf("%s, n = %s", g, nResp[g]), bars)
	}
	filter := opts.Filter.String()
	fig.Caption = fmt.Sprintf("Share of each %s's observed responses (n in the legend) coded with each %s; a response may use several. "+
		"Selection: %s. Source: %s.", groupLabel(opts.By), scheme, filter, d.source())
	return fig, nil
}

// groupLabel is a grouping in words.
func groupLabel(by analysis.Grouping) string {
	switch by {
	case analysis.ByCase:
		return "case"
	case analysis.ByInstrument:
		return "instrument"
	}
	return string(by)
}

// percentTicks labels a 0–1 axis in percent, every 10% with labels every
// 20%.
type percentTicks struct{}

// Ticks implements gonum's Ticker.
func (percentTicks) Ticks(lo, hi float64) []gonum.Tick {
	var ts []gonum.Tick
	for i := 0; i <= 10; i++ {
		v := float64(i) / 10
		if v < lo-1e-9 || v > hi+1e-9 {
			continue
		}
		t := gonum.Tick{Value: v}
		if i%2 == 0 {
			t.Label = strconv.Itoa(i*10) + "%"
		}
		ts = append(ts, t)
	}
	return ts
}

// Timeline draws, for each case (one row each, first case at the top),
// its observed responses as points at the number of days from the
// accusation each answers, coloured by responder. Responses whose lag is
// not known (a date coarser than a day, or made before the accusation they
// anticipate) cannot be placed and are counted in the caption. Several
// responses on the same day are stacked.
func Timeline(d Data, f analysis.Filter) (*Figure, error) {
	c := d.Columns
	rows, err := c.Select(f)
	if err != nil {
		return nil, err
	}
	type point struct {
		caseID, responder string
		lag               int
	}
	var pts []point
	var cases, responders []string
	unknown, maxLag := 0, 0
	for _, i := range rows {
		if !c.Responded(i) {
			continue
		}
		cs := c.Case.At(i)
		if !slices.Contains(cases, cs) {
			cases = append(cases, cs)
		}
		lag, ok := c.Lag(i)
		if !ok {
			unknown++
			continue
		}
		r := c.Responder.At(i)
		if !slices.Contains(responders, r) {
			responders = append(responders, r)
		}
		pts = append(pts, point{cs, r, lag})
		maxLag = max(maxLag, lag)
	}
	if len(pts) == 0 {
		return nil, fmt.Errorf("%w: no observed response has a day-exact lag", analysis.ErrEmptySelection)
	}
	slices.Sort(cases)
	slices.Sort(responders)
	n := len(cases)
	labels := make([]string, n)
	for k, cs := range cases {
		labels[n-1-k] = cs
	}

	p := newPlot("Response timeline: days from the accusation to each response",
		"days since the accusation answered (day 0: the accusation's date)", "case")
	p.NominalY(labels...)
	// Long tails (responses months later) would crush the first days into
	// a corner: past 30 days the axis is logarithmic in 1 + days. The
	// points are placed at log(1 + days) on a linear axis whose ticks name
	// the days (gonum centres axis labels by data value, so a log Scale
	// would push the label off centre).
	xOf := func(lag int) float64 { return float64(lag) }
	p.X.Min, p.X.Max = -0.5, float64(maxLag)+0.5
	if maxLag > 30 {
		xOf = func(lag int) float64 { return math.Log1p(float64(lag)) }
		p.X.Min, p.X.Max = -0.05, xOf(maxLag)+0.05
		p.X.Tick.Marker = lagTicks{}
	}
	p.Add(plotter.NewGrid())

	fig := &Figure{Plot: p, Width: 9 * vg.Inch, Height: vg.Length(n)*0.42*vg.Inch + 2.2*vg.Inch,
		Legend: newLegend()}
	seen := map[[2]int]int{} // (case row, lag) → responses placed there
	byResponder := make([]plotter.XYs, len(responders))
	for _, pt := range pts {
		y := n - 1 - slices.Index(cases, pt.caseID)
		k := seen[[2]int{y, pt.lag}]
		seen[[2]int{y, pt.lag}]++
		// Stack alternately above and below the row's line.
		off := float64((k+1)/2) * 0.13
		if k%2 == 1 {
			off = -off
		}
		ri := slices.Index(responders, pt.responder)
		byResponder[ri] = append(byResponder[ri], plotter.XY{X: xOf(pt.lag), Y: float64(y) + off})
	}
	for ri, r := range responders {
		s, err := plotter.NewScatter(byResponder[ri])
		if err != nil {
			return nil, err
		}
		s.GlyphStyle.Shape = draw.CircleGlyph{}
		s.GlyphStyle.Radius = vg.Points(4)
		s.GlyphStyle.Color = groupColor(ri)
		p.Add(s)
		fig.addLegend(r, s)
	}
	note := ""
	if maxLag > 30 {
		note = " The axis is logarithmic (in 1 + days)."
	}
	if unknown > 0 {
		note += fmt.Sprintf(" %d observed response(s) with no day-exact lag are not shown.", unknown)
	}
	fig.Caption = fmt.Sprintf("Each point is one observed response (%d shown), at the days from the accusation it answers; same-day responses are stacked.%s "+
		"Selection: %s. Source: %s.", len(pts), note, f.String(), d.source())
	return fig, nil
}

// lagTicks labels an axis of log(1 + days) in days: 0, 1, 2, 3, 7, 14,
// 30, 60, 90, 180, 365, 730...
type lagTicks struct{}

// Ticks implements gonum's Ticker.
func (lagTicks) Ticks(lo, hi float64) []gonum.Tick {
	var ts []gonum.Tick
	for _, v := range []float64{0, 1, 2, 3, 7, 14, 30, 60, 90, 180, 365, 730, 1095, 1460, 1825, 3650} {
		if x := math.Log1p(v); x >= lo && x <= hi {
			ts = append(ts, gonum.Tick{Value: x, Label: strconv.FormatFloat(v, 'f', -1, 64)})
		}
	}
	return ts
}

// Similarity draws the case × case similarity matrix as a heat map, the
// cases in hierarchical-clustering order (so that alike cases sit
// together), each cell labelled with its value. metric is analysis.Jaccard
// or analysis.Cosine.
func Similarity(d Data, metric analysis.Metric, f analysis.Filter) (*Figure, error) {
	c := d.Columns
	df, err := analysis.SimilarityMatrix(c, metric, f)
	if err != nil {
		return nil, err
	}
	if df.Err != nil {
		return nil, df.Err
	}
	order, _, err := analysis.Clusters(c, metric, f)
	if err != nil {
		return nil, err
	}
	ids := df.Col("case_id").Records()
	n := len(ids)
	if n < 2 {
		return nil, fmt.Errorf("%w: a similarity heat map needs at least two cases with observed responses, the selection (%s) has %d", analysis.ErrEmptySelection, f, n)
	}
	if len(order) != n {
		return nil, fmt.Errorf("similarity: %d cases in the matrix, %d in the clustering order", n, len(order))
	}
	// values[r][c] in the clustering order.
	values := make([][]float64, n)
	for r, a := range order {
		row := slices.Index(ids, a)
		if row < 0 {
			return nil, fmt.Errorf("similarity: case %s not in the matrix", a)
		}
		values[r] = make([]float64, n)
		for k, b := range order {
			col := df.Col(b)
			if col.Err != nil {
				return nil, col.Err
			}
			values[r][k] = col.Elem(row).Float()
		}
	}
	name := map[analysis.Metric]string{analysis.Jaccard: "Jaccard index of the strategy sets", analysis.Cosine: "cosine of the strategy profiles"}[metric]
	p := newPlot("Case similarity: "+name, "case", "case")
	// Row r (case order[r]) at y = n-1-r: the first case at the top.
	ylabels := make([]string, n)
	for r, id := range order {
		ylabels[n-1-r] = id
	}
	p.NominalX(order...)
	p.NominalY(ylabels...)
	p.X.Tick.Label.Rotation = math.Pi / 4
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YTop
	p.X.Padding, p.Y.Padding = 2, 2

	heat := plotter.NewHeatMap(grid{values}, blues{})
	heat.Min, heat.Max = 0, 1
	heat.NaN = color.RGBA{0xDD, 0xDD, 0xDD, 0xFF}
	p.Add(heat)

	var xys plotter.XYs
	var texts []string
	var styles []text.Style
	base := p.X.Tick.Label
	base.Rotation = 0
	base.XAlign, base.YAlign = draw.XCenter, draw.YCenter
	base.Font.Size = 9
	for r := range n {
		for k := range n {
			v := values[r][k]
			xys = append(xys, plotter.XY{X: float64(k), Y: float64(n - 1 - r)})
			sty := base
			if v > 0.55 {
				sty.Color = color.White
			}
			if math.IsNaN(v) {
				texts = append(texts, "–")
			} else {
				texts = append(texts, strconv.FormatFloat(v, 'f', 2, 64))
			}
			styles = append(styles, sty)
		}
	}
	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: texts})
	if err != nil {
		return nil, err
	}
	lab.TextStyle = styles
	p.Add(lab)

	side := max(vg.Length(n)*0.62*vg.Inch+2.8*vg.Inch, 6*vg.Inch)
	fig := &Figure{Plot: p, Width: side + 0.3*vg.Inch, Height: side + 0.5*vg.Inch}
	fig.Caption = fmt.Sprintf("Similarity of the strategies of the cases' observed responses (1: the same); cases in average-linkage "+
		"clustering order. Selection: %s. Source: %s.", f.String(), d.source())
	return fig, nil
}

// grid is a square matrix as gonum's GridXYZ, cell (c, r) at x = c and
// y = n-1-r.
type grid struct{ v [][]float64 }

func (g grid) Dims() (c, r int)   { return len(g.v), len(g.v) }
func (g grid) Z(c, r int) float64 { return g.v[len(g.v)-1-r][c] }
func (g grid) X(c int) float64    { return float64(c) }
func (g grid) Y(r int) float64    { return float64(r) }

// blues is a sequential palette from near-white through mid blue to dark
// blue (ColorBrewer's Blues end points), so that similarity reads as depth
// of colour and still prints in greyscale.
type blues struct{}

// Colors implements gonum's palette.Palette.
func (blues) Colors() []color.Color {
	const steps = 64
	stops := [][3]float64{{0xF7, 0xFB, 0xFF}, {0x6B, 0xAE, 0xD6}, {0x08, 0x30, 0x6B}}
	cs := make([]color.Color, steps)
	for i := range cs {
		t := 2 * float64(i) / (steps - 1)
		k := min(int(t), 1)
		t -= float64(k)
		lo, hi := stops[k], stops[k+1]
		mix := func(j int) uint8 { return uint8(math.Round(lo[j] + t*(hi[j]-lo[j]))) }
		cs[i] = color.RGBA{mix(0), mix(1), mix(2), 0xFF}
	}
	return cs
}
