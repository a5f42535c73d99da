package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/addcase"
	"github.com/rejoinder/rejoinder/plot"
)

// TestAddCaseKeepsGenerators adds a case to a copy of the records and runs
// the commands that `make docs` and `make run` rely on against it, with
// what each must print worked out from that copy: validate and build count
// the copy's records, the Parquet build reads back the same, the figures
// grow with the added case, and the added case compares equal to the one
// it copies. A command or test that pinned the dataset's totals fails here
// (issue 17: adding three cases broke twenty tests and make docs).
func TestAddCaseKeepsGenerators(t *testing.T) {
	work := t.TempDir()
	dir, err := addcase.Dir(work)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := dataset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	counts := fmt.Sprintf("valid: %d cases, %d accusations, %d responses, %d quotes, %d sources",
		len(ds.Cases), len(ds.Accusations), len(ds.Responses), len(ds.Quotes()), len(ds.Sources))
	if embedded := embeddedCounts(); counts == embedded {
		t.Fatalf("the copy counts as the embedded dataset: %s", counts)
	}
	if code, out, errs := runCLI(t, "validate", "--data", dir); code != 0 || !strings.Contains(out, counts) {
		t.Errorf("validate --data copy: exit %d, %q%s, want %q", code, out, errs, counts)
	}
	pq := filepath.Join(work, "out")
	if code, _, errs := runCLI(t, "build", "--data", dir, "--out", pq); code != 0 {
		t.Fatalf("build --data copy: exit %d: %s", code, errs)
	}
	if code, out, errs := runCLI(t, "validate", "--data", pq); code != 0 || !strings.Contains(out, counts) {
		t.Errorf("validate the built copy: exit %d, %q%s, want %q", code, out, errs, counts)
	}

	// The figures: each is the size the plot package gives the copy, and
	// taller than the embedded dataset's by the added case's row.
	d, err := plot.Load(dir, analysis.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	base, err := plot.Load("", analysis.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"timeline", "similarity"} {
		draw := func(d plot.Data) (*plot.Figure, error) {
			if kind == "timeline" {
				return plot.Timeline(d, analysis.Filter{})
			}
			return plot.Similarity(d, analysis.Jaccard, analysis.Filter{})
		}
		fig, err := draw(d)
		if err != nil {
			t.Fatal(err)
		}
		before, err := draw(base)
		if err != nil {
			t.Fatal(err)
		}
		w, h := fig.Pixels()
		if _, h0 := before.Pixels(); h <= h0 {
			t.Errorf("plot %s: %d px high with one case more, %d before", kind, h, h0)
		}
		out := filepath.Join(work, kind+".png")
		if code, _, errs := runCLI(t, "plot", kind, "--data", pq, "--out", out); code != 0 {
			t.Fatalf("plot %s --data copy: exit %d: %s", kind, code, errs)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil || img.Width != w || img.Height != h {
			t.Errorf("plot %s --data copy: %d × %d (%v), want %d × %d", kind, img.Width, img.Height, err, w, h)
		}
	}

	// The added case is a renamed copy: compare shows the same attributes.
	code, out, errs := runCLI(t, "compare", addcase.Template, addcase.ID, "--data", dir, "--format", "csv")
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 5 {
		t.Fatalf("compare: %d rows (%v):\n%s", len(rows), err, out)
	}
	for _, row := range rows[1:] {
		if len(row) != 3 || row[0] != "case_id" && row[1] != strings.ReplaceAll(row[2], addcase.ID, addcase.Template) {
			t.Errorf("compare: %q differs", row)
		}
	}
}
