package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// embeddedCounts is what validate prints for the embedded dataset, counted
// from its records, so that a new case changes the expectation with the data.
func embeddedCounts() string {
	ds := dataset.MustDefault()
	return fmt.Sprintf("valid: %d cases, %d accusations, %d responses, %d quotes, %d sources",
		len(ds.Cases), len(ds.Accusations), len(ds.Responses), len(ds.Quotes()), len(ds.Sources))
}

func TestValidate(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		contains []string
	}{
		{[]string{"validate"}, 0, []string{embeddedCounts()}},
		{[]string{"validate", "../../dataset/testdata/minimal"}, 0, []string{"valid: 2 cases, 2 accusations, 5 responses, 6 quotes, 3 sources"}},
		{[]string{"validate", "../../dataset/testdata/invalid"}, 1, []string{
			`tst-bad-2019.yaml:14:12: accusations tst-bad-2019-a1: accuser: not an ISO 3166-1 alpha-3 country code or an international body's code "UK"`,
			`tst-bad-2019.yaml:30:16: responses tst-bad-2019-r1: strategies[0]: unknown code "denail": did you mean "denial"? (allowed: denial, `,
			"tst-syntax-2019.yaml:3:10: syntax error",
			"14 problem(s) found."}},
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
	if code, stdout, _ := runCLI(t, "validate", out); code != 0 || !strings.Contains(stdout, embeddedCounts()) {
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
		if code != 0 || !strings.Contains(out, "identity_dispute") || !strings.Contains(out, "Disputes who the named persons are") {
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

// `rejoinder version` and `rejoinder --version` print the same three
// lines: the program, the dataset with its content hash, the codebook;
// --data names another dataset.
func TestVersion(t *testing.T) {
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"rejoinder ",
		fmt.Sprintf("dataset %s %s (content hash sha256:%s)", ds.Meta.Name, ds.Meta.Version, ds.ContentHash()),
		"codebook " + ds.Codebook.Version,
	}
	var outputs []string
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, errs := runCLI(t, args...)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if code != 0 || len(lines) != len(want) {
			t.Fatalf("%v: exit %d, %q %s", args, code, out, errs)
		}
		for i, w := range want {
			if !strings.HasPrefix(lines[i], w) {
				t.Errorf("%v: line %d is %q, want it to start with %q", args, i+1, lines[i], w)
			}
		}
		outputs = append(outputs, out)
	}
	if outputs[0] != outputs[1] {
		t.Errorf("version and --version differ:\n%s\n%s", outputs[0], outputs[1])
	}
	minimal, err := dataset.Load("../../dataset/testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "version", "--data", "../../dataset/testdata/minimal")
	if wantLine := "dataset " + minimal.Meta.Name + " " + minimal.Meta.Version + " (content hash sha256:" + minimal.ContentHash() + ")"; code != 0 || !strings.Contains(out, wantLine) {
		t.Errorf("version --data: exit %d, %q %s; want %q", code, out, errs, wantLine)
	}
}

// A usage error points at the help of the command that was misused, with
// its full path, at every level of subcommand.
func TestUsageErrorNamesCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		help string
	}{
		{[]string{"frobnicate"}, "rejoinder"},
		{[]string{"profile", "--by", "decade"}, "rejoinder profile"},
		{[]string{"validate", "--bogus"}, "rejoinder validate"},
		{[]string{"coding", "frobnicate"}, "rejoinder coding"},
		{[]string{"coding", "import", "--bogus"}, "rejoinder coding import"},
		{[]string{"coding", "template", "--coder", "alice"}, "rejoinder coding template"},
		{[]string{"events", "pairs", "--window", "soon"}, "rejoinder events pairs"},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		want := "\nRun '" + tc.help + " --help' for usage.\n"
		if code != exitUsage || !strings.HasSuffix(stderr, want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d ending in %q", tc.args, code, stderr, exitUsage, want)
		}
	}
}

