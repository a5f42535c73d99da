package main

import (
	"encoding/json"
	"fmt"
	"github.com/rejoinder/rejoinder/analysis"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

func TestAnalysisCommands(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		contains []string
	}{
		{[]string{"profile", "--by", "year", "--scheme", "4d", "--format", "csv"}, 0, []string{"year,four_d,count,responses,share", fourDRow(t, 2018, "dismiss")}},
		{[]string{"profile", "--by", "case", "--responder", "PRK", "--scheme", "benoit"}, 0, []string{"prk-park-2018", "attack_accuser"}},
		{[]string{"profile", "--by", "colour"}, 2, []string{`unknown --by "colour"`}},
		{[]string{"profile", "--scheme", "x"}, 2, []string{`unknown --scheme "x"`}},
		{[]string{"profile", "--responder", "FRA"}, 1, []string{"no responses match the selection (responder FRA)"}},
		{[]string{"profile", "--responder", "France"}, 2, []string{"not an ISO 3166-1 alpha-3"}},
		{[]string{"profile", "--from", "2018-13"}, 2, []string{"--from: invalid date"}},
		{[]string{"similar", "rus-skripal-2018", "--top", "1", "--format", "csv"}, 0, []string{"case_id,jaccard,cosine,shared_strategies\n" + nearestTo(t, "rus-skripal-2018") + ","}},
		{[]string{"similar", "--matrix", "--metric", "cosine"}, 0, []string{"case_id", "rus-opcw-2018"}},
		{[]string{"similar", "--order"}, 0, []string{"position", "joined_at"}},
		{[]string{"similar"}, 2, []string{"give a CASE, or --matrix, or --order"}},
		{[]string{"similar", "x", "--matrix"}, 2, []string{"give a CASE"}},
		{[]string{"similar", "prk-rgb-2021"}, 1, []string{"no observed responses in the selection"}},
		{[]string{"similar", "prk-park-2018", "--metric", "l2"}, 2, []string{`unknown --metric "l2"`}},
		{[]string{"dynamics", "rus-skripal-2018", "--format", "json"}, 0, []string{`"first_lag_days": 0`, `"first_reciprocal_lag_days": 3`}},
		{[]string{"dynamics", "--accuser", "GBR"}, 0, []string{"rus-skripal-2018", "rus-notpetya-2018"}},
		{[]string{"kwic", "non-?existent", "--window", "2"}, 0, []string{"prk-park-2018-r1-q1", "non-existent"}},
		{[]string{"kwic", "PROVOCATION", "--case-sensitive"}, 1, []string{"no quote matches"}},
		{[]string{"kwic", "(unclosed"}, 2, []string{`invalid PATTERN "(unclosed": missing closing ): "(unclosed"`, "Run 'rejoinder kwic --help' for usage."}},
		{[]string{"kwic", "("}, 2, []string{`invalid PATTERN "(": missing closing ): "("`}},
		{[]string{"kwic", "a**", "--data", "no/such/dir"}, 2, []string{`invalid PATTERN "a**": invalid nested repetition operator: "**"`}},
		{[]string{"kwic"}, 2, []string{"accepts 1 arg"}},
	}
	for _, tt := range tests {
		code, out, errs := runCLI(t, tt.args...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d\n%s%s", tt.args, code, tt.code, out, errs)
			continue
		}
		for _, s := range tt.contains {
			if !strings.Contains(out+errs, s) {
				t.Errorf("%v: output lacks %q:\n%.600s%s", tt.args, s, out, errs)
			}
		}
	}
}

