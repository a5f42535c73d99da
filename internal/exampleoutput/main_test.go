package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	report := "--- FAIL: ExampleProfile (0.13s)\ngot:\nTitle\n\n1350 × 900 px\nwant:\nTitle\n\n1350 × 800 px\n--- FAIL: ExampleB (0.00s)\ngot:\nx\nwant:\ny\nFAIL\nexit status 1\n"
	fails, err := parse(report)
	if err != nil {
		t.Fatal(err)
	}
	if len(fails) != 2 || fails[0].name != "ExampleProfile" || !slices.Equal(fails[0].got, []string{"Title", "", "1350 × 900 px"}) ||
		fails[1].name != "ExampleB" || !slices.Equal(fails[1].got, []string{"x"}) {
		t.Errorf("parse = %+v", fails)
	}
	for _, bad := range []string{"--- FAIL: ExampleX (0.00s)\npanic: boom\n", "--- FAIL: ExampleX (0.00s)\ngot:\nx\n"} {
		if _, err := parse(bad); err == nil {
			t.Errorf("parse(%q) accepted a report without got/want", bad)
		}
	}
}

func TestRewrite(t *testing.T) {
	dir := t.TempDir()
	src := "package p\n\nfunc ExampleA() {\n\tprintln()\n\t// Output:\n\t// old\n\t// lines\n}\n\nfunc ExampleB() {\n\t// Output:\n\t// keep\n}\n"
	file := filepath.Join(dir, "x_test.go")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := rewrite(dir, failure{name: "ExampleA", got: []string{"new", "", "more"}}); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	want := "package p\n\nfunc ExampleA() {\n\tprintln()\n\t// Output:\n\t// new\n\t//\n\t// more\n}\n\nfunc ExampleB() {\n\t// Output:\n\t// keep\n}\n"
	if string(data) != want {
		t.Errorf("rewrote to\n%s\nwant\n%s", data, want)
	}
	if err := rewrite(dir, failure{name: "ExampleC"}); err == nil || !strings.Contains(err.Error(), "ExampleC not found") {
		t.Errorf("a missing example: %v", err)
	}
}

// FuzzParse feeds parse arbitrary reports: it must return failures or an
// error, never panic, and every failure it returns names an example.
func FuzzParse(f *testing.F) {
	f.Add("--- FAIL: ExampleA (0.00s)\ngot:\na\nwant:\nb\n")
	f.Add("--- FAIL: ExampleA (0.00s)\n")
	f.Add("ok\n")
	f.Fuzz(func(t *testing.T, report string) {
		fails, err := parse(report)
		if err != nil {
			return
		}
		for _, fl := range fails {
			if !strings.HasPrefix(fl.name, "Example") {
				t.Errorf("failure %q does not name an example", fl.name)
			}
		}
	})
}