// Every command that reads a dataset takes --data; validate and import
// csv also take the directory as an argument, as before, and both given
// must agree.
func TestDataFlagEverywhere(t *testing.T) {
	const minimal = "../../dataset/testdata/minimal"
	csvDir := t.TempDir()
	if code, _, errs := runCLI(t, "export", "csv", "--data", minimal, "--out", csvDir); code != 0 {
		t.Fatalf("export csv: %s", errs)
	}
	valid := "valid: 2 cases, 2 accusations, 5 responses, 6 quotes, 3 sources"
	for _, tc := range []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"validate", "--data", minimal}, 0, valid},
		{[]string{"validate", minimal}, 0, valid},
		{[]string{"validate", minimal, "--data", minimal + "/"}, 0, valid},
		{[]string{"validate", "../../dataset/testdata/invalid", "--data", minimal}, exitUsage,
			`two data directories: --data "../../dataset/testdata/minimal" and argument "../../dataset/testdata/invalid"`},
		{[]string{"validate", "--data", "../../dataset/testdata/invalid"}, exitInvalid, "problem(s) found"},
		{[]string{"import", "csv", "--data", csvDir, "--out", t.TempDir()}, 0, "wrote "},
		{[]string{"import", "csv", csvDir, "--out", t.TempDir()}, 0, "wrote "},
		{[]string{"import", "csv", "--out", t.TempDir()}, exitUsage, "--data is required"},
		{[]string{"import", "csv", minimal, "--data", csvDir, "--out", t.TempDir()}, exitUsage, "two data directories"},
	} {
		code, out, errs := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(out+errs, tc.contains) {
			t.Errorf("%v: exit %d, want %d and %q:\n%s%s", tc.args, code, tc.code, tc.contains, out, errs)
		}
	}
	// Every command of readsDataset has --data, and each name there is
	// still a command.
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if c.Runnable() && readsDataset[c.CommandPath()] && c.Flags().Lookup("data") == nil {
			t.Errorf("%s reads a dataset but has no --data", c.CommandPath())
		}
	}
	root := newRootCmd()
	walk(root)
	for path := range readsDataset {
		if c, _, err := root.Find(strings.Fields(path)[1:]); err != nil || c.CommandPath() != path {
			t.Errorf("readsDataset names %q, which is not a command", path)
		}
	}
}

// readsDataset lists the commands that read the records (loadData,
// loadColumns or plot.Load); TestDataFlagEverywhere checks each has --data.
var readsDataset = map[string]bool{
	"rejoinder validate": true, "rejoinder build": true, "rejoinder compare": true, "rejoinder profile": true,
	"rejoinder similar": true, "rejoinder dynamics": true, "rejoinder kwic": true, "rejoinder export": true,
	"rejoinder coding template": true, "rejoinder coding import": true, "rejoinder coding reconcile": true,
	"rejoinder suggest": true, "rejoinder plot": true, "rejoinder version": true, "rejoinder import": true,
}

// The usage errors docs/errors.md shows are the ones the command line
// prints, with the pointer to the misused command's help where the
// catalogue shows it (the kwic pattern error is shown without it).
func TestUsageErrorsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/errors.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args      []string
		firstLine bool // the catalogue shows only the message, not the pointer to --help
	}{
		{[]string{"kwic", "("}, true},
		{[]string{"profile", "--by", "month"}, false},
		{[]string{"profile", "--scheme", "colours"}, false},
		{[]string{"profile", "--responder", "UK"}, false},
		{[]string{"similar", "x", "--metric", "euclid"}, false},
		{[]string{"reliability", "--level", "ratios", "x.csv"}, false},
		{[]string{"build", "--partition", "responder,summary", "--out", t.TempDir()}, false},
	} {
		code, _, stderr := runCLI(t, tc.args...)
		want := stderr
		if tc.firstLine {
			want, _, _ = strings.Cut(stderr, "\n")
		}
		if code != exitUsage || !strings.Contains(string(doc), want) {
			t.Errorf("%v: exit %d; docs/errors.md lacks what it prints:\n%s", tc.args, code, want)
		}
	}
}

