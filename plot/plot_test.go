package plot

import (
	"bytes"
	"errors"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
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
// data labels).
var figureCases = []struct {
	name  string
	draw  func(Data) (*Figure, error)
	px    [2]int // PNG width × height at DPI
	inSVG []string
	// inCaption must be in the caption (the SVG holds it broken into lines).
	inCaption []string
	golden    string
}{
	{"profile", func(d Data) (*Figure, error) { return Profile(d, analysis.ProfileOptions{}) },
		[2]int{1350, 1323},
		[]string{"Response strategies by responder", "share of the group&#39;s observed responses using it", "strategy",
			"RUS, n = 32", "PRK, n = 10", "identity_dispute", "formal_protest", "100%"},
		[]string{"Selection: all responses. Source: rejoinder dataset 1.0.0, codebook 1.2.0."},
		"profile.svg"},
	{"profile-4d-rus", func(d Data) (*Figure, error) {
		return Profile(d, analysis.ProfileOptions{Scheme: analysis.Scheme4D, Filter: analysis.Filter{Responders: []string{"RUS"}}})
	}, [2]int{1350, 507},
		[]string{"4D category", "RUS, n = 32", "dismiss", "dismay"},
		[]string{"Selection: responder RUS."},
		""},
	{"timeline", func(d Data) (*Figure, error) { return Timeline(d, analysis.Filter{}) },
		[2]int{1350, 897},
		[]string{"Response timeline: days from the accusation to each response", "days since the accusation answered",
			"rus-skripal-2018", "chn-pla61398-2014", "90"},
		[]string{"(38 shown)", "8 observed response(s) with no day-exact lag", "logarithmic", "Source: rejoinder dataset 1.0.0, codebook 1.2.0."},
		"timeline.svg"},
	{"similarity", func(d Data) (*Figure, error) { return Similarity(d, analysis.Jaccard, analysis.Filter{}) },
		[2]int{1302, 1332},
		// rus-navalny-2020 and prk-wannacry-2017 share 5 of their 6
		// strategies: the matrix's highest off-diagonal cell.
		[]string{"Case similarity: Jaccard index of the strategy sets", "0.83", "1.00", "rus-opcw-2018"},
		[]string{"clustering order", "Source: rejoinder dataset 1.0.0, codebook 1.2.0."},
		"similarity.svg"},
}

func TestFigures(t *testing.T) {
	d := embedded(t)
	for _, tc := range figureCases {
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
	if pq.Meta.Version != "1.0.0" || pq.CodebookVersion != ds.Codebook.Version || pq.Meta.Name != "rejoinder" {
		t.Errorf("metadata from Parquet = %+v, codebook %q", pq.Meta, pq.CodebookVersion)
	}
	for _, tc := range figureCases {
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