func TestGenAndReadBack(t *testing.T) {
	dir := t.TempDir()
	pq, yml := filepath.Join(dir, "pq"), filepath.Join(dir, "yaml")
	if code, out, errs := runCLI(t, "gen", "--cases", "20", "--responses", "500", "--seed", "3", "--out", pq); code != 0 || !strings.Contains(out, "500 responses") {
		t.Fatalf("gen parquet: exit %d %s%s", code, out, errs)
	}
	if code, out, errs := runCLI(t, "gen", "--cases", "20", "--responses", "500", "--seed", "3", "--out", yml, "--as", "yaml"); code != 0 {
		t.Fatalf("gen yaml: exit %d %s%s", code, out, errs)
	}
	// Both forms load, validate, and give the same profile.
	_, a, _ := runCLI(t, "profile", "--data", pq, "--format", "json")
	_, b, _ := runCLI(t, "profile", "--data", yml, "--format", "json")
	var rows []map[string]any
	if err := json.Unmarshal([]byte(a), &rows); err != nil || len(rows) == 0 || a != b {
		t.Errorf("profiles of the two forms differ or are empty (%v)", err)
	}
	if code, out, _ := runCLI(t, "validate", yml); code != 0 || !strings.Contains(out, "20 cases") {
		t.Errorf("validate generated yaml: %d %s", code, out)
	}
	if code, _, errs := runCLI(t, "gen", "--cases", "0", "--out", dir); code != 2 {
		t.Errorf("gen --cases 0: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "gen", "--as", "xml", "--out", filepath.Join(dir, "x")); code != 2 || !strings.Contains(errs, "--as") {
		t.Errorf("gen --as xml: exit %d %s", code, errs)
	}
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	x := filepath.Join(dir, "w.xlsx")
	if code, _, errs := runCLI(t, "export", "xlsx", "--out", x, "--compare", "prk-sony-2014,rus-opcw-2018"); code != 0 {
		t.Fatalf("export xlsx: %s", errs)
	}
	if info, err := os.Stat(x); err != nil || info.Size() == 0 {
		t.Errorf("workbook not written: %v", err)
	}
	if code, _, errs := runCLI(t, "export", "csv", "--out", filepath.Join(dir, "csv")); code != 0 {
		t.Fatalf("export csv: %s", errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "csv", "datapackage.json")); err != nil {
		t.Error(err)
	}
	for _, bad := range [][]string{{"export", "pdf", "--out", x}, {"export", "xlsx"}, {"export", "xlsx", "--out", x, "--compare", "only-one"}} {
		if code, _, _ := runCLI(t, bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	if code, _, errs := runCLI(t, "export", "xlsx", "--out", x, "--compare", "a,b"); code != 1 || !strings.Contains(errs, "no such case") {
		t.Errorf("unknown case: %d %s", code, errs)
	}
}

func TestReliabilityCommand(t *testing.T) {
	data := "../../reliability/testdata/krippendorff2011.csv"
	code, out, errs := runCLI(t, "reliability", "--level", "ordinal", "--format", "csv", data)
	if code != 0 || !strings.Contains(out, "krippendorff2011,ordinal,0.815") {
		t.Errorf("exit %d: %s%s", code, out, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("unit,coder\n1,A\n"), 0o644)
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"reliability", "--level", "cardinal", data}, 2, `unknown --level "cardinal"`},
		{[]string{"reliability"}, 2, "requires at least 1 arg"},
		{[]string{"reliability", bad}, 1, `bad.csv:1: no "value" column`},
		{[]string{"reliability", "--level", "interval", "../../dataset/testdata/minimal/dataset.yaml"}, 1, "no \"unit\" column"},
	} {
		code, _, errs := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("%v: exit %d %q, want %d %q", tt.args, code, errs, tt.code, tt.want)
		}
	}
}

// strategyCodes counts the codes of the strategies variable of a
// dataset's codebook: the yes/no columns of a responses template.
func strategyCodes(t *testing.T, data string) int {
	t.Helper()
	ds, err := dataset.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	table, ok := ds.Codebook.Table(schema.TableResponses)
	if !ok {
		t.Fatal("no responses table")
	}
	v, ok := table.Variable("strategies")
	if !ok || len(v.Codes()) < 2 {
		t.Fatalf("strategies: %v", v)
	}
	return len(v.Codes())
}

