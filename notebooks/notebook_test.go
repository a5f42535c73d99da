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

	"github.com/rejoinder/rejoinder/internal/interoptest"
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
				if cfg.Width != 1350 || cfg.Height != 657 {
					t.Errorf("cell %d: figure is %d × %d px, want 1350 × 657", i, cfg.Width, cfg.Height)
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
	for _, want := range []string{
		"rejoinder 1.0.0 (codebook 1.2.0): 10 cases, 21 accusations, 48 responses",
		"first_response_lag_days  8 | 0",
		"RUS,dismiss,29,32,0.90625",
		"rus-navalny-2020  0.5455   0.8593",
		"Response strategies by responder: 1350 × 657 px",
		`suggested identity_dispute, from ["civilians"]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("notebook output lacks %q", want)
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
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("notebook output differs from %s (go test ./notebooks -update rewrites it):\n%s", golden, got)
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