// rewriteCSV passes a CSV file's rows (header first) through fn.
func rewriteCSV(t *testing.T, path string, fn func(rows [][]string) [][]string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.WriteAll(fn(rows))
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// An error flood is printed with its cause first, at most
// schema.MaxProblemsPerKind problems of a kind with a count of the rest,
// and bad values cut: a missing optional column is one problem that does
// not call the column required (it was one problem per reference to the
// table's rows, with the cause last), and a 1 MB bad code in every row
// is not echoed whole in every line.
func TestImportCSVErrorFlood(t *testing.T) {
	dir := t.TempDir()
	csvDir := filepath.Join(dir, "csv")
	if code, _, errs := runCLI(t, "export", "csv", "--out", csvDir); code != 0 {
		t.Fatal(errs)
	}
	responses := filepath.Join(csvDir, "responses.csv")
	original, _ := os.ReadFile(responses)
	column := func(header []string, name string) int {
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("no %s column in %v", name, header)
		}
		return i
	}

	rewriteCSV(t, responses, func(rows [][]string) [][]string {
		i := column(rows[0], "date_note")
		for k := range rows {
			rows[k] = slices.Delete(rows[k], i, i+1)
		}
		return rows
	})
	code, _, errs := runCLI(t, "import", "csv", csvDir, "--out", filepath.Join(dir, "pq"))
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if code != 1 || len(lines) != 2 || !strings.Contains(lines[0], "responses.csv:1: responses: date_note: column missing from the header: date_note is an optional column") ||
		strings.Contains(errs, "required") || lines[1] != "1 problem(s) found." {
		t.Errorf("missing optional column: exit %d\n%s", code, errs)
	}

	os.WriteFile(responses, original, 0o644)
	badCode := strings.Repeat("9", 1<<20)
	rows := 0
	rewriteCSV(t, responses, func(rs [][]string) [][]string {
		i := column(rs[0], "cameo_code")
		for k := 1; k < len(rs); k++ {
			rs[k][i] = badCode
		}
		rows = len(rs) - 1
		return rs
	})
	if rows <= schema.MaxProblemsPerKind {
		t.Fatalf("the dataset has %d responses; the test needs more than %d", rows, schema.MaxProblemsPerKind)
	}
	code, _, errs = runCLI(t, "import", "csv", csvDir, "--out", filepath.Join(dir, "pq"))
	shown := strings.Count(errs, `cameo_code: invalid value "`+strings.Repeat("9", schema.MaxEchoedValue)+fmt.Sprintf(`"… (%d bytes)`, len(badCode)))
	more := fmt.Sprintf(`… and %d more problems like "responses: cameo_code: invalid value" (the first %d are listed)`, rows-schema.MaxProblemsPerKind, schema.MaxProblemsPerKind)
	if code != 1 || shown != schema.MaxProblemsPerKind || !strings.Contains(errs, more) || !strings.HasSuffix(errs, fmt.Sprintf("\n%d problem(s) found.\n", rows)) || len(errs) > 100<<10 {
		t.Errorf("bad code in every row: exit %d, %d bytes, %d problems shown, want %d and %q:\n%.3000s", code, len(errs), shown, schema.MaxProblemsPerKind, more, errs)
	}
}

// export csv --excel, then import csv, gives the Parquet files build
// writes, byte for byte: the escapes for spreadsheet programs are removed
// exactly, and excel-csv.json carries the metadata.
func TestImportExcelCSV(t *testing.T) {
	dir := t.TempDir()
	csvDir, pq, built := filepath.Join(dir, "csv"), filepath.Join(dir, "pq"), filepath.Join(dir, "built")
	for _, args := range [][]string{{"export", "csv", "--excel", "--out", csvDir}, {"import", "csv", "--data", csvDir, "--out", pq}, {"build", "--out", built}} {
		if code, _, errs := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: %s", args, errs)
		}
	}
	for _, table := range dataset.Tables {
		a, _ := os.ReadFile(filepath.Join(pq, dataset.ParquetFile(table)))
		b, _ := os.ReadFile(filepath.Join(built, dataset.ParquetFile(table)))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between export csv --excel + import csv and build", table)
		}
	}
	responses, _ := os.ReadFile(filepath.Join(csvDir, "responses.csv"))
	if !bytes.Contains(responses, []byte(`"=""016"""`)) {
		t.Error(`the --excel export has no ="016" cell to undo: the test lost its point`)
	}
}
