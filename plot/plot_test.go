package plot

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/addcase"
	"github.com/rejoinder/rejoinder/schema"
	"gonum.org/v1/plot/vg"
)

var update = flag.Bool("update", false, "rewrite the golden SVG files in testdata/")

func embedded(t *testing.T) Data {
	t.Helper()
	d, err := Load("", analysis.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// figureCases draws every figure of the embedded dataset, with the size
// it must have and strings its SVG must hold (title, axis labels, caption,
// data labels). Sizes and counts are worked out from the records (see
// factsOf), never pinned, so adding a case moves them with the data.
type figureCase struct {
	name  string
	draw  func(Data) (*Figure, error)
	px    [2]int // PNG width × height at DPI
	inSVG []string
	// inCaption must be in the caption (the SVG holds it broken into lines).
	inCaption []string
	golden    string
}

// layout is the size rule of each figure: 9 inches wide; a row (timeline:
// 0.42 in per case), a category slot (profile: 6 pt per group + 8 pt) or a
// square cell (similarity: 0.62 in per case, at least 6 in a side) per
// unit, plus room for the title, axes and caption.
func profilePx(categories, groups int) [2]int {
	return [2]int{1350, px(vg.Length(categories)*vg.Length(float64(groups)*6+8) + 2.6*vg.Inch)}
}

func timelinePx(cases int) [2]int {
	return [2]int{1350, px(vg.Length(cases)*0.42*vg.Inch + 2.2*vg.Inch)}
}

func coveragePx(states int) [2]int {
	return [2]int{1350, px(vg.Length(states)*0.36*vg.Inch + 2.2*vg.Inch)}
}

func similarityPx(cases int) [2]int {
	side := max(vg.Length(cases)*0.62*vg.Inch+2.8*vg.Inch, 6*vg.Inch)
	return [2]int{px(side + 0.3*vg.Inch), px(side + 0.5*vg.Inch)}
}

func px(l vg.Length) int { return int(l.Dots(DPI) + 0.5) }

// facts are the counts the figures of the embedded dataset show, counted
// from the records directly.
type facts struct {
	respondedBy     map[string]int // observed responses per responder
	responders      int
	recordsBy       map[string]int // response records (silence included) per responder
	strategiesUsed  int            // codes used by at least one observed response
	casesResponded  int            // cases with an observed response
	shown, noLag    int            // observed responses with and without a day-exact lag
	rus4D           int            // 4D categories RUS responses use
	navalnyWannacry float64        // Jaccard index of the two cases' strategy sets
}

func factsOf(t *testing.T, ds *dataset.Dataset) facts {
	t.Helper()
	f := facts{respondedBy: map[string]int{}, recordsBy: map[string]int{}}
	used := map[string]bool{}
	cases := map[string]bool{}
	for _, r := range ds.Responses {
		f.recordsBy[r.Responder]++
		if r.Observed != "responded" {
			continue
		}
		f.respondedBy[r.Responder]++
		cases[r.CaseID] = true
		for _, s := range r.Strategies {
			used[s] = true
		}
		a := ds.Accusation(r.RespondsTo)
		if !r.Anticipatory && a != nil && r.Date.Precision == schema.PrecisionDay && a.Date.Precision == schema.PrecisionDay {
			f.shown++
		} else {
			f.noLag++
		}
	}
	f.responders = len(f.respondedBy)
	f.strategiesUsed = len(used)
	f.casesResponded = len(cases)
	f.navalnyWannacry = jaccard(caseStrategies(ds, "rus-navalny-2020"), caseStrategies(ds, "prk-wannacry-2017"))
	// The 4D categories RUS uses, from the profile the figure draws.
	df, err := analysis.Profile(FromDataset(ds).Columns, analysis.ProfileOptions{Scheme: analysis.Scheme4D,
		Filter: analysis.Filter{Responders: []string{"RUS"}}})
	if err != nil || df.Err != nil {
		t.Fatalf("4D profile: %v %v", err, df.Err)
	}
	for _, n := range df.Col("count").Records() {
		if n != "0" {
			f.rus4D++
		}
	}
	return f
}

// casesOf counts the cases with a response record of the state.
func casesOf(ds *dataset.Dataset, state string) int {
	cases := map[string]bool{}
	for _, r := range ds.Responses {
		if r.Responder == state {
			cases[r.CaseID] = true
		}
	}
	return len(cases)
}

// caseStrategies is the set of codes a case's observed responses use.
func caseStrategies(ds *dataset.Dataset, caseID string) map[string]bool {
	set := map[string]bool{}
	for _, r := range ds.Responses {
		if r.CaseID == caseID && r.Observed == "responded" {
			for _, s := range r.Strategies {
				set[s] = true
			}
		}
	}
	return set
}

func jaccard(a, b map[string]bool) float64 {
	both := 0
	for k := range a {
		if b[k] {
			both++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

func figureCases(t *testing.T) []figureCase { return figureCasesOf(t, dataset.MustDefault()) }

func figureCasesOf(t *testing.T, ds *dataset.Dataset) []figureCase {
	f := factsOf(t, ds)
	n := func(who string) string { return fmt.Sprintf("%s, n = %d", who, f.respondedBy[who]) }
	source := "Source: rejoinder dataset " + ds.Meta.Version + ", codebook " + schema.Default().Version + "."
	return []figureCase{
		{"profile", func(d Data) (*Figure, error) { return Profile(d, analysis.ProfileOptions{}) },
			profilePx(f.strategiesUsed, f.responders),
			[]string{"Response strategies by responder", "share of the group&#39;s observed responses using it", "strategy",
				n("RUS"), n("PRK"), "identity_dispute", "formal_protest", "100%"},
			[]string{"Selection: all responses. " + source},
			"profile.svg"},
		{"profile-4d-rus", func(d Data) (*Figure, error) {
			return Profile(d, analysis.ProfileOptions{Scheme: analysis.Scheme4D, Filter: analysis.Filter{Responders: []string{"RUS"}}})
		}, profilePx(f.rus4D, 1),
			[]string{"4D category", n("RUS"), "dismiss", "dismay"},
			[]string{"Selection: responder RUS."},
			""},
		{"timeline", func(d Data) (*Figure, error) { return Timeline(d, analysis.Filter{}) },
			timelinePx(f.casesResponded),
			[]string{"Response timeline: days from the accusation to each response", "days since the accusation answered",
				"rus-skripal-2018", "chn-pla61398-2014", "90"},
			[]string{fmt.Sprintf("(%d shown)", f.shown), fmt.Sprintf("%d observed response(s) with no day-exact lag", f.noLag),
				"logarithmic", source},
			"timeline.svg"},
		{"coverage", func(d Data) (*Figure, error) { return Coverage(d, analysis.Filter{}) },
			coveragePx(len(f.recordsBy)),
			[]string{"Coverage: response records by responding state", "response records", "no response found (silence recorded)",
				fmt.Sprintf("RUS (%d case", casesOf(ds, "RUS"))},
			[]string{fmt.Sprintf("(%d in all)", len(ds.Responses)), "Selection: all responses. " + source},
			"coverage.svg"},
		{"similarity", func(d Data) (*Figure, error) { return Similarity(d, analysis.Jaccard, analysis.Filter{}) },
			similarityPx(f.casesResponded),
			[]string{"Case similarity: Jaccard index of the strategy sets", fmt.Sprintf("%.2f", f.navalnyWannacry), "1.00", "rus-opcw-2018"},
			[]string{"clustering order", source},
			"similarity.svg"},
	}
}

// Adding a case breaks no figure: on a copy of the records with one case
// more, every figure has the size and caption counts worked out from that
// copy (one more row in the timeline, one more row and column in the
// similarity matrix).
func TestFiguresAddedCase(t *testing.T) {
	dir, err := addcase.Dir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ds, err := dataset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := FromDataset(ds)
	before := map[string][2]int{}
	for _, tc := range figureCases(t) {
		before[tc.name] = tc.px
	}
	for _, tc := range figureCasesOf(t, ds) {
		fig, err := tc.draw(d)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if w, h := fig.Pixels(); w != tc.px[0] || h != tc.px[1] {
			t.Errorf("%s: %d × %d px, want %d × %d", tc.name, w, h, tc.px[0], tc.px[1])
		}
		for _, want := range tc.inCaption {
			if !strings.Contains(fig.Caption, want) {
				t.Errorf("%s: caption %q lacks %q", tc.name, fig.Caption, want)
			}
		}
		if grown := tc.px[1] - before[tc.name][1]; (tc.name == "timeline" || tc.name == "similarity") && grown <= 0 {
			t.Errorf("%s: %d px taller with one case more, want taller", tc.name, grown)
		}
	}
}

func TestFigures(t *testing.T) {
	d := embedded(t)
	for _, tc := range figureCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			fig, err := tc.draw(d)
			if err != nil {
				t.Fatal(err)
			}
			var a, b bytes.Buffer
			if err := fig.Render(&a, FormatPNG); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(a.Bytes()))
			if err != nil {
				t.Fatalf("PNG does not decode: %v", err)
			}
			if got := img.Bounds().Size(); got.X != tc.px[0] || got.Y != tc.px[1] {
				t.Errorf("PNG is %d × %d px, want %d × %d", got.X, got.Y, tc.px[0], tc.px[1])
			}
			if w, h := fig.Pixels(); w != tc.px[0] || h != tc.px[1] {
				t.Errorf("Pixels() = %d × %d", w, h)
			}
			// Not blank: a figure has ink in many colours.
			colours := map[[3]uint32]bool{}
			for y := 0; y < tc.px[1]; y += 7 {
				for x := 0; x < tc.px[0]; x += 7 {
					r, g, b, _ := img.At(x, y).RGBA()
					colours[[3]uint32{r >> 8, g >> 8, b >> 8}] = true
				}
			}
			if len(colours) < 5 {
				t.Errorf("PNG has only %d colours: blank?", len(colours))
			}
			if err := fig.Render(&b, FormatPNG); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two PNG renderings differ")
			}

			a.Reset()
			b.Reset()
			if err := fig.Render(&a, FormatSVG); err != nil {
				t.Fatal(err)
			}
			// A fresh figure from the same data, not only the same figure.
			fig2, err := tc.draw(d)
			if err != nil {
				t.Fatal(err)
			}
			if err := fig2.Render(&b, FormatSVG); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two SVG renderings differ")
			}
			svg := a.String()
			if !strings.HasPrefix(svg, "<?xml") || !strings.Contains(svg, "<svg") {
				t.Errorf("not an SVG: %.80s", svg)
			}
			for _, want := range tc.inSVG {
				if !strings.Contains(svg, want) {
					t.Errorf("SVG lacks %q", want)
				}
			}
			for _, want := range tc.inCaption {
				if !strings.Contains(fig.Caption, want) {
					t.Errorf("caption %q lacks %q", fig.Caption, want)
				}
			}
			// The caption's last words are drawn.
			words := strings.Fields(fig.Caption)
			if last := strings.Join(words[len(words)-2:], " "); !strings.Contains(svg, last) {
				t.Errorf("SVG lacks the caption's end %q", last)
			}
			if tc.golden == "" {
				return
			}
			path := filepath.Join("testdata", tc.golden)
			if *update {
				if err := os.WriteFile(path, a.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), want) {
				t.Errorf("SVG differs from %s (go test ./plot -update rewrites it after a deliberate change)", path)
			}
		})
	}
}

