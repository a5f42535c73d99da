package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestValidate(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		contains []string
	}{
		{[]string{"validate"}, 0, []string{"valid: 10 cases"}},
		{[]string{"validate", "../../dataset/testdata/minimal"}, 0, []string{"valid: 2 cases, 2 accusations, 5 responses, 3 quotes, 3 sources"}},
		{[]string{"validate", "../../dataset/testdata/invalid"}, 1, []string{
			`tst-bad-2019.yaml:14:12: accusations tst-bad-2019-a1: accuser: not an ISO 3166-1 alpha-3 country code "UK"`,
			`tst-bad-2019.yaml:30:16: responses tst-bad-2019-r1: strategies[0]: unknown code "denail": did you mean "denial"? (allowed: denial, `,
			"tst-syntax-2019.yaml:3:10: syntax error",
			"13 problem(s) found."}},
		{[]string{"validate", "a", "b"}, 2, []string{"accepts at most 1 arg"}},
		{[]string{"validate", "--bogus"}, 2, []string{"unknown flag: --bogus"}},
		{[]string{"validate", "no/such/dir"}, 1, []string{"no such file or directory"}},
	}
	for _, tt := range tests {
		code, out, errs := runCLI(t, tt.args...)
		if code != tt.code {
			t.Errorf("%v: exit %d, want %d\n%s%s", tt.args, code, tt.code, out, errs)
		}
		for _, s := range tt.contains {
			if !strings.Contains(out+errs, s) {
				t.Errorf("%v: output lacks %q:\n%s%s", tt.args, s, out, errs)
			}
		}
	}
}

func TestCompare(t *testing.T) {
	code, out, errs := runCLI(t, "compare", "prk-park-2018", "rus-skripal-2018")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, s := range []string{"first_response_lag_days  8", "identity_dispute"} {
		if !strings.Contains(out, s) {
			t.Errorf("table lacks %q:\n%s", s, out)
		}
	}
	code, out, _ = runCLI(t, "compare", "prk-park-2018", "rus-skripal-2018", "--format", "json")
	var rows []map[string]string
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) != 14 || rows[8]["rus-skripal-2018"] != "0" {
		t.Errorf("json (exit %d): %s", code, out)
	}
	if code, _, errs := runCLI(t, "compare", "prk-park-2018", "nope"); code != 1 || !strings.Contains(errs, `no such case: "nope"`) {
		t.Errorf("unknown case: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "compare", "prk-park-2018"); code != 2 || !strings.Contains(errs, "accepts 2 arg(s)") {
		t.Errorf("one case: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "compare", "a", "b", "--format", "xml"); code != 2 || !strings.Contains(errs, `unknown --format "xml"`) {
		t.Errorf("bad format: exit %d %s", code, errs)
	}
}

func TestBuild(t *testing.T) {
	out := t.TempDir()
	code, stdout, errs := runCLI(t, "build", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, f := range []string{"cases.parquet", "accusations.parquet", "responses.parquet", "quotes.parquet", "sources.parquet",
		"cases.csv", "accusations.csv", "responses.csv", "quotes.csv", "sources.csv", "datapackage.json", "rejoinder.xlsx"} {
		if info, err := os.Stat(filepath.Join(out, f)); err != nil || info.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
		if !strings.Contains(stdout, f) {
			t.Errorf("build does not report %s", f)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(out, ".*tmp*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	// The Parquet output reads back as a valid dataset.
	if code, stdout, _ := runCLI(t, "validate", out); code != 0 || !strings.Contains(stdout, "valid: 10 cases") {
		t.Errorf("validate %s: exit %d %s", out, code, stdout)
	}
}

// build --partition writes the responses as Hive partitions that the
// other commands read like the single file; a bad key is a usage error.
func TestBuildPartitioned(t *testing.T) {
	plain, parts := t.TempDir(), t.TempDir()
	if code, _, errs := runCLI(t, "build", "--out", plain); code != 0 {
		t.Fatalf("build: %s", errs)
	}
	code, stdout, errs := runCLI(t, "build", "--partition", "responder,year", "--out", parts)
	if code != 0 || !strings.Contains(stdout, filepath.Join("responses", "responder=RUS", "year=2018", "part-0.parquet")) {
		t.Fatalf("exit %d: %s %s", code, stdout, errs)
	}
	if _, err := os.Stat(filepath.Join(parts, "responses.parquet")); err == nil {
		t.Error("responses.parquet written beside the partitions")
	}
	with := func(args []string, dir string) []string {
		out := slices.Clone(args)
		out[slices.Index(out, "DIR")] = dir
		return out
	}
	for _, args := range [][]string{
		{"profile", "--responder", "RUS", "--by", "year", "--data", "DIR"},
		{"validate", "DIR"},
	} {
		_, a, _ := runCLI(t, with(args, plain)...)
		_, b, errs := runCLI(t, with(args, parts)...)
		if a != b || a == "" {
			t.Errorf("%v differs on the partitioned build:\n%s\n%s%s", args, a, b, errs)
		}
	}
	code, _, errs = runCLI(t, "build", "--partition", "responder,summary", "--out", t.TempDir())
	if code != 2 || !strings.Contains(errs, `invalid partition key "summary" (allowed: case_id,`) {
		t.Errorf("bad key: exit %d: %s", code, errs)
	}
}

// An invalid dataset writes nothing, so a previous build stays intact.
func TestBuildInvalidWritesNothing(t *testing.T) {
	out := t.TempDir()
	code, _, errs := runCLI(t, "build", "--data", "../../dataset/testdata/invalid", "--out", out)
	if code != 1 || !strings.Contains(errs, "problem(s) found") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("files written for invalid data: %v", entries)
	}
}

func TestCodebook(t *testing.T) {
	for _, format := range []string{"table", "md", "json"} {
		code, out, errs := runCLI(t, "codebook", "--format", format)
		if code != 0 || !strings.Contains(out, "identity_dispute") || !strings.Contains(out, "Disputes the existence, identity or role") {
			t.Errorf("%s: exit %d %s %.200s", format, code, errs, out)
		}
	}
	if code, _, _ := runCLI(t, "codebook", "--format", "pdf"); code != 2 {
		t.Errorf("bad format exit %d", code)
	}
}

func TestHelp(t *testing.T) {
	for _, c := range []string{"build", "validate", "compare", "codebook", "profile", "similar", "dynamics", "kwic", "gen", "export", "reliability"} {
		code, out, _ := runCLI(t, c, "--help")
		if code != 0 || !strings.Contains(out, "Examples:") {
			t.Errorf("%s --help: exit %d, no example:\n%s", c, code, out)
		}
	}
}

// Exit statuses and messages for misuse and for failures after the
// arguments were accepted; a failed export never reports a file written.
func TestExitStatuses(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.xlsx")
	for _, tc := range []struct {
		args           []string
		code           int
		stderr, stdout string
	}{
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`, ""},
		{[]string{"profile", "--by", "decade"}, exitUsage, `unknown --by "decade"`, ""},
		{[]string{"export", "xlsx", "--compare", "prk-park-2018,nope", "--out", out}, exitInvalid, `no such case: "nope"`, ""},
	} {
		code, stdout, stderr := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.stderr) || stdout != tc.stdout {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.args, code, stdout, stderr, tc.code, tc.stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed export left %s: %v", out, err)
	}
}
