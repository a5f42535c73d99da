package suggest_test

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/suggest"
)

var update = flag.Bool("update", false, "rewrite EVALUATION.md")

// EVALUATION.md is what `rejoinder suggest --evaluate` writes for the
// embedded dataset, with the published coders compared: the report a
// reader gets is the one the tests saw.
func TestEvaluationDocIsCurrent(t *testing.T) {
	ds := dataset.MustDefault()
	ev, err := suggest.DefaultEvaluation()
	if err != nil {
		t.Fatal(err)
	}
	codings, err := coding.Published()
	if err != nil {
		t.Fatal(err)
	}
	ev.CompareCoders(codings)
	// A case added without published codings is scored but not compared.
	if ev.CoderUnits == 0 || ev.CoderUnits > ev.Units || ev.CodersMacroF1 <= 0 || ev.CodersMacroF1 > 1 {
		t.Errorf("coders compared on %d of %d scored responses, macro-F1 %.3f", ev.CoderUnits, ev.Units, ev.CodersMacroF1)
	}
	var buf bytes.Buffer
	if err := ev.WriteMarkdown(&buf, ds); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"two coders F1 |", "## Why not higher", "per doubling of the training cases"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("EVALUATION.md lacks %q", want)
		}
	}
	if *update {
		os.WriteFile("../EVALUATION.md", buf.Bytes(), 0o644)
	}
	committed, err := os.ReadFile("../EVALUATION.md")
	if err != nil || !bytes.Equal(committed, buf.Bytes()) {
		t.Errorf("EVALUATION.md is stale; run: rejoinder suggest --evaluate --out EVALUATION.md (%v)", err)
	}
}