// A figure drawn from the Parquet files `rejoinder build` writes is the
// figure drawn from the records: same data, same versions in the caption.
func TestFromParquetSameFigure(t *testing.T) {
	ds := dataset.MustDefault()
	dir := t.TempDir()
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	pq, err := Load(dir, analysis.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if pq.Meta.Version != ds.Meta.Version || pq.CodebookVersion != ds.Codebook.Version || pq.Meta.Name != "rejoinder" {
		t.Errorf("metadata from Parquet = %+v, codebook %q", pq.Meta, pq.CodebookVersion)
	}
	for _, tc := range figureCases(t) {
		var a, b bytes.Buffer
		fa, err := tc.draw(FromDataset(ds))
		if err != nil {
			t.Fatal(err)
		}
		fb, err := tc.draw(pq)
		if err != nil {
			t.Fatal(err)
		}
		if err := fa.Render(&a, FormatSVG); err != nil {
			t.Fatal(err)
		}
		if err := fb.Render(&b, FormatSVG); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: the figure from Parquet differs from the one from the records", tc.name)
		}
	}
}

func TestFormatOf(t *testing.T) {
	for _, tc := range []struct {
		path, want string
		err        bool
	}{
		{"a/fig.png", FormatPNG, false},
		{"fig.PNG", FormatPNG, false},
		{"fig.svg", FormatSVG, false},
		{"fig.Svg", FormatSVG, false},
		{"fig.pdf", "", true},
		{"fig", "", true},
		{"png", "", true},
	} {
		got, err := FormatOf(tc.path)
		if got != tc.want || (err != nil) != tc.err {
			t.Errorf("FormatOf(%q) = %q, %v", tc.path, got, err)
		}
		if err != nil && (!errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tc.path)) {
			t.Errorf("FormatOf(%q) error %v: want ErrFormat naming the file", tc.path, err)
		}
	}
}

