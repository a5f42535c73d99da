// Package examples holds notebook-style programs, one per research
// question, each a `package main` in its own directory (run one with
// `go run ./examples/compare-seed-cases`). This test builds and runs every
// one and compares its output with testdata/NAME.golden, so the examples
// cannot drift from the code or the data; `go test ./examples -update`
// rewrites the golden files after a deliberate change.
package examples

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
)

var update = flag.Bool("update", false, "rewrite the golden outputs in testdata/")

// The examples, and a line each output must hold whatever the golden file
// says: a fact from the data, so that a wrong golden file cannot pass.
var examples = []struct {
	dir  string
	want []string
}{
	{"compare-seed-cases", []string{
		"first_response_lag_days  8 ",
		`"They are civilians, of course" [rus-skripal-2018-s43]`,
		`"is a non-existent entity" [prk-park-2018-s10]`,
	}},
	{"profile-responders", []string{
		// Counts come from the records (see respondedCounts), not from here.
		"The three most used strategies of each responder",
	}},
	{"lag-by-accuser", []string{"accuser,known,unknown,median,mean,min,max\n"}},
	{"cases-like-salisbury", []string{"nearest to rus-skripal-2018 by jaccard:", "nearest to rus-skripal-2018 by cosine:",
		"clustering order (average linkage on 1 - Jaccard):"}},
	{"code-a-statement", []string{
		// The human coding comes from the records; the model's first
		// code for the invented sentence ("the charges are absurd") is
		// evidence_rejection whatever cases are added.
		"coded:     denial, identity_dispute",
		"invented sentence:",
		"  suggested: evidence_rejection ",
	}},
	{"denial-2018", []string{"responder,strategy,both,denials\n"}},
	{"groupby-parquet", []string{"organ,responses,mean_strategies\n"}},
	{"add-a-record", []string{`unknown code "denail": did you mean "denial"?`, "after the refusal: "}},
	{"check-reliability", []string{
		// The counts come from the records (see seedCodings).
		"strategies:denial                   1.000  [1.000, 1.000]  1.000      100%",
	}},
}

// respondedCounts are the lines "RUS (n responses):" of profile-responders,
// n counted from the embedded records, so that adding a case moves them.
func respondedCounts() []string {
	n := map[string]int{}
	for _, r := range dataset.MustDefault().Responses {
		if r.Observed == "responded" {
			n[r.Responder]++
		}
	}
	var lines []string
	for who, k := range n {
		lines = append(lines, fmt.Sprintf("%s (%d responses):", who, k))
	}
	return lines
}

// lagLine is the start of lag-by-accuser's row for an accuser, worked out
// from the records with analysis.ResponseLag (the unknown lags skipped).
func lagLine(accuser string) string {
	ds := dataset.MustDefault()
	var lags []int
	unknown := 0
	for i := range ds.Responses {
		r := &ds.Responses[i]
		a := ds.Accusation(r.RespondsTo)
		if a == nil || a.Accuser != accuser {
			continue
		}
		if lag, ok := analysis.ResponseLag(ds, r); ok {
			lags = append(lags, lag)
		} else {
			unknown++
		}
	}
	slices.Sort(lags)
	n := len(lags)
	median := float64(lags[n/2])
	if n%2 == 0 {
		median = float64(lags[n/2-1]+lags[n/2]) / 2
	}
	return fmt.Sprintf("\n%s,%d,%d,%s,", accuser, n, unknown, strconv.FormatFloat(median, 'f', -1, 64))
}

// salisburyShares are the lines cases-like-salisbury may end its
// comparison with: for each case whose set of strategies is nearest (by
// Jaccard) to rus-skripal-2018's, "<case> shares: <codes in codebook
// order>", worked out from the records, not from the analysis package.
func salisburyShares() []string {
	ds := dataset.MustDefault()
	sets := map[string]map[string]bool{}
	for _, r := range ds.Responses {
		if r.Observed != "responded" {
			continue
		}
		if sets[r.CaseID] == nil {
			sets[r.CaseID] = map[string]bool{}
		}
		for _, st := range r.Strategies {
			sets[r.CaseID][st] = true
		}
	}
	skripal := sets["rus-skripal-2018"]
	best, lines := -1.0, []string(nil)
	for id, set := range sets {
		if id == "rus-skripal-2018" {
			continue
		}
		var shared []string
		union := len(skripal)
		for _, st := range ds.Codebook.Strategies() {
			if set[st.Code] && skripal[st.Code] {
				shared = append(shared, st.Code)
			} else if set[st.Code] {
				union++
			}
		}
		j := float64(len(shared)) / float64(union)
		line := fmt.Sprintf("%s shares: %s", id, strings.Join(shared, "; "))
		switch {
		case j > best:
			best, lines = j, []string{line}
		case j == best:
			lines = append(lines, line)
		}
	}
	return lines
}

// seedCodings is the first line of check-reliability: two coders code the
// organ and every strategy of each response of the two seed cases.
func seedCodings() string {
	ds := dataset.MustDefault()
	n := len(ds.ResponsesOf("prk-park-2018")) + len(ds.ResponsesOf("rus-skripal-2018"))
	return fmt.Sprintf("%d synthetic codings of %d responses by 2 coders", 2*n*(1+len(ds.Codebook.Strategies())), n)
}

func TestExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs every example")
	}
	dirs, _ := filepath.Glob("*/main.go")
	if len(dirs) != len(examples) {
		t.Errorf("%d example programs, %d in the test: add the new one to the table", len(dirs), len(examples))
	}
	bin := t.TempDir()
	for _, ex := range examples {
		t.Run(ex.dir, func(t *testing.T) {
			exe := filepath.Join(bin, ex.dir)
			if out, err := exec.Command("go", "build", "-o", exe, "./"+ex.dir).CombinedOutput(); err != nil {
				t.Fatalf("go build: %v\n%s", err, out)
			}
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(exe)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("%s: %v\n%s", ex.dir, err, stderr.String())
			}
			if stderr.Len() > 0 {
				t.Errorf("wrote to stderr: %s", stderr.String())
			}
			got := stdout.String()
			facts := ex.want
			switch ex.dir {
			case "profile-responders":
				facts = append(slices.Clone(facts), respondedCounts()...)
			case "check-reliability":
				facts = append(slices.Clone(facts), seedCodings())
			}
			for _, w := range facts {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q", w)
				}
			}
			if ex.dir == "lag-by-accuser" {
				for _, who := range []string{"USA", "GBR"} {
					if want := lagLine(who); !strings.Contains(got, want) {
						t.Errorf("output lacks %q", want)
					}
				}
			}
			if ex.dir == "cases-like-salisbury" {
				lines := salisburyShares()
				if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(got, l+"\n") }) {
					t.Errorf("output names none of the nearest cases to rus-skripal-2018 with what they share: %q", lines)
				}
			}
			golden := filepath.Join("testdata", ex.dir+".golden")
			if *update {
				if err := os.WriteFile(golden, stdout.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (go test ./examples -update rewrites it):\n%s", golden, got)
			}
		})
	}
}
