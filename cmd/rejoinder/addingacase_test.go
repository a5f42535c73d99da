package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/schema"
)

// The record-layout block of docs/adding-a-case.md sits between these
// markers; the rest of the page (the steps) is written by hand.
const (
	layoutStart = "<!-- record-layout:start (generated from the codebook by make docs; do not edit) -->\n"
	layoutEnd   = "<!-- record-layout:end -->\n"
)

// recordSection is one top-level key of a case file and the codebook table
// its entries are rows of.
type recordSection struct {
	key, table string
	list       bool // a list of rows (every section but case)
}

// The sections of a case file, in the order the files write them (see
// dataset/decode.go's recordFile). Quotes are not a section: they nest in
// the rows of every table with a list variable referring to quotes.
var recordSections = []recordSection{
	{"case", schema.TableCases, false},
	{"sources", schema.TableSources, true},
	{"accusations", schema.TableAccusations, true},
	{"responses", schema.TableResponses, true},
}

// writeRecordLayout writes the field-by-field layout of a case file: for
// each section, and for the quotes nested in accusations and responses,
// every variable the file may hold (the codebook's, in its order, less the
// ones the loader derives), whether it is required, its type, its allowed
// values and its definition. It walks the codebook's tables and variables,
// so a variable added to the codebook appears here at the next make docs.
func writeRecordLayout(b *strings.Builder, cb *schema.Codebook) {
	fmt.Fprintf(b, "Generated from codebook %s. A case file holds one mapping with the keys below; every other key is\n"+
		"an error. Keys the loader fills in itself are not written in the file:\n%s.\n",
		cb.Version, strings.Join(derivedKeys(cb), ", "))
	nested := map[string]bool{}
	for _, sec := range recordSections {
		t, ok := cb.Table(sec.table)
		if !ok {
			continue
		}
		shape := "one mapping: one row of"
		if sec.list {
			shape = "a list; each entry is one row of"
		}
		fmt.Fprintf(b, "\n### `%s:`\n\n%s the [%s](codebook.md#%s) table, %s. Key: `%s`.\n\n",
			sec.key, capitalize(shape), t.Name, t.Name, t.Unit, t.Key)
		writeLayoutTable(b, cb, t)
		for _, v := range t.Variables {
			if v.Type == schema.TypeRef && v.List && v.Ref != sec.table {
				if inner, ok := cb.Table(v.Ref); ok && !slices.Contains(sectionTables(), v.Ref) {
					nested[v.Ref] = true
					fmt.Fprintf(b, "\nEach entry of `%s:` in `%s:` is a row of the [%s](#%s) table below.\n",
						v.Name, sec.key, inner.Name, nestedAnchor(inner.Name))
				}
			}
		}
	}
	for _, t := range cb.Tables {
		if !nested[t.Name] {
			continue
		}
		fmt.Fprintf(b, "\n### %s (nested)\n\nA list inside accusations and responses; each entry is one row of the [%s](codebook.md#%s)\n"+
			"table, %s. Key: `%s` (derived).\n\n", t.Name, t.Name, t.Name, t.Unit, t.Key)
		writeLayoutTable(b, cb, &t)
	}
	var elsewhere []string
	for _, t := range cb.Tables {
		if !nested[t.Name] && !slices.Contains(sectionTables(), t.Name) {
			elsewhere = append(elsewhere, "`"+t.Name+"`")
		}
	}
	if len(elsewhere) > 0 {
		fmt.Fprintf(b, "\nNot written in case files: the %s table(s) (see the [codebook](codebook.md)).\n", strings.Join(elsewhere, ", "))
	}
}

