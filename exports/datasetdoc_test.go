package exports

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/addcase"
)

// DATASET.md is generated from the records; this test fails when the two
// disagree (`make docs` rewrites it).
func TestDatasetDocUpToDate(t *testing.T) {
	ds := dataset.MustDefault()
	codings, err := coding.Published()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteDatasetDoc(&buf, ds, codings); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("../DATASET.md", buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("../DATASET.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Fatal("DATASET.md is out of date with the records; run make docs")
	}
	for _, want := range datasetDocFacts(ds) {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("DATASET.md lacks %q", want)
		}
	}
}

// datasetDocFacts lists lines DATASET.md must hold, counted here from the
// records (not pinned), so that adding a case changes the expectation with
// the data: the totals row, each case's counts, its silence records and its
// unverified responses.
func datasetDocFacts(ds *dataset.Dataset) []string {
	quotes := 0
	for _, a := range ds.Accusations {
		quotes += len(a.Quotes)
	}
	for _, r := range ds.Responses {
		quotes += len(r.Quotes)
	}
	facts := []string{fmt.Sprintf("| **all** | | | %d | %d | %d | %d | |", len(ds.Accusations), len(ds.Responses), quotes, len(ds.Sources))}
	for _, c := range ds.Cases {
		var accusers, accused []string
		nAcc, nResp, nQuotes := 0, 0, 0
		for _, a := range ds.Accusations {
			if a.CaseID == c.CaseID {
				nAcc++
				nQuotes += len(a.Quotes)
				for _, who := range append([]string{a.Accuser}, a.CoAccusers...) {
					accusers = appendNew(accusers, who)
				}
				accused = appendNew(accused, a.AccusedState)
			}
		}
		var silent, unverified []string
		for _, r := range ds.Responses {
			if r.CaseID != c.CaseID {
				continue
			}
			nResp++
			nQuotes += len(r.Quotes)
			if r.Observed == "no_response_found" {
				silent = append(silent, r.ResponseID)
			}
			if !r.Verified {
				unverified = append(unverified, r.ResponseID)
			}
		}
		facts = append(facts, fmt.Sprintf("| `%s` | %s | %s | %d | %d | %d |", c.CaseID,
			strings.Join(accusers, ", "), strings.Join(accused, ", "), nAcc, nResp, nQuotes))
		if len(silent) > 0 {
			facts = append(facts, fmt.Sprintf("No response was found for %d accusation(s) (%s)", len(silent), strings.Join(silent, ", ")))
		}
		if len(unverified) > 0 {
			facts = append(facts, fmt.Sprintf("Marked unverified: %s.", strings.Join(unverified, ", ")))
		}
	}
	return facts
}

func appendNew(list []string, v string) []string {
	if slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}

// Adding a case changes DATASET.md with the data and breaks nothing: on a
// copy of the records with one case more, the generator still writes the
// totals and a row per case that datasetDocFacts works out, and the added
// case's row holds the counts of the case it copies.
func TestDatasetDocAddedCase(t *testing.T) {
	dir, err := addcase.Dir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ds, err := dataset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Cases) != len(dataset.MustDefault().Cases)+1 {
		t.Fatalf("%d cases in the copy, want one more than the %d embedded", len(ds.Cases), len(dataset.MustDefault().Cases))
	}
	codings, err := coding.Published() // the copy's new case is not coded yet
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteDatasetDoc(&buf, ds, codings); err != nil {
		t.Fatal(err)
	}
	for _, want := range datasetDocFacts(ds) {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("DATASET.md of the copy lacks %q", want)
		}
	}
	// The added case is not coded yet: its units are listed as such.
	if !strings.Contains(buf.String(), "Not yet coded by two coders") || !strings.Contains(buf.String(), "`"+addcase.ID+"-r1`") {
		t.Error("DATASET.md of the copy does not list the added case's uncoded units")
	}
	row := func(id string) string {
		for _, line := range strings.Split(buf.String(), "\n") {
			if strings.HasPrefix(line, "| `"+id+"` |") {
				return strings.TrimPrefix(line, "| `"+id+"` |")
			}
		}
		return "(no row)"
	}
	if a, b := row(addcase.Template), row(addcase.ID); a != b {
		t.Errorf("the added case's row %q differs from its template's %q", b, a)
	}
}
