package main

import (
	"os"
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	f, err := os.Open("testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := generate(f, "small.json", "9.9")
	if err != nil {
		t.Fatal(err)
	}
	want := "// Code generated from Debian iso-codes 9.9 (small.json) by internal/geniso3166; DO NOT EDIT.\n\npackage schema\n\n" +
		"// iso3166Alpha3 maps every ISO 3166-1 alpha-3 code to its English short name.\nvar iso3166Alpha3 = map[string]string{\n" +
		"\t\"ALA\": \"\\u00c5land Islands\",\n\t\"FRA\": \"France\",\n}\n"
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, bad := range []string{`{}`, `{"3166-1": [{"alpha_3": "fr", "name": "x"}]}`, `{"3166-1": [{"alpha_3": "FRA", "name": "a"}, {"alpha_3": "FRA", "name": "b"}]}`, `[`} {
		if _, err := generate(strings.NewReader(bad), "bad.json", "1"); err == nil {
			t.Errorf("generate(%s) accepted it", bad)
		}
	}
}

// The committed table is what the generator makes of the installed
// iso-codes data (skipped where iso-codes is not installed).
func TestCommittedTableIsGenerated(t *testing.T) {
	const src = "/usr/share/iso-codes/json/iso_3166-1.json"
	f, err := os.Open(src)
	if err != nil {
		t.Skip("iso-codes not installed")
	}
	defer f.Close()
	got, err := generate(f, src, "4.15.0")
	if err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile("../../schema/iso3166.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(committed) {
		t.Errorf("schema/iso3166.go is not what the installed iso-codes gives: run go generate ./schema (with the installed version in its -version flag)")
	}
}

// FuzzGenerate: any input gives source or an error, never a panic.
func FuzzGenerate(f *testing.F) {
	f.Add(`{"3166-1": [{"alpha_3": "FRA", "name": "France"}]}`)
	f.Add(`{"3166-1": []}`)
	f.Fuzz(func(t *testing.T, in string) {
		generate(strings.NewReader(in), "fuzz.json", "1")
	})
}
