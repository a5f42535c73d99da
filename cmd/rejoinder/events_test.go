package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixture is a hand-built GDELT 2.0 file of the events package.
var fixture = filepath.Join("..", "..", "events", "testdata", "v2.tsv")

func TestEventsIngestAndPairs(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCLI(t, "events", "ingest", fixture, "--out", dir, "--format", "csv")
	if code != exitOK {
		t.Fatalf("ingest exit %d: %s", code, errs)
	}
	if want := "file,lines,kept,malformed,duplicates\n" + fixture + ",18,10,4,0\n"; out != want {
		t.Errorf("ingest stdout %q, want %q", out, want)
	}
	for _, s := range []string{"v2.tsv:13: column 2 (SQLDATE) \"20180230\"", "4 malformed line(s) skipped", "kept 10 new events in 2 year partition(s)",
		"events dropped as a country code names no state (code, events): EUR 1"} {
		if !strings.Contains(errs, s) {
			t.Errorf("ingest stderr lacks %q:\n%s", s, errs)
		}
	}
	code, out, errs = runCLI(t, "events", "pairs", "--data", dir, "--window", "30d", "--format", "json")
	if code != exitOK {
		t.Fatalf("pairs exit %d: %s", code, errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(rows) != 8 {
		t.Fatalf("%d pair rows, want 8:\n%s", len(rows), out)
	}
	// 1001 (GBR→RUS, 2018-03-04) answered by 1005 (RUS→GBR 130) 30 days later: inside the window.
	r := rows[3]
	if r["accusation_id"] != 1001.0 || r["response_id"] != 1005.0 || r["lag_days"] != 30.0 || r["response_type"] != "threat_warning" ||
		r["responder"] != "RUS" || r["response_target"] != "GBR" || r["response_date"] != "2018-04-03" {
		t.Errorf("row 3: %v", r)
	}
	if last := rows[7]; last["accusation_id"] != 1004.0 || last["response_id"] != nil {
		t.Errorf("unanswered row: %v", last)
	}
	code, out, _ = runCLI(t, "events", "pairs", "--data", dir, "--by", "year", "--format", "csv")
	if code != exitOK || !strings.HasPrefix(out, "year,accusations,answered,answered_share,responses,median_first_lag_days,denial,") ||
		!strings.Contains(out, "\n2018,3,2,0.6666666666666666,6,0.5,1,0,2,2,1\n") {
		t.Errorf("by year: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "events", "pairs", "--data", dir, "--by", "case", "--format", "csv")
	if code != exitOK || !strings.Contains(out, "rus-skripal-2018-a1,rus-skripal-2018,GBR,RUS,2018-03-12,2018-03-09 to 2018-03-15,") {
		t.Errorf("by case: exit %d\n%s", code, out)
	}
}

func TestEventsSQLAndImport(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCLI(t, "events", "ingest", fixture, "--out", dir); code != exitOK {
		t.Fatal(errs)
	}
	code, out, _ := runCLI(t, "events", "sql", "--dialect", "bigquery", "--window", "14d")
	if code != exitOK || !strings.Contains(out, "FROM `gdelt-bq.gdeltv2.events`") || !strings.Contains(out, "INTERVAL 14 DAY") {
		t.Errorf("bigquery sql: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, "events", "sql", "--dialect", "duckdb", "--data", dir)
	if code != exitOK || !strings.Contains(out, "read_parquet(") || !strings.Contains(out, "a.date + 30") {
		t.Errorf("duckdb sql: exit %d\n%s", code, out)
	}
	// Pairs as an engine would return them, imported into another dataset.
	_, csv, _ := runCLI(t, "events", "pairs", "--data", dir, "--format", "csv")
	path := filepath.Join(t.TempDir(), "pairs.csv")
	os.WriteFile(path, []byte(csv), 0o644)
	imp := t.TempDir()
	code, out, errs := runCLI(t, "events", "import", path, "--out", imp, "--window", "30d", "--format", "csv")
	if code != exitOK || !strings.HasSuffix(out, ",8,30\n") {
		t.Fatalf("import: exit %d %s %s", code, out, errs)
	}
	_, a, _ := runCLI(t, "events", "pairs", "--data", dir, "--by", "dyad")
	_, b, _ := runCLI(t, "events", "pairs", "--data", imp, "--by", "dyad")
	if a != b {
		t.Errorf("summaries of imported pairs differ:\n%s\n%s", a, b)
	}
	if code, _, errs := runCLI(t, "events", "pairs", "--data", imp, "--window", "31d"); code != exitUsage || !strings.Contains(errs, "wider") {
		t.Errorf("wider window on imported pairs: exit %d %s", code, errs)
	}
	// A bad row: exit 1 with file:line:column.
	os.WriteFile(path, []byte(strings.Replace(csv, "2018-03-13,RUS,GBR,112", "2018-03-13,USA,GBR,112", 1)), 0o644)
	code, _, errs = runCLI(t, "events", "import", path, "--out", t.TempDir())
	if code != exitInvalid || !strings.Contains(errs, path+":4:8: responder: invalid value \"USA\"") {
		t.Errorf("bad import: exit %d\n%s", code, errs)
	}
}

func TestEventsUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"events", "pairs", "--data", dir},                      // nothing ingested
		{"events", "pairs", "--data", dir, "--window", "soon"},  // bad window
		{"events", "pairs", "--data", dir, "--by", "month"},     // bad grouping
		{"events", "sql", "--dialect", "postgres"},              // bad dialect
		{"events", "sql", "--dialect", "duckdb"},                // nothing to read
		{"events", "ingest", fixture},                           // no --out
		{"events", "gen", "--out", dir, "--gdelt-version", "3"}, // bad version
		{"events", "pairs", "--data", dir, "--format", "xml"},   // bad format
	} {
		if code, _, errs := runCLI(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d: %s", args, code, exitUsage, errs)
		}
	}
}

func TestEventsGen(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCLI(t, "events", "gen", "--events", "1000", "--files", "2", "--zip", "--malformed", "0.01", "--out", dir, "--format", "csv")
	if code != exitOK || strings.Count(out, ".zip,") != 2 {
		t.Fatalf("gen: exit %d %s %s", code, out, errs)
	}
	zips, _ := filepath.Glob(filepath.Join(dir, "*.zip"))
	code, out, _ = runCLI(t, append(append([]string{"events", "ingest"}, zips...), "--out", filepath.Join(dir, "ds"), "--format", "csv")...)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(lines) != 3 || !strings.Contains(lines[1], "!synthetic-00001.export.CSV,500,") {
		t.Errorf("ingest of generated zips: exit %d\n%s", code, out)
	}
}

// Ingesting again adds nothing twice (duplicates counted on stdout and
// stderr); a file that is not GDELT's fails with exit 1 and leaves the
// table; off a terminal, progress is lines per second.
func TestEventsIngestAgainAndRefuse(t *testing.T) {
	defer func(d time.Duration) { progressInterval = d }(progressInterval)
	progressInterval = 0
	dir := t.TempDir()
	if code, _, errs := runCLI(t, "events", "ingest", fixture, "--out", dir); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs := runCLI(t, "events", "ingest", fixture, "--out", dir, "--format", "csv")
	if want := fixture + ",18,0,4,10\n"; code != exitOK || !strings.HasSuffix(out, want) {
		t.Errorf("again: exit %d, stdout %q, want it to end %q", code, out, want)
	}
	for _, s := range []string{"10 duplicate event(s) skipped", "kept the 10 event(s) already in the table", "lines/s"} {
		if !strings.Contains(errs, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errs)
		}
	}
	_, before, _ := runCLI(t, "events", "pairs", "--data", dir, "--format", "csv")
	noise := filepath.Join(t.TempDir(), "noise.CSV")
	os.WriteFile(noise, []byte("not\tGDELT\n\x00\x01\x02\n"), 0o644)
	code, _, errs = runCLI(t, "events", "ingest", noise, "--out", dir, "--replace")
	if code != exitInvalid || !strings.Contains(errs, noise+": no well-formed GDELT event line") {
		t.Errorf("noise: exit %d\n%s", code, errs)
	}
	if _, after, _ := runCLI(t, "events", "pairs", "--data", dir, "--format", "csv"); after != before || strings.Count(after, "\n") < 5 {
		t.Errorf("the table changed:\n%s\nwas\n%s", after, before)
	}
	code, _, errs = runCLI(t, "events", "ingest", fixture, "--out", t.TempDir(), "--max-lines", "3")
	if code != exitInvalid || !strings.Contains(errs, "more than 3 lines (--max-lines)") {
		t.Errorf("--max-lines: exit %d\n%s", code, errs)
	}
}

// A pairs listing larger than the bound is announced on stderr, with its
// size counted before listing; the summaries are not.
func TestEventsPairsWarnsBeforeLargeListing(t *testing.T) {
	defer func(n int64) { pairRowsWarning = n }(pairRowsWarning)
	pairRowsWarning = 5
	dir := t.TempDir()
	if code, _, errs := runCLI(t, "events", "ingest", fixture, "--out", dir); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs := runCLI(t, "events", "pairs", "--data", dir, "--format", "csv")
	if code != exitOK || !strings.Contains(errs, "warning: the pairs table has 8 rows") || strings.Count(out, "\n") != 9 {
		t.Errorf("exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	if _, _, errs := runCLI(t, "events", "pairs", "--data", dir, "--by", "dyad"); strings.Contains(errs, "warning") {
		t.Errorf("summary warned: %s", errs)
	}
}
