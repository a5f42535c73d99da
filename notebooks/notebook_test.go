// Package notebooks holds Jupyter notebooks that run Go with the GoNB
// kernel against the local rejoinder module. This test executes each one
// headless (jupyter nbconvert --execute) and checks its outputs against
// testdata/NAME.golden; `go test ./notebooks -update` rewrites the golden
// file after a deliberate change.
//
// It needs Debian's jupyter-nbconvert, jupyter-notebook and
// python3-ipykernel, and gonb, goimports and gopls (`make tools` builds them
// into bin/). Locally a missing one skips the test; with
// REJOINDER_REQUIRE_INTEROP=1, as .ci/run sets it, it fails.
package notebooks

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/internal/interoptest"
	"github.com/rejoinder/rejoinder/plot"
	"github.com/rejoinder/rejoinder/suggest"
)

var update = flag.Bool("update", false, "rewrite the golden outputs in testdata/")

// missing skips the test, or fails it when the checks are required; a
// skip is recorded for the summary `make test` prints.
func missing(t *testing.T, what string) {
	t.Helper()
	msg := what + " not found; install Debian's jupyter-nbconvert jupyter-notebook python3-ipykernel and run make tools"
	if os.Getenv("REJOINDER_REQUIRE_INTEROP") == "1" {
		t.Fatal(msg)
	}
	install := "apt-get install jupyter-nbconvert jupyter-notebook python3-ipykernel"
	if what == "gonb" || what == "goimports" || what == "gopls" {
		install = "make tools" // built into bin/ from tools/go.mod
	}
	interoptest.RecordSkip(t, what, install)
	t.Skip(msg)
}

// tool finds a program in the repository's bin/ or on PATH.
func tool(t *testing.T, name string) string {
	t.Helper()
	if p, err := filepath.Abs(filepath.Join("..", "bin", name)); err == nil {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name)
	}
	return p
}

type notebook struct {
	Cells []struct {
		CellType string `json:"cell_type"`
		Source   []string
		Outputs  []struct {
			OutputType string         `json:"output_type"`
			Name       string         `json:"name"`
			Text       any            `json:"text"` // a string or a list of lines
			Data       map[string]any `json:"data"`
			Ename      string         `json:"ename"`
			Evalue     string         `json:"evalue"`
		} `json:"outputs"`
	} `json:"cells"`
}

// joined returns a notebook field that is a string or a list of strings.
func joined(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		var b strings.Builder
		for _, s := range v {
			fmt.Fprint(&b, s)
		}
		return b.String()
	}
	return ""
}