// writeLayoutTable writes one table's keys as a Markdown table.
func writeLayoutTable(b *strings.Builder, cb *schema.Codebook, t *schema.Table) {
	esc := func(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
	derived := derivedOf(t.Name)
	b.WriteString("| YAML key | required | type | allowed values | definition |\n|---|---|---|---|---|\n")
	for _, v := range t.Variables {
		if derived[v.Name] {
			continue
		}
		req := "optional"
		if v.Required {
			req = "**required**"
		}
		fmt.Fprintf(b, "| `%s` | %s | %s | %s | %s |\n", v.Name, req, layoutType(v), esc(allowedValues(t, &v)), esc(v.Definition))
	}
}

// layoutType says how a value is written in YAML.
func layoutType(v schema.Variable) string {
	kind := map[schema.Type]string{
		schema.TypeID:       "id (lower-case slug)",
		schema.TypeText:     "text",
		schema.TypeEnum:     "code",
		schema.TypeCountry:  "country code",
		schema.TypeActor:    "state or body code",
		schema.TypeDate:     "date, quoted",
		schema.TypeBool:     "true or false",
		schema.TypeURL:      "URL",
		schema.TypeLanguage: "language tag",
		schema.TypeCAMEO:    "CAMEO code, quoted",
		schema.TypeInt:      "whole number",
	}[v.Type]
	if v.Type == schema.TypeRef {
		kind = "id of a row of " + strings.ReplaceAll(v.Ref, "|", " or ")
		if v.Ref == schema.TableQuotes {
			kind = "quote (see quotes)"
		}
	}
	if kind == "" {
		kind = string(v.Type)
	}
	if v.List {
		return "list of " + kind
	}
	return kind
}

// allowedValues lists what a variable accepts: an enumeration's codes
// (a link to the codebook for their definitions), or the format.
func allowedValues(t *schema.Table, v *schema.Variable) string {
	switch v.Type {
	case schema.TypeEnum:
		codes := make([]string, len(v.Values))
		for i, val := range v.Values {
			codes[i] = "`" + val.Code + "`"
		}
		return strings.Join(codes, ", ") + fmt.Sprintf(" ([definitions](codebook.md#%s%s))", t.Name, v.Name)
	case schema.TypeCountry:
		return "ISO 3166-1 alpha-3, e.g. `RUS`"
	case schema.TypeActor:
		return "ISO 3166-1 alpha-3, e.g. `RUS`, or an international body: `" + strings.Join(schema.BodyCodes(), "`, `") + "`"
	case schema.TypeDate:
		return "`YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as precise as the source"
	case schema.TypeBool:
		return "`true`, `false`"
	case schema.TypeURL:
		return "absolute http(s) URL"
	case schema.TypeLanguage:
		return "BCP 47, e.g. `en`, `ru`"
	case schema.TypeCAMEO:
		return "2 to 4 digits"
	case schema.TypeID:
		return "`a-z`, `0-9` and `-`, unique"
	case schema.TypeRef:
		if v.Ref == schema.TableQuotes {
			return "see the quotes table"
		}
		return "an id defined in this file"
	}
	return ""
}

// derivedOf returns the variables of a table that the loader fills in, from
// the record struct's rj tags.
func derivedOf(table string) map[string]bool {
	out := map[string]bool{}
	if rt, ok := schema.RecordType(table); ok {
		for _, f := range schema.FieldsOf(rt) {
			if f.Derived {
				out[f.Name] = true
			}
		}
	}
	return out
}

// derivedKeys lists the derived variables of every table as table.variable.
func derivedKeys(cb *schema.Codebook) []string {
	var out []string
	for _, t := range cb.Tables {
		for _, v := range t.Variables {
			if derivedOf(t.Name)[v.Name] {
				out = append(out, "`"+t.Name+"."+v.Name+"`")
			}
		}
	}
	return out
}

func sectionTables() []string {
	var out []string
	for _, s := range recordSections {
		out = append(out, s.table)
	}
	return out
}

func nestedAnchor(table string) string { return table + "-nested" }

func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// docs/adding-a-case.md documents the case file field by field from the
// codebook, between markers; this test fails while that block is stale,
// and -update-docs (make docs) rewrites it, leaving the written steps as
// they are.
func TestAddingACaseDocUpToDate(t *testing.T) {
	path := filepath.Join(docsDir, "adding-a-case.md")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)
	i, j := strings.Index(doc, layoutStart), strings.Index(doc, layoutEnd)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the markers %q and %q", path, layoutStart, layoutEnd)
	}
	cb := schema.Default()
	var b strings.Builder
	writeRecordLayout(&b, cb)
	want := doc[:i+len(layoutStart)] + b.String() + doc[j:]
	// Every key a case file may hold is documented in its section, and no
	// derived one.
	for _, sec := range recordSections {
		tbl, _ := cb.Table(sec.table)
		block := sectionBlock(b.String(), "### `"+sec.key+":`")
		for _, v := range tbl.Variables {
			documented := strings.Contains(block, "| `"+v.Name+"` |")
			if derived := derivedOf(sec.table)[v.Name]; documented == derived {
				t.Errorf("%s.%s: documented %v, derived %v", sec.table, v.Name, documented, derived)
			}
		}
	}
	for _, must := range []string{"| `strategies` | optional | list of code |", "`responses.case_id`", "### quotes (nested)", "| `response_id` | **required** |"} {
		if !strings.Contains(b.String(), must) {
			t.Errorf("record layout lacks %q", must)
		}
	}
	if *updateDocs && want != doc {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		doc = want
	}
	if doc != want {
		t.Errorf("%s is out of date with the codebook; run make docs", path)
	}
}

// sectionBlock returns the text from a heading to the next heading.
func sectionBlock(doc, heading string) string {
	i := strings.Index(doc, heading)
	if i < 0 {
		return ""
	}
	rest := doc[i+len(heading):]
	if j := strings.Index(rest, "\n### "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}