// The whole coding loop from the command line: two coders' templates,
// filled as coders would, imported (a mistake first reported at its cell),
// then measured.
func TestCodingLoop(t *testing.T) {
	dir := t.TempDir()
	data := "../../dataset/testdata/minimal"
	store := filepath.Join(dir, "codings.parquet")
	values := map[string][3]string{ // unit → alice organ, bob organ, denial (both)
		"tst-alpha-2020-r1": {"foreign_ministry", "foreign_ministry", "yes"},
		"tst-alpha-2020-r2": {"mfa_spokesperson", "mfa_spokesperson", "yes"},
		"tst-beta-2021-r1":  {"head_of_state", "embassy", "no"},
		"tst-beta-2021-r2":  {"foreign_ministry", "foreign_ministry", "no"},
	}
	for k, coder := range []string{"alice", "bob"} {
		path := filepath.Join(dir, coder+".xlsx")
		if code, _, errs := runCLI(t, "coding", "template", "--data", data, "--coder", coder, "--out", path); code != 0 {
			t.Fatalf("template: %s", errs)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("Coding")
		organ, denial := slices.Index(rows[0], "organ"), slices.Index(rows[0], "strategies:denial")
		observed := slices.Index(rows[0], "observed")
		for i, r := range rows[1:] {
			v, ok := values[r[0]]
			if !ok {
				continue
			}
			o, _ := excelize.CoordinatesToCellName(organ+1, i+2)
			d, _ := excelize.CoordinatesToCellName(denial+1, i+2)
			ob, _ := excelize.CoordinatesToCellName(observed+1, i+2)
			f.SetCellStr("Coding", o, v[k])
			f.SetCellStr("Coding", d, v[2])
			f.SetCellStr("Coding", ob, map[string]string{"yes": "responded", "no": "declined_comment"}[v[2]])
			if coder == "bob" && r[0] == "tst-beta-2021-r2" {
				f.SetCellStr("Coding", o, "ministry") // a mistake
			}
		}
		f.Save()
		f.Close()
	}
	code, _, errs := runCLI(t, "coding", "import", "--data", data, filepath.Join(dir, "alice.xlsx"), filepath.Join(dir, "bob.xlsx"), "--out", store)
	if code != 1 || !strings.Contains(errs, `bob.xlsx: sheet "Coding" cell`) || !strings.Contains(errs, `not an allowed value "ministry"`) {
		t.Fatalf("import with a mistake: exit %d %s", code, errs)
	}
	f, _ := excelize.OpenFile(filepath.Join(dir, "bob.xlsx"))
	rows, _ := f.GetRows("Coding")
	for i, r := range rows {
		if r[0] == "tst-beta-2021-r2" {
			ref, _ := excelize.CoordinatesToCellName(slices.Index(rows[0], "organ")+1, i+1)
			f.SetCellStr("Coding", ref, "foreign_ministry")
		}
	}
	f.Save()
	f.Close()
	// Each coded unit: observed, organ, and a yes or no for every
	// strategy (the strategies columns left empty are no).
	perUnit := 2 + strategyCodes(t, data)
	for range 2 { // twice: no duplicates
		code, out, errs := runCLI(t, "coding", "import", "--data", data, filepath.Join(dir, "alice.xlsx"), filepath.Join(dir, "bob.xlsx"), "--out", store)
		if code != 0 || !strings.Contains(out, fmt.Sprintf("holds %d\n", 2*len(values)*perUnit)) ||
			// channel_type, the one optional cell, in each unit coded: the
			// empty strategies cells are no, not counted here.
			strings.Count(errs, fmt.Sprintf("; %d optional cells left empty in coded rows (stored as not coded)", len(values))) != 2 {
			t.Fatalf("import: exit %d %s%s", code, out, errs)
		}
	}
	code, out, errs := runCLI(t, "reliability", "--format", "csv", store)
	if code != 0 {
		t.Fatalf("reliability: %s", errs)
	}
	// organ: 3 of 4 units agree; denial: all agree; non_denial, which
	// nobody marked, is no for both coders in every unit (alpha undefined:
	// no variation), and the pooled row holds every unit's every code.
	n := strategyCodes(t, data)
	for _, want := range []string{"\norgan,nominal,", "\nstrategies:denial,nominal,1,", ",0.75,4,2,8\n", "\nstrategies:non_denial,nominal,,,,,1,4,2,8\n",
		fmt.Sprintf("\nstrategies (all codes),nominal,1,1,1,1,1,%d,2,%d\n", len(values)*n, 2*len(values)*n)} {
		if !strings.Contains(out, want) {
			t.Errorf("reliability output lacks %q:\n%s", want, out)
		}
	}
	gold, diffs := filepath.Join(dir, "gold.parquet"), filepath.Join(dir, "diff.xlsx")
	code, out, errs = runCLI(t, "coding", "reconcile", store, "--out", gold, "--disagreements", diffs)
	// Two coders split on one unit's organ: a tie, unresolved without an adjudicator.
	if code != 0 || !strings.Contains(out, fmt.Sprintf("%d gold codings; 1 disagreements, 1 unresolved", len(values)*perUnit-1)) {
		t.Errorf("reconcile: exit %d %s%s", code, out, errs)
	}
	if info, err := os.Stat(diffs); err != nil || info.Size() == 0 {
		t.Errorf("no disagreement workbook: %v", err)
	}
	// An adjudicator fills only the tied cell; the rest of the row, required
	// of a coder, may stay empty.
	judge := filepath.Join(dir, "carol.xlsx")
	if code, _, errs := runCLI(t, "coding", "template", "--data", data, "--coder", "carol", "--units", "tst-beta-2021-r1", "--out", judge); code != 0 {
		t.Fatalf("template: %s", errs)
	}
	jf, _ := excelize.OpenFile(judge)
	jrows, _ := jf.GetRows("Coding")
	ref, _ := excelize.CoordinatesToCellName(slices.Index(jrows[0], "organ")+1, 2)
	jf.SetCellStr("Coding", ref, "embassy")
	jf.Save()
	jf.Close()
	code, out, errs = runCLI(t, "coding", "reconcile", "--data", data, store, "--adjudicator", judge, "--out", gold)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("%d gold codings; 1 disagreements, 0 unresolved", len(values)*perUnit)) {
		t.Errorf("reconcile with an adjudicator: exit %d %s%s", code, out, errs)
	}
	// The adjudicator's workbooks are one a table: --adjudicator repeats.
	judgeAccusations := filepath.Join(dir, "carol-accusations.xlsx")
	if code, _, errs := runCLI(t, "coding", "template", "--data", data, "--coder", "carol", "--table", "accusations", "--units", "tst-beta-2021-a1", "--out", judgeAccusations); code != 0 {
		t.Fatalf("template: %s", errs)
	}
	af, _ := excelize.OpenFile(judgeAccusations)
	arows, _ := af.GetRows("Coding")
	aref, _ := excelize.CoordinatesToCellName(slices.Index(arows[0], "instrument")+1, 2)
	af.SetCellStr("Coding", aref, "joint_attribution")
	af.Save()
	af.Close()
	code, out, errs = runCLI(t, "coding", "reconcile", "--data", data, store, "--adjudicator", judge, "--adjudicator", judgeAccusations, "--out", gold)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("%d gold codings; 1 disagreements, 0 unresolved", len(values)*perUnit)) {
		t.Errorf("reconcile with two adjudicator workbooks: exit %d %s%s", code, out, errs)
	}
	// The workbook gains a Reliability sheet.
	book := filepath.Join(dir, "book.xlsx")
	if code, _, errs := runCLI(t, "export", "xlsx", "--data", data, "--codings", store, "--out", book); code != 0 {
		t.Fatalf("export with codings: %s", errs)
	}
	wf, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer wf.Close()
	rel, _ := wf.GetRows("Reliability")
	if len(rel) < 4 || rel[0][0] != "variable" || !slices.ContainsFunc(rel, func(r []string) bool { return len(r) > 0 && r[0] == "organ" }) {
		t.Errorf("Reliability sheet = %v", rel)
	}
}

