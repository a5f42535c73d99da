package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/schema"
	"go.yaml.in/yaml/v3"
)

// A key given twice in one mapping is an error at the second key that
// names the first, at any depth: yaml.v3 lets the last one win when it
// decodes into a yaml.Node, and a user's six codes became one.
func TestDuplicateKeys(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // the problems, as printed
	}{
		{"top-level block",
			"case:\n  case_id: tst-x-2020\nresponses: []\nresponses: []\n",
			[]string{`f.yaml:4:1: responses: key given twice "responses": first given at f.yaml:3:1; merge the two (allowed: each key once in a mapping)`}},
		{"strategies block in a response",
			"responses:\n- response_id: tst-x-2020-r1\n  strategies:\n  - denial\n  - smear_framing\n  summary: S\n  strategies:\n  - counter_accusation\n",
			[]string{`f.yaml:7:3: responses tst-x-2020-r1: strategies: key given twice "strategies": first given at f.yaml:3:3; merge the two (allowed: each key once in a mapping)`}},
		{"text of a quote",
			"accusations:\n- accusation_id: tst-x-2020-a1\n  quotes:\n  - text: one\n    text: two\n",
			[]string{`f.yaml:5:5: quotes: text: key given twice "text": first given at f.yaml:4:5; merge the two (allowed: each key once in a mapping)`}},
		{"case field, twice repeated",
			"case:\n  title: A\n  title: B\n  title: C\n",
			[]string{
				`f.yaml:3:3: cases: title: key given twice "title": first given at f.yaml:2:3; merge the two (allowed: each key once in a mapping)`,
				`f.yaml:4:3: cases: title: key given twice "title": first given at f.yaml:2:3; merge the two (allowed: each key once in a mapping)`}},
		{"same key in two records is fine",
			"responses:\n- response_id: tst-x-2020-r1\n- response_id: tst-x-2020-r2\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := decodeRecordFile("f.yaml", []byte(tt.yaml))
			var got []string
			for _, p := range problems {
				got = append(got, p.Error())
				if !errors.Is(p, schema.ErrDuplicateKey) {
					t.Errorf("unexpected problem %v", p)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// The first of two blocks is kept, not the last; either way the file is
// rejected, but what is decoded is what the user wrote first.
func TestDuplicateKeyKeepsFirst(t *testing.T) {
	rf, _ := decodeRecordFile("f.yaml", []byte("responses:\n- response_id: tst-x-2020-r1\n  strategies: [denial, smear_framing]\n  strategies: [counter_accusation]\n"))
	if got := rf.Responses[0].Strategies; !slices.Equal(got, []string{"denial", "smear_framing"}) {
		t.Errorf("strategies = %v", got)
	}
}

// Records in *.yml files and in subdirectories are read like *.yaml at
// the top: the same dataset as the minimal fixture, whatever the layout.
// Hidden entries are not part of the dataset.
func TestLoadReadsYmlAndSubdirectories(t *testing.T) {
	want, err := Load("testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	copyFile(t, "testdata/minimal/dataset.yaml", filepath.Join(dir, "dataset.yml"))
	copyFile(t, "testdata/minimal/tst-alpha-2020.yaml", filepath.Join(dir, "tst-alpha-2020.yml"))
	mkdir(t, filepath.Join(dir, "2021", "russia"))
	copyFile(t, "testdata/minimal/tst-beta-2021.yaml", filepath.Join(dir, "2021", "russia", "tst-beta-2021.YAML"))
	mkdir(t, filepath.Join(dir, ".git"))
	writeFile(t, filepath.Join(dir, ".git", "config"), "[core]\n")
	writeFile(t, filepath.Join(dir, ".tst-alpha-2020.yml.swp"), "swap")
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	caseIDs := func(ds *Dataset) []string {
		var ids []string
		for _, c := range ds.Cases {
			ids = append(ids, c.CaseID)
		}
		slices.Sort(ids)
		return ids
	}
	if !slices.Equal(caseIDs(got), caseIDs(want)) ||
		len(got.Responses) != len(want.Responses) || len(got.Quotes()) != len(want.Quotes()) || len(got.Sources) != len(want.Sources) ||
		got.Meta != want.Meta {
		t.Errorf("read %d cases, %d responses, %d quotes, %d sources (%+v); want %d, %d, %d, %d (%+v)",
			len(got.Cases), len(got.Responses), len(got.Quotes()), len(got.Sources), got.Meta,
			len(want.Cases), len(want.Responses), len(want.Quotes()), len(want.Sources), want.Meta)
	}
	// Files are read in path order: the subdirectory "2021" comes first.
	if p := got.Cases[0].Pos; p == nil || p.File != filepath.Join(dir, "2021", "russia", "tst-beta-2021.YAML") {
		t.Errorf("beta's position = %+v", p)
	}
}

// Every other file in a records directory is reported, each by name, and
// the directory does not validate: nothing is silently passed over.
func TestLoadReportsStrayFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"dataset.yaml", "tst-alpha-2020.yaml", "tst-beta-2021.yaml"} {
		copyFile(t, filepath.Join("testdata/minimal", f), filepath.Join(dir, f))
	}
	mkdir(t, filepath.Join(dir, "old"))
	writeFile(t, filepath.Join(dir, "README.md"), "# notes\n")
	writeFile(t, filepath.Join(dir, "tst-alpha-2020.yaml~"), "backup")
	writeFile(t, filepath.Join(dir, "old", "tst-gamma-2022.json"), "{}")
	copyFile(t, "testdata/minimal/dataset.yaml", filepath.Join(dir, "old", "dataset.yaml"))
	copyFile(t, "testdata/minimal/dataset.yaml", filepath.Join(dir, "dataset.yml"))
	_, err := Load(dir)
	var list schema.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %v, want a list of stray files", err)
	}
	var got []string
	for _, p := range list {
		if !errors.Is(p, ErrNotRecordFile) {
			t.Errorf("unexpected problem: %v", p)
			continue
		}
		got = append(got, strings.TrimPrefix(p.File, dir+"/"))
	}
	want := []string{"README.md", "dataset.yml", "old/dataset.yaml", "old/tst-gamma-2022.json", "tst-alpha-2020.yaml~"}
	if !slices.Equal(got, want) {
		t.Errorf("stray files reported: %q, want %q\n%v", got, want, err)
	}
	if msg := err.Error(); !strings.Contains(msg, dir+"/README.md: not a record file: it is not read; move it out of the records directory (allowed: dataset.yaml and <case_id>.yaml (or .yml) files, here or in subdirectories)") {
		t.Errorf("message:\n%s", msg)
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A misspelt field name gets the field it is nearest to.
func TestUnknownFieldSuggestion(t *testing.T) {
	_, problems := decodeRecordFile("f.yaml", []byte("responses:\n- response_id: tst-x-2020-r1\n  strategeis: [denial]\n  mood: angry\n"))
	if len(problems) != 2 || problems[0].Detail != `did you mean "strategies"?` || problems[1].Detail != "" {
		t.Errorf("got %v", problems)
	}
}

// A source listed in a case's file has an id of that case: the validator
// tells which case a source belongs to by its id.
func TestSourceIDOfItsCase(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"dataset.yaml", "tst-alpha-2020.yaml"} {
		copyFile(t, filepath.Join("testdata/minimal", f), filepath.Join(dir, f))
	}
	b, err := os.ReadFile("testdata/minimal/tst-beta-2021.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), "sources:\n- source_id: tst-beta-2021-s1\n",
		"sources:\n- source_id: tst-alpha-2020-s9\n  outlet: Example Wire\n  url: https://example.org/wire\n- source_id: tst-beta-2021-s1\n", 1))
	writeFile(t, filepath.Join(dir, "tst-beta-2021.yaml"), string(b))
	_, err = Load(dir)
	want := dir + `/tst-beta-2021.yaml:10:14: sources tst-alpha-2020-s9: source_id: inconsistent with another field "tst-alpha-2020-s9": ` +
		`a source listed in the file of case tst-beta-2021 has an id of that case (allowed: tst-beta-2021-s<number>)` + "\n" +
		dir + `/tst-beta-2021.yaml:10:14: sources tst-alpha-2020-s9: source_id: source cited by no record "tst-alpha-2020-s9": ` +
		`cite it where it is used, or remove it (allowed: a source that a case, accusation or response lists in its sources)`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

// A tab inside a text value, written as a YAML escape or as itself, is
// reported at the value.
func TestTabInTextIsReported(t *testing.T) {
	for _, text := range []string{`"-starts with\ta minus"`, "-starts with\ta minus"} {
		dir := t.TempDir()
		for _, f := range []string{"dataset.yaml", "tst-beta-2021.yaml"} {
			copyFile(t, filepath.Join("testdata/minimal", f), filepath.Join(dir, f))
		}
		b, err := os.ReadFile("testdata/minimal/tst-alpha-2020.yaml")
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "tst-alpha-2020.yaml"), strings.Replace(string(b), `"-starts with a minus"`, text, 1))
		_, err = Load(dir)
		want := dir + `/tst-alpha-2020.yaml:49:11: quotes tst-alpha-2020-r1-q2: text: invalid value "-starts with\ta minus": a tab at character 13; text may not hold tabs (write a space) (allowed: non-empty text)`
		if err == nil || err.Error() != want {
			t.Errorf("%q: got\n%v\nwant\n%s", text, err, want)
		}
	}
}

// Why the decoder checks repeated keys itself: yaml.v3 refuses them only
// when it decodes into a map or struct; into a yaml.Node, as the decoder
// reads files, both pairs are kept and nothing is said.
func TestYAMLv3RepeatedKeys(t *testing.T) {
	doc := []byte("strategies: [denial]\nstrategies: [smear_framing]\n")
	var n yaml.Node
	if err := yaml.Unmarshal(doc, &n); err != nil || len(n.Content[0].Content) != 4 {
		t.Errorf("into a yaml.Node: err %v, %d nodes; want no error and both pairs", err, len(n.Content[0].Content))
	}
	var m map[string]any
	if err := yaml.Unmarshal(doc, &m); err == nil || !strings.Contains(err.Error(), `mapping key "strategies" already defined at line 1`) {
		t.Errorf("into a map: err %v; want yaml.v3's repeated-key error", err)
	}
}

// A record file without its case block (renamed, deleted or left empty)
// is one problem naming the file and saying what is missing, not a
// required-field problem without a file for each field of the case and a
// case_id problem for each record.
func TestRecordFileWithoutCase(t *testing.T) {
	alpha, err := os.ReadFile("testdata/minimal/tst-alpha-2020.yaml")
	if err != nil {
		t.Fatal(err)
	}
	withoutCase := strings.Replace(string(alpha), "case:\n", "kase:\n", 1)
	emptyCase := "case:\nsources: []\n"
	tests := []struct {
		name, text string
		want       []string // substrings of the problems, in order
	}{
		{"case renamed", withoutCase, []string{`tst-alpha-2020.yaml:1:1: cases: case: required field is missing: the record file has no case block`,
			`tst-alpha-2020.yaml:2:1: kase: unknown field "kase": did you mean "case"?`}},
		{"case empty", emptyCase, []string{`tst-alpha-2020.yaml:1:1: cases: case: required field is missing: the case block is empty`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			copyFile(t, "testdata/minimal/dataset.yaml", filepath.Join(dir, "dataset.yaml"))
			copyFile(t, "testdata/minimal/tst-beta-2021.yaml", filepath.Join(dir, "tst-beta-2021.yaml"))
			writeFile(t, filepath.Join(dir, "tst-alpha-2020.yaml"), tt.text)
			_, err := Load(dir)
			var list schema.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load: %v, want a list of problems", err)
			}
			if len(list) != len(tt.want) {
				t.Fatalf("%d problems, want %d:\n%v", len(list), len(tt.want), list)
			}
			for i, w := range tt.want {
				if !strings.Contains(list[i].Error(), w) {
					t.Errorf("problem %d = %q, want it to contain %q", i, list[i].Error(), w)
				}
			}
		})
	}
}