func TestSave(t *testing.T) {
	dir := t.TempDir()
	fig, err := Timeline(embedded(t), analysis.Filter{Responders: []string{"PRK"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"t.png", "t.svg"} {
		path := filepath.Join(dir, name)
		if err := fig.Save(path); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		format, _ := FormatOf(path)
		var want bytes.Buffer
		if err := fig.Render(&want, format); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, want.Bytes()) {
			t.Errorf("%s: saved file differs from the rendering", name)
		}
	}
	// A bad extension writes nothing; a missing directory leaves no temp file.
	if err := fig.Save(filepath.Join(dir, "t.pdf")); !errors.Is(err, ErrFormat) {
		t.Errorf("Save(.pdf) = %v", err)
	}
	if err := fig.Save(filepath.Join(dir, "missing", "t.png")); err == nil {
		t.Error("Save into a missing directory succeeded")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only t.png and t.svg", names)
	}
}

func TestEmptySelections(t *testing.T) {
	d := embedded(t)
	// prk-rgb-2021 has records of silence only: nothing to place or compare.
	silent := analysis.Filter{Cases: []string{"prk-rgb-2021"}}
	one := analysis.Filter{Cases: []string{"prk-park-2018"}}
	for _, tc := range []struct {
		name string
		draw func() (*Figure, error)
	}{
		{"timeline of silence", func() (*Figure, error) { return Timeline(d, silent) }},
		{"profile of silence", func() (*Figure, error) { return Profile(d, analysis.ProfileOptions{Filter: silent}) }},
		{"similarity of one case", func() (*Figure, error) { return Similarity(d, analysis.Jaccard, one) }},
	} {
		fig, err := tc.draw()
		if !errors.Is(err, analysis.ErrEmptySelection) || fig != nil {
			t.Errorf("%s: %v, %v; want ErrEmptySelection", tc.name, fig, err)
		}
	}
	if _, err := Similarity(d, "euclid", analysis.Filter{}); !errors.Is(err, analysis.ErrBadMetric) {
		t.Errorf("unknown metric: %v", err)
	}
}

func TestWrap(t *testing.T) {
	fig, err := Timeline(embedded(t), analysis.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	sty := captionStyle(fig.Plot)
	lines := wrap(sty, "one two three\nfour", sty.Width("one two")+1)
	if strings.Join(lines, "|") != "one two|three|four" {
		t.Errorf("wrap = %q", lines)
	}
}
