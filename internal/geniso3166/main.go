package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"io"
	"os"
	"regexp"
	"slices"
)

func main() {
	in := flag.String("in", "/usr/share/iso-codes/json/iso_3166-1.json", "Debian iso-codes' iso_3166-1.json")
	version := flag.String("version", "", "the iso-codes version the file comes from (named in the header)")
	out := flag.String("out", "iso3166.go", "the Go file to write")
	flag.Parse()
	if *version == "" {
		fmt.Fprintln(os.Stderr, "geniso3166: -version is required (dpkg -s iso-codes shows it)")
		os.Exit(2)
	}
	src, err := os.ReadFile(*in)
	if err == nil {
		var code []byte
		code, err = generate(bytes.NewReader(src), *in, *version)
		if err == nil {
			err = os.WriteFile(*out, code, 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "geniso3166:", err)
		os.Exit(1)
	}
}

var alpha3 = regexp.MustCompile(`^[A-Z]{3}$`)

// generate reads the iso-codes JSON and returns the formatted Go source:
// every alpha-3 code with its English short name, sorted by code.
func generate(r io.Reader, name, version string) ([]byte, error) {
	var data struct {
		Countries []struct {
			Alpha3 string `json:"alpha_3"`
			Name   string `json:"name"`
		} `json:"3166-1"`
	}
	if err := json.NewDecoder(r).Decode(&data); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data.Countries) == 0 {
		return nil, fmt.Errorf("%s: no \"3166-1\" entries", name)
	}
	slices.SortFunc(data.Countries, func(a, b struct {
		Alpha3 string `json:"alpha_3"`
		Name   string `json:"name"`
	}) int {
		return cmpString(a.Alpha3, b.Alpha3)
	})
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated from Debian iso-codes %s (%s) by internal/geniso3166; DO NOT EDIT.\n\n", version, name)
	b.WriteString("package schema\n\n// iso3166Alpha3 maps every ISO 3166-1 alpha-3 code to its English short name.\nvar iso3166Alpha3 = map[string]string{\n")
	for i, c := range data.Countries {
		if !alpha3.MatchString(c.Alpha3) || c.Name == "" {
			return nil, fmt.Errorf("%s: entry %d: alpha_3 %q, name %q (want three capital letters and a name)", name, i+1, c.Alpha3, c.Name)
		}
		if i > 0 && data.Countries[i-1].Alpha3 == c.Alpha3 {
			return nil, fmt.Errorf("%s: %s listed twice", name, c.Alpha3)
		}
		fmt.Fprintf(&b, "\t%q: %+q,\n", c.Alpha3, c.Name) // %+q: ASCII, as go vet and every editor read it
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
