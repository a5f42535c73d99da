package examples

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/interoptest"
)

// peerAnswers are DuckDB's answers to the notebook user's questions, read
// straight from the Parquet files of the embedded dataset
// (interop/duckdb_questions.mjs).
type peerAnswers struct {
	Seed []struct {
		CaseID         string `json:"case_id"`
		Responses      int    `json:"responses"`
		AccusationDate string `json:"accusation_date"`
		FirstLag       int    `json:"first_response_lag_days"`
	} `json:"seed"`
	Denial []struct {
		Responder, Strategy string
		Both, Denials       int
	} `json:"denial"`
	ByOrgan []struct {
		Organ          string  `json:"organ"`
		Responses      int     `json:"responses"`
		MeanStrategies float64 `json:"mean_strategies"`
	} `json:"byOrgan"`
	Responses []struct {
		CaseID    string `json:"case_id"`
		Responses int    `json:"responses"`
	} `json:"responses"`
	Cases int `json:"cases"`
}

// The examples that answer the notebook user's questions (a) seed cases
// side by side, (b) what comes with denial in 2018 by responder, (c) a
// group-by of one's own on the Parquet files and (e) adding a record give
// the answers DuckDB gives on the same data. Their outputs are read from
// the golden files, which TestExamples keeps equal to what the programs
// print. Question (d), the median lag by accuser, is checked against
// DuckDB in package analysis (TestKnownStatsMatchesDuckDB).
func TestExamplesAgreeWithDuckDB(t *testing.T) {
	dir := t.TempDir()
	ds := dataset.MustDefault()
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	var peer peerAnswers
	interoptest.RunJSON(t, "duckdb_questions.mjs", "@duckdb/node-api", &peer, dir)

	t.Run("a/compare-seed-cases", func(t *testing.T) {
		rows := tableRows(t, golden(t, "compare-seed-cases"))
		if len(peer.Seed) != 2 {
			t.Fatalf("DuckDB gave %d seed cases", len(peer.Seed))
		}
		// Columns: prk-park-2018, rus-skripal-2018 (DuckDB sorts them so too).
		for i, s := range peer.Seed {
			for attr, want := range map[string]string{
				"responses":               strconv.Itoa(s.Responses),
				"accusation_date":         s.AccusationDate,
				"first_response_lag_days": strconv.Itoa(s.FirstLag),
			} {
				if got := rows[attr]; len(got) != 2 || got[i] != want {
					t.Errorf("%s of %s: example %v, DuckDB %s", attr, s.CaseID, got, want)
				}
			}
		}
	})

	t.Run("b/denial-2018", func(t *testing.T) {
		recs := csvRecords(t, golden(t, "denial-2018"), "responder,strategy,both,denials")
		want := map[string]bool{}
		for _, d := range peer.Denial {
			want[fmt.Sprintf("%s,%s,%d,%d", d.Responder, d.Strategy, d.Both, d.Denials)] = true
		}
		got := map[string]bool{}
		for _, r := range recs {
			got[strings.Join(r, ",")] = true
		}
		if len(want) == 0 || !sameSet(got, want) {
			t.Errorf("example %v\nDuckDB  %v", got, want)
		}
	})

	t.Run("c/groupby-parquet", func(t *testing.T) {
		recs := csvRecords(t, golden(t, "groupby-parquet"), "organ,responses,mean_strategies")
		if len(recs) != len(peer.ByOrgan) || len(recs) == 0 {
			t.Fatalf("example %d organs, DuckDB %d", len(recs), len(peer.ByOrgan))
		}
		for i, p := range peer.ByOrgan {
			mean, err := strconv.ParseFloat(recs[i][2], 64)
			if recs[i][0] != p.Organ || recs[i][1] != strconv.Itoa(p.Responses) || err != nil || math.Abs(mean-p.MeanStrategies) > 1e-9 {
				t.Errorf("row %d: example %v, DuckDB %+v", i, recs[i], p)
			}
		}
	})

	t.Run("e/add-a-record", func(t *testing.T) {
		out := golden(t, "add-a-record")
		var park int
		for _, r := range peer.Responses {
			if r.CaseID == "prk-park-2018" {
				park = r.Responses
			}
		}
		lag := -1
		for _, s := range peer.Seed {
			if s.CaseID == "prk-park-2018" {
				lag = s.FirstLag
			}
		}
		want := fmt.Sprintf("added prk-park-2018: %d cases; %d observed responses, first after %d days", peer.Cases, park, lag)
		if park == 0 || !strings.Contains(out, want) || !strings.Contains(out, `unknown code "denail"`) {
			t.Errorf("example output lacks %q or the refusal:\n%s", want, out)
		}
	})
}

func golden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".golden"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// tableRows reads a table printed by exports.FormatTable: attribute, then
// one cell per column, separated by two spaces or more.
func tableRows(t *testing.T, out string) map[string][]string {
	t.Helper()
	sep := regexp.MustCompile(`\s{2,}`)
	rows := map[string][]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := sep.Split(strings.TrimSpace(line), -1); len(f) > 1 {
			rows[f[0]] = f[1:]
		}
	}
	return rows
}

func csvRecords(t *testing.T, out, header string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) == 0 || strings.Join(recs[0], ",") != header {
		t.Fatalf("not the CSV expected (header %s): %v\n%s", header, err, out)
	}
	return recs[1:]
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}