func TestSuggestCommand(t *testing.T) {
	// Each code with its probability and the words behind it, most likely
	// first; the probabilities are the model's, so only their form is
	// pinned.
	code, out, errs := runCLI(t, "suggest", "We do not comment on such reports, but the charges are absurd.")
	if code != 0 || !regexp.MustCompile(`^1\t(evidence_rejection|non_denial) 0\.\d\d \([^)]*(absurd|comment)[^)]*\); (evidence_rejection|non_denial) 0\.\d\d \([^)]*\)\n$`).MatchString(out) {
		t.Errorf("exit %d %q %s", code, out, errs)
	}
	// A statement with text gets codes even when none reaches the cut.
	code, out, _ = runCLI(t, "suggest", "--min-probability", "0.9999", "The weather was mild.")
	if code != 0 || !strings.HasPrefix(out, "1\tlow confidence, none reaches the cut: ") {
		t.Errorf("--min-probability 0.9999: exit %d %q", code, out)
	}
	if code, _, errs := runCLI(t, "suggest", "--min-probability", "1.5", "x"); code == 0 || !strings.Contains(errs, "--min-probability 1.5") {
		t.Errorf("--min-probability 1.5: exit %d %s", code, errs)
	}
	dir := t.TempDir()
	jl := filepath.Join(dir, "s.jsonl")
	os.WriteFile(jl, []byte(`{"id": "a", "text": "Show us the evidence."}`+"\n"+`{"id": "b", "text": "Sono accuse che non possono essere vere"}`+"\n"), 0o644)
	// --format json is one array, as every command's json; jsonl is the
	// same objects one a line.
	code, out, _ = runCLI(t, "suggest", "--file", jl, "--format", "json")
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil || len(got) != 2 || got[0]["id"] != "a" || got[1]["coded"] != false {
		t.Errorf("json (exit %d, %v): %s", code, err, out)
	}
	wantLines := []string{`{"id":"a","codes":["evidence_demand"],`, `{"id":"b","codes":[],"evidence":{},"language":"und","coded":false,"reason":"not English`}
	if !strings.Contains(out, `"probabilities":{"acknowledgement":`) {
		t.Errorf("json lacks the probabilities: %s", out)
	}
	if !strings.HasPrefix(out, "[\n  "+wantLines[0]) || !strings.Contains(out, "},\n  "+wantLines[1]) || !strings.HasSuffix(out, "}\n]\n") {
		t.Errorf("json array not laid out an object a line: %q", out)
	}
	code, out, _ = runCLI(t, "suggest", "--file", jl, "--format", "jsonl")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], wantLines[0]) || !strings.HasPrefix(lines[1], wantLines[1]) {
		t.Errorf("jsonl (exit %d): %q", code, out)
	}
	minimal, err := dataset.Load("../../dataset/testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runCLI(t, "suggest", "--responses", "--data", "../../dataset/testdata/minimal", "--format", "json"); code != 0 || json.Unmarshal([]byte(out), &got) != nil || len(got) != len(minimal.Responses) {
		t.Errorf("--responses json (exit %d): %s", code, out)
	}
	if code, _, errs := runCLI(t, "suggest", "x", "--format", "csv"); code != 2 || !strings.Contains(errs, `unknown --format "csv" (allowed: table, json, jsonl)`) {
		t.Errorf("bad format: exit %d %s", code, errs)
	}
	txt := filepath.Join(dir, "s.txt")
	os.WriteFile(txt, []byte("First statement: a smear.\n\nSecond one, with\nno cue at all.\n"), 0o644)
	if code, out, _ := runCLI(t, "suggest", "--file", txt); code != 0 || !regexp.MustCompile(`^1\tsmear_framing 0\.\d\d \(smear[^)]*\)[^\n]*\n2\tlow confidence, none reaches the cut: [^\n]+\n$`).MatchString(out) {
		t.Errorf("text file: %q", out)
	}
	if code, out, _ := runCLI(t, "suggest", "--evaluate"); code != 0 || !strings.Contains(out, "**Macro-F1 0.") {
		t.Errorf("evaluate: %.300s", out)
	}
	if code, _, _ := runCLI(t, "suggest"); code != 2 {
		t.Error("no input accepted")
	}
	if code, out, errs := runCLI(t, "profile", "--suggested", "--format", "csv"); code != 0 || !strings.Contains(out, ",codes_from\n") || !strings.Contains(errs, "suggested by the model") {
		t.Errorf("profile --suggested: %d %.200s %s", code, out, errs)
	}
}

