package exports

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/interoptest"
)

type validation struct {
	Valid  bool
	Errors []string
	Rows   map[string]int
	Types  map[string]map[string]string
}

func TestDataPackageDescriptor(t *testing.T) {
	ds := dataset.MustDefault()
	pkg := DataPackage(ds)
	if pkg.Name != "rejoinder" || pkg.Version != ds.Meta.Version || pkg.Licenses[0].Name != "CC-BY-4.0" || len(pkg.Resources) != 5 {
		t.Fatalf("package = %+v", pkg)
	}
	res := pkg.Resources[2]
	if res.Name != "responses" || res.Schema.PrimaryKey[0] != "response_id" {
		t.Fatalf("resource = %+v", res)
	}
	fields := map[string]SchemaField{}
	for _, f := range res.Schema.Fields {
		fields[f.Name] = f
	}
	if f := fields["observed"]; f.Constraints == nil || !slices.Equal(f.Constraints.Enum, []string{"responded", "declined_comment", "no_response_found"}) || !f.Constraints.Required {
		t.Errorf("observed = %+v", f)
	}
	if f := fields["date"]; f.Type != "date" {
		t.Errorf("date type = %s", f.Type)
	}
	if f := fields["anticipatory"]; f.Type != "boolean" {
		t.Errorf("anticipatory type = %s", f.Type)
	}
	if f := fields["response_id"]; !f.Constraints.Unique {
		t.Error("key not unique")
	}
	if !slices.ContainsFunc(res.Schema.ForeignKeys, func(k ForeignKey) bool {
		return k.Fields[0] == "responds_to" && k.Reference.Resource == "accusations" && k.Reference.Fields[0] == "accusation_id"
	}) {
		t.Errorf("foreign keys = %+v", res.Schema.ForeignKeys)
	}
}

func writePackage(t *testing.T, ds *dataset.Dataset) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := WriteDataPackage(dir, ds); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestDataPackageDeterministicCSV(t *testing.T) {
	ds := dataset.MustDefault()
	a, b := writePackage(t, ds), writePackage(t, ds)
	for _, name := range []string{"cases.csv", "accusations.csv", "responses.csv", "quotes.csv", "sources.csv", DataPackageFile} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two writes", name)
		}
	}
	f, _ := os.Open(filepath.Join(a, "responses.csv"))
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) != len(ds.Responses)+1 {
		t.Fatalf("responses.csv: %d rows, %v", len(rows), err)
	}
	col := slices.Index(rows[0], "strategies")
	for _, r := range rows[1:] {
		if r[0] == "prk-park-2018-r1" && r[col] != "denial; identity_dispute; evidence_rejection; smear_framing; counter_accusation; threat_warning; diplomatic_linkage" {
			t.Errorf("Park strategies cell = %q", r[col])
		}
	}
}

// An independent implementation (frictionlessdata's datapackage-js)
// accepts the package: descriptor, types, constraints and foreign keys.
func TestDataPackageValidatesIndependently(t *testing.T) {
	ds := dataset.MustDefault()
	dir := writePackage(t, ds)
	var v validation
	interoptest.RunJSON(t, "validate_datapackage.mjs", "datapackage", &v, filepath.Join(dir, DataPackageFile))
	if !v.Valid || len(v.Errors) > 0 {
		t.Fatalf("invalid: %v", v.Errors)
	}
	want := map[string]int{"cases": len(ds.Cases), "accusations": len(ds.Accusations), "responses": len(ds.Responses), "quotes": len(ds.Quotes()), "sources": len(ds.Sources)}
	for k, n := range want {
		if v.Rows[k] != n {
			t.Errorf("%s: validator read %d rows, want %d", k, v.Rows[k], n)
		}
	}
	if v.Types["responses"]["date"] != "date" || v.Types["responses"]["anticipatory"] != "boolean" {
		t.Errorf("cast types: %v", v.Types["responses"])
	}
}

// The same validator rejects a package whose data break the schema: the
// check above could fail.
func TestDataPackageValidatorCatchesErrors(t *testing.T) {
	dir := writePackage(t, dataset.MustDefault())
	p := filepath.Join(dir, "responses.csv")
	b, _ := os.ReadFile(p)
	for _, tt := range []struct{ name, from, to, want string }{
		{"unknown strategy code", "denial; identity_dispute", "denail; identity_dispute", "pattern"},
		{"dangling foreign key", ",prk-park-2018-a2,", ",prk-park-2018-a9,", "Foreign key"},
	} {
		broken := strings.Replace(string(b), tt.from, tt.to, 1)
		if broken == string(b) {
			t.Fatalf("%s: fixture did not change", tt.name)
		}
		os.WriteFile(p, []byte(broken), 0o644)
		var v validation
		interoptest.RunJSON(t, "validate_datapackage.mjs", "datapackage", &v, filepath.Join(dir, DataPackageFile))
		raw, _ := json.Marshal(v.Errors)
		if v.Valid || !strings.Contains(string(raw), "responses") || !strings.Contains(string(raw), tt.want) {
			t.Errorf("%s: valid=%v errors=%s", tt.name, v.Valid, raw)
		}
	}
}

// For spreadsheet programs, CSV starts with a byte-order mark and a cell
// that looks like a formula is prefixed with an apostrophe; plain CSV keeps
// the data as it is.
func TestExcelCSVNeutralisesFormulas(t *testing.T) {
	ds, err := dataset.Load("../dataset/testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	var plain, excel bytes.Buffer
	if err := WriteTableCSV(&plain, ds, "quotes"); err != nil {
		t.Fatal(err)
	}
	if err := WriteTableCSV(&excel, ds, "quotes", CSVOptions{Excel: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(excel.String(), "\uFEFFquote_id,") || strings.HasPrefix(plain.String(), "\uFEFF") {
		t.Error("byte-order mark")
	}
	for _, want := range []string{",'=1+1 is not a formula here,", ",'-starts with a minus,", ",'@starts with an at sign,"} {
		if !strings.Contains(excel.String(), want) {
			t.Errorf("excel CSV lacks %q", want)
		}
	}
	if !strings.Contains(plain.String(), ",=1+1 is not a formula here,") {
		t.Error("plain CSV changed the data")
	}
	for _, s := range []string{"=x", "+x", "-x", "@x", "\tx", "\rx"} {
		if !formulaStart(s) {
			t.Errorf("%q not caught", s)
		}
	}
	if formulaStart("x=1") || formulaStart("") {
		t.Error("false positive")
	}
	var src bytes.Buffer
	WriteTableCSV(&src, ds, "sources", CSVOptions{Excel: true})
	if !strings.Contains(src.String(), `"'=HYPERLINK(""http://evil.example"",""click"")"`) || !strings.Contains(src.String(), ",'+Example Wire,") {
		t.Errorf("sources: %s", src.String())
	}
}

func TestArrowDeterministic(t *testing.T) {
	ds := dataset.MustDefault()
	a, b := t.TempDir(), t.TempDir()
	pa, err := WriteArrow(a, ds)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteArrow(b, ds); err != nil {
		t.Fatal(err)
	}
	for _, p := range pa {
		x, _ := os.ReadFile(p)
		y, _ := os.ReadFile(filepath.Join(b, filepath.Base(p)))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two writes", filepath.Base(p))
		}
	}
}
