package rejoinder_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the README's compare sample from the records (make docs)")

// The README's samples are real: the compare output is what the command
// prints today, and the YAML record is a verbatim excerpt of its file.
func TestREADMESamples(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	start := strings.Index(text, "<!-- compare-sample:start -->\n```\n")
	end := strings.Index(text, "```\n<!-- compare-sample:end -->")
	if start < 0 || end < start {
		t.Fatal("README has no compare sample block")
	}
	sample := text[start+len("<!-- compare-sample:start -->\n```\n") : end]
	out, err := exec.Command("go", "run", "./cmd/rejoinder", "compare", "prk-park-2018", "rus-skripal-2018").Output()
	if err != nil {
		t.Fatal(err)
	}
	if *update && sample != string(out) {
		// The sample follows the records: make docs rewrites it, so that a
		// change to the seed cases' records never leaves it stale.
		text = text[:start+len("<!-- compare-sample:start -->\n```\n")] + string(out) + text[end:]
		if err := os.WriteFile("README.md", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		sample = string(out)
	}
	if sample != string(out) {
		t.Errorf("README compare sample is stale; run make docs, or replace it with:\n%s", out)
	}
	ys := strings.Index(text, "```yaml\n")
	ye := strings.Index(text[ys+8:], "```")
	record, _ := os.ReadFile("dataset/records/rus-skripal-2018.yaml")
	if ys < 0 || !bytes.Contains(record, []byte(text[ys+8:ys+8+ye])) {
		t.Error("README's YAML excerpt is not in dataset/records/rus-skripal-2018.yaml")
	}
}

// CITATION.cff cites the version the records carry.
func TestCitationVersion(t *testing.T) {
	cff, err := os.ReadFile("CITATION.cff")
	if err != nil {
		t.Fatal(err)
	}
	meta, _ := os.ReadFile("dataset/records/dataset.yaml")
	var version string
	for _, line := range strings.Split(string(meta), "\n") {
		if v, ok := strings.CutPrefix(line, "version: "); ok {
			version = v
		}
	}
	if version == "" || !strings.Contains(string(cff), "\nversion: "+version+"\n") {
		t.Errorf("CITATION.cff does not cite dataset version %q", version)
	}
}