// export csv, then import csv, gives the Parquet files build writes, byte
// for byte; a broken cell is reported at its line and column.
func TestImportCSV(t *testing.T) {
	dir := t.TempDir()
	csvDir, pq, built := filepath.Join(dir, "csv"), filepath.Join(dir, "pq"), filepath.Join(dir, "built")
	for _, args := range [][]string{{"export", "csv", "--out", csvDir}, {"import", "csv", csvDir, "--out", pq}, {"build", "--out", built}} {
		if code, _, errs := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
	}
	for _, table := range []string{"cases", "accusations", "responses", "quotes", "sources"} {
		a, _ := os.ReadFile(filepath.Join(pq, table+".parquet"))
		b, _ := os.ReadFile(filepath.Join(built, table+".parquet"))
		if len(a) == 0 || string(a) != string(b) {
			t.Errorf("%s.parquet differs between import csv and build", table)
		}
	}
	p := filepath.Join(csvDir, "responses.csv")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), "; identity_dispute", "; identity_disput", 1)), 0o644)
	code, _, errs := runCLI(t, "import", "csv", csvDir, "--out", filepath.Join(dir, "bad"))
	if code != 1 || !strings.Contains(errs, "responses.csv:") || !strings.Contains(errs, `unknown code "identity_disput"`) {
		t.Errorf("bad code: exit %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad")); err == nil {
		t.Error("invalid CSV still wrote Parquet files")
	}
	if code, _, _ := runCLI(t, "import", "xml", csvDir, "--out", pq); code != 2 {
		t.Error("unknown import format accepted")
	}
}

