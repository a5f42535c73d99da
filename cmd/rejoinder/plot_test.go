package main

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/plot"
	"github.com/rejoinder/rejoinder/schema"
)

func TestPlotCommand(t *testing.T) {
	dir := t.TempDir()
	// The embedded dataset as Parquet, for --data.
	pq := filepath.Join(dir, "out")
	if code, _, errs := runCLI(t, "build", "--out", pq); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	// Each figure's expected size is the size the plot package gives the
	// same figure of the embedded records (plot's own tests tie that size to
	// the number of cases, groups and categories), so that adding a case
	// changes the expectation with the data; the Parquet copy must agree.
	d, err := plot.Load("", analysis.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	ds := dataset.MustDefault()
	from, _ := schema.ParseDate("2018")
	to, _ := schema.ParseDate("2018-12-31")
	for _, tc := range []struct {
		args []string
		draw func(plot.Data) (*plot.Figure, error) // the same figure through the library
		svg  string                                // a string the SVG holds
	}{
		{[]string{"profile"}, func(d plot.Data) (*plot.Figure, error) { return plot.Profile(d, analysis.ProfileOptions{}) },
			fmt.Sprintf("RUS, n = %d", countResponded(ds, func(r *schema.Response) bool { return r.Responder == "RUS" }))},
		{[]string{"profile", "--scheme", "4d", "--by", "case", "--responder", "PRK"}, func(d plot.Data) (*plot.Figure, error) {
			return plot.Profile(d, analysis.ProfileOptions{Scheme: analysis.Scheme4D, By: analysis.ByCase, Filter: analysis.Filter{Responders: []string{"PRK"}}})
		}, fmt.Sprintf("prk-park-2018, n = %d", countResponded(ds, func(r *schema.Response) bool { return r.CaseID == "prk-park-2018" && r.Responder == "PRK" }))},
		{[]string{"timeline"}, func(d plot.Data) (*plot.Figure, error) { return plot.Timeline(d, analysis.Filter{}) }, "Response timeline"},
		{[]string{"timeline", "--data", pq, "--from", "2018", "--to", "2018-12-31"}, func(d plot.Data) (*plot.Figure, error) {
			return plot.Timeline(d, analysis.Filter{From: from, To: to})
		}, "rus-opcw-2018"},
		{[]string{"similarity"}, func(d plot.Data) (*plot.Figure, error) {
			return plot.Similarity(d, analysis.Jaccard, analysis.Filter{})
		},
			"Jaccard index of the strategy sets"},
		{[]string{"similarity", "--metric", "cosine", "--data", pq}, func(d plot.Data) (*plot.Figure, error) {
			return plot.Similarity(d, analysis.Cosine, analysis.Filter{})
		}, "cosine of the strategy profiles"},
	} {
		fig, err := tc.draw(d)
		if err != nil {
			t.Fatalf("%v: %v", tc.args, err)
		}
		var px [2]int
		px[0], px[1] = fig.Pixels()
		name := strings.Join(tc.args, " ")
		base := filepath.Join(dir, strings.ReplaceAll(strings.ReplaceAll(name, " ", "_"), "/", "_"))
		for _, ext := range []string{".png", ".svg"} {
			out := base + ext
			code, stdout, errs := runCLI(t, append([]string{"plot"}, append(tc.args, "--out", out)...)...)
			if code != 0 {
				t.Fatalf("plot %s: exit %d: %s", name, code, errs)
			}
			if stdout != "" || !strings.Contains(errs, "wrote "+out) {
				t.Errorf("plot %s: stdout %q, stderr %q", name, stdout, errs)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if ext == ".png" {
				img, err := png.Decode(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("plot %s: PNG does not decode: %v", name, err)
				}
				if s := img.Bounds().Size(); s.X != px[0] || s.Y != px[1] {
					t.Errorf("plot %s: PNG %d × %d, want %v", name, s.X, s.Y, px)
				}
				continue
			}
			if !strings.Contains(string(data), tc.svg) {
				t.Errorf("plot %s: SVG lacks %q", name, tc.svg)
			}
			// Run again: the same bytes.
			if code, _, _ := runCLI(t, append([]string{"plot"}, append(tc.args, "--out", out+"2.svg")...)...); code != 0 {
				t.Fatal("second run failed")
			}
			if again, _ := os.ReadFile(out + "2.svg"); !bytes.Equal(again, data) {
				t.Errorf("plot %s: two runs give different SVG", name)
			}
		}
	}
}

func TestPlotCommandErrors(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "keep.png")
	if err := os.WriteFile(existing, []byte("previous figure"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"plot"}, exitUsage, "accepts 1 arg"},
		{[]string{"plot", "pie", "--out", "x.png"}, exitUsage, `unknown figure "pie" (allowed: profile, timeline, similarity, coverage)`},
		{[]string{"plot", "profile"}, exitUsage, "--out FILE.png or FILE.svg is required"},
		{[]string{"plot", "profile", "--out", "fig.pdf"}, exitUsage, `unknown figure format ".pdf" for fig.pdf (allowed: .png, .svg)`},
		{[]string{"plot", "profile", "--scheme", "x", "--out", "a.png"}, exitUsage, `unknown --scheme "x"`},
		{[]string{"plot", "similarity", "--metric", "euclid", "--out", "a.png"}, exitUsage, `unknown --metric "euclid"`},
		{[]string{"plot", "timeline", "--responder", "XXX", "--out", "a.png"}, exitUsage, `"XXX" is not an ISO 3166-1 alpha-3`},
		{[]string{"plot", "timeline", "--from", "2018-13", "--out", "a.png"}, exitUsage, "--from"},
		// Valid, but nothing to draw: the old file stays as it was.
		{[]string{"plot", "timeline", "--case", "prk-rgb-2021", "--out", existing}, exitInvalid, "no responses match the selection"},
		{[]string{"plot", "similarity", "--case", "prk-park-2018", "--out", existing}, exitInvalid, "at least two cases"},
		{[]string{"plot", "profile", "--data", filepath.Join(dir, "missing"), "--out", existing}, exitInvalid, "missing"},
	} {
		code, _, errs := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d with %q", tc.args, code, errs, tc.code, tc.msg)
		}
		if strings.Contains(errs, "panic") || strings.Contains(errs, "goroutine") {
			t.Errorf("%v: %s", tc.args, errs)
		}
	}
	if data, _ := os.ReadFile(existing); string(data) != "previous figure" {
		t.Error("a failed plot touched the existing file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("failed plots left files: %d entries", len(entries))
	}
}

// countResponded counts the observed responses of the records that match.
func countResponded(ds *dataset.Dataset, match func(*schema.Response) bool) int {
	n := 0
	for i := range ds.Responses {
		if r := &ds.Responses[i]; r.Observed == "responded" && match(r) {
			n++
		}
	}
	return n
}