func TestNotebook(t *testing.T) {
	if testing.Short() {
		t.Skip("executes a notebook (about a minute)")
	}
	jupyter := tool(t, "jupyter")
	if err := exec.Command(jupyter, "nbconvert", "--version").Run(); err != nil {
		missing(t, "jupyter nbconvert")
	}
	gonb := tool(t, "gonb")
	bin := filepath.Dir(gonb)
	for _, name := range []string{"goimports", "gopls"} {
		if p := tool(t, name); filepath.Dir(p) != bin {
			bin += string(os.PathListSeparator) + filepath.Dir(p)
		}
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	// The kernel is installed in a scratch Jupyter data directory, so the
	// test neither needs nor changes the user's own.
	data, out := t.TempDir(), t.TempDir()
	env := append(os.Environ(),
		"JUPYTER_DATA_DIR="+data,
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"REJOINDER_ROOT="+root)
	install := exec.Command(gonb, "--install", "--raw_error")
	install.Env = env
	if b, err := install.CombinedOutput(); err != nil {
		t.Fatalf("gonb --install: %v\n%s", err, b)
	}
	run := exec.Command(jupyter, "nbconvert", "--to", "notebook", "--execute",
		"--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=gonb",
		"--output-dir", out, "rejoinder.ipynb")
	run.Env = env
	if b, err := run.CombinedOutput(); err != nil {
		t.Fatalf("jupyter nbconvert --execute: %v\n%s", err, tail(string(b), 3000))
	}
	raw, err := os.ReadFile(filepath.Join(out, "rejoinder.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	var nb notebook
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatal(err)
	}

	// The transcript: each code cell's standard output, after the set-up
	// cell (whose `go get` messages depend on the module cache).
	want := expectedOutput(t)
	var transcript strings.Builder
	images := 0
	codeCells := 0
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		codeCells++
		var stdout strings.Builder
		for _, o := range c.Outputs {
			switch {
			case o.OutputType == "error":
				t.Errorf("cell %d: %s: %s", i, o.Ename, o.Evalue)
			case o.OutputType == "stream" && o.Name == "stdout":
				stdout.WriteString(joined(o.Text))
			case o.OutputType == "stream" && codeCells > 1:
				t.Errorf("cell %d wrote to %s: %s", i, o.Name, joined(o.Text))
			case o.OutputType == "display_data" && o.Data["image/png"] != nil:
				images++
				img, err := base64.StdEncoding.DecodeString(strings.TrimSpace(joined(o.Data["image/png"])))
				if err != nil {
					t.Fatalf("cell %d: image is not base64: %v", i, err)
				}
				cfg, err := png.DecodeConfig(bytes.NewReader(img))
				if err != nil {
					t.Fatalf("cell %d: PNG does not decode: %v", i, err)
				}
				if cfg.Width != want.px[0] || cfg.Height != want.px[1] {
					t.Errorf("cell %d: figure is %d × %d px, want %d × %d", i, cfg.Width, cfg.Height, want.px[0], want.px[1])
				}
			}
		}
		if codeCells == 1 {
			if !strings.Contains(stdout.String(), `Added replace rule for module "github.com/rejoinder/rejoinder"`) {
				t.Errorf("set-up cell did not point the notebook at the local module: %q", stdout.String())
			}
			continue
		}
		fmt.Fprintf(&transcript, "--- cell %d\n%s", i, stdout.String())
	}
	if images != 1 {
		t.Errorf("%d images shown, want 1", images)
	}
	got := transcript.String()
	for _, line := range want.lines {
		if !strings.Contains(got, line) {
			t.Errorf("notebook output lacks %q", line)
		}
	}
	golden := filepath.Join("testdata", "rejoinder.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	committed, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(committed) {
		t.Errorf("notebook output differs from %s (go test ./notebooks -update rewrites it):\n%s", golden, got)
	}
}

// notebookOutput is what the notebook must print, worked out here with the
// same library calls from the embedded records (never pinned), so that
// adding a case changes the expectation with the data.
type notebookOutput struct {
	lines []string // each in the transcript
	px    [2]int   // the figure's size
}

func expectedOutput(t *testing.T) notebookOutput {
	t.Helper()
	ds := dataset.MustDefault()
	var out notebookOutput
	out.lines = append(out.lines, fmt.Sprintf("%s %s (codebook %s): %d cases, %d accusations, %d responses",
		ds.Meta.Name, ds.Meta.Version, ds.Codebook.Version, len(ds.Cases), len(ds.Accusations), len(ds.Responses)))
	prof, err := analysis.Profile(ds, analysis.ProfileOptions{By: analysis.ByResponder, Scheme: analysis.Scheme4D})
	if err != nil {
		t.Fatal(err)
	}
	near, err := analysis.Nearest(ds, "rus-skripal-2018", analysis.Jaccard, 3, analysis.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var csv, table bytes.Buffer
	if err := exports.WriteFrame(&csv, prof, exports.FormatCSV); err != nil {
		t.Fatal(err)
	}
	if err := exports.WriteFrame(&table, near.Select([]string{"case_id", "jaccard", "cosine"}), exports.FormatTable); err != nil {
		t.Fatal(err)
	}
	fig, err := plot.Profile(plot.FromDataset(ds), analysis.ProfileOptions{Scheme: analysis.Scheme4D})
	if err != nil {
		t.Fatal(err)
	}
	out.px[0], out.px[1] = fig.Pixels()
	out.lines = append(out.lines, csv.String(), table.String(),
		fmt.Sprintf("Response strategies by responder: %d × %d px", out.px[0], out.px[1]))
	// Putin's statement of 2018-09-12, coded by the model fitted without
	// its case, as the notebook does it.
	model, err := suggest.FitDatasetWithout(ds, "rus-skripal-2018")
	if err != nil {
		t.Fatal(err)
	}
	r := ds.Response("rus-skripal-2018-r15")
	s := model.SuggestQuotes(r.ResponseID, suggest.Quotes(r))
	var suggested strings.Builder
	for _, code := range s.Codes {
		fmt.Fprintf(&suggested, "suggested %s (probability %.2f), from %q\n", code, s.Probabilities[code], s.Evidence[code])
	}
	fmt.Fprintln(&suggested, "low confidence:", s.LowConfidence)
	fmt.Fprintln(&suggested, "coded:", r.Strategies)
	out.lines = append(out.lines, suggested.String())
	return out
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