// What coding import refuses, and what --replace allows: a blank
// workbook, one coder in two files, different codings of units the
// codings file already holds for that coder.
func TestCodingImportRefuses(t *testing.T) {
	dir := t.TempDir()
	data := "../../dataset/testdata/minimal"
	store := filepath.Join(dir, "codings.parquet")
	const unit = "tst-alpha-2020-r1"
	template := func(name, coder string, cells map[string]string) string {
		path := filepath.Join(dir, name)
		if code, _, errs := runCLI(t, "coding", "template", "--data", data, "--coder", coder, "--units", unit+",tst-beta-2021-r1", "--out", path); code != 0 {
			t.Fatalf("template: %s", errs)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("Coding")
		for h, v := range cells {
			ref, _ := excelize.CoordinatesToCellName(slices.Index(rows[0], h)+1, 2)
			f.SetCellStr("Coding", ref, v)
		}
		f.Save()
		f.Close()
		return path
	}
	// Suggestions only when asked for.
	for flag, want := range map[string]bool{"": false, "--suggestions": true} {
		path := filepath.Join(dir, "s"+flag+".xlsx")
		args := []string{"coding", "template", "--data", data, "--coder", "sam", "--out", path}
		if flag != "" {
			args = append(args, flag)
		}
		if code, _, errs := runCLI(t, args...); code != 0 {
			t.Fatalf("template %s: %s", flag, errs)
		}
		f, _ := excelize.OpenFile(path)
		rows, _ := f.GetRows("Coding")
		f.Close()
		if slices.Contains(rows[0], "suggested") != want {
			t.Errorf("template %q: header %v", flag, rows[0])
		}
	}
	// The unit bob codes: observed, organ, denial yes, and no for every
	// other strategy; channel_type, left empty, is not coded.
	coded := 2 + strategyCodes(t, data)
	blank := template("blank.xlsx", "ann", nil)
	embassy := template("bob.xlsx", "bob", map[string]string{"observed": "responded", "organ": "embassy", "strategies:denial": "yes"})
	mission := template("bob2.xlsx", "bob", map[string]string{"observed": "responded", "organ": "permanent_mission", "strategies:denial": "yes"})
	for _, tt := range []struct {
		name  string
		args  []string
		code  int
		out   string
		errs  []string
		holds int // codings in the store after, -1: no store
	}{
		{"a blank workbook", []string{blank}, 1, "", []string{`blank.xlsx: sheet "Coding": no codings: every row of the sheet is blank (allowed: a filled copy of the template; is this the blank one?)`, "1 problem(s) found."}, -1},
		{"one coder in two files", []string{embassy, mission}, 1, "", []string{"bob2.xlsx: codes units another file already codes as the same coder: coder \"bob\", round 1, 1 unit(s) also in " + embassy + " (allowed: one file per coder and round; import with --replace"}, -1},
		{"bob's first file", []string{embassy}, 0, fmt.Sprintf("imported %d codings from 1 file(s); %s holds %d\n", coded, store, coded), []string{"warning: " + embassy + ": 1 of 2 units left blank (not coded); 1 optional cells left empty in coded rows (stored as not coded)\n"}, coded},
		{"the same file again", []string{embassy}, 0, fmt.Sprintf("%d of them were already there, unchanged\n", coded), nil, coded},
		{"a different coding of the same unit", []string{mission}, 1, "", []string{store + `: already holds different codings by the same coder: coder "bob", round 1, 1 unit(s): tst-alpha-2020-r1 (import with --replace to replace them)`}, -1},
		{"replaced when asked", []string{mission, "--replace"}, 0, fmt.Sprintf("replaced %d earlier codings (--replace)\n", coded), nil, coded},
		{"two files, the later replacing", []string{embassy, mission, "--replace"}, 0, fmt.Sprintf("replaced %d earlier codings (--replace)\n", coded), nil, coded},
	} {
		args := append([]string{"coding", "import", "--data", data, "--out", store}, tt.args...)
		code, out, errs := runCLI(t, args...)
		if code != tt.code || !strings.Contains(out, tt.out) {
			t.Errorf("%s: exit %d, output %q, want %d, %q (%s)", tt.name, code, out, tt.code, tt.out, errs)
		}
		for _, want := range tt.errs {
			if !strings.Contains(errs, want) {
				t.Errorf("%s: %q lacks %q", tt.name, errs, want)
			}
		}
		if tt.holds >= 0 && !strings.Contains(out, "holds "+strconv.Itoa(tt.holds)+"\n") {
			t.Errorf("%s: %q", tt.name, out)
		}
	}
}

// fourDRow is the CSV row that profile --by year --scheme 4d gives a year
// and family, counted here from the records: observed responses of that
// year, and those using a strategy of the family.
func fourDRow(t *testing.T, year int, family string) string {
	t.Helper()
	ds := dataset.MustDefault()
	in := map[string]bool{}
	for _, v := range ds.Codebook.Strategies() {
		in[v.Code] = v.FourD == family
	}
	count, responses := 0, 0
	for _, r := range ds.Responses {
		if r.Observed != "responded" || r.Date.IsZero() || r.Date.Year != year {
			continue
		}
		responses++
		if slices.ContainsFunc(r.Strategies, func(c string) bool { return in[c] }) {
			count++
		}
	}
	return fmt.Sprintf("%d,%s,%d,%d,", year, family, count, responses)
}

// nearestTo is the case most like caseID by Jaccard similarity, as the
// analysis package computes it.
func nearestTo(t *testing.T, caseID string) string {
	t.Helper()
	df, err := analysis.Nearest(dataset.MustDefault(), caseID, "jaccard", 1, analysis.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return df.Col("case_id").Records()[0]
}
