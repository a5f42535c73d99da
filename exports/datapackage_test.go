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
		if r[0] == "prk-park-2018-r1" && r[col] != "denial; evidence_rejection; smear_framing; identity_dispute; counter_accusation; diplomatic_linkage" {
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
		if got := dataset.EscapeExcelCell(s, true); got != "'"+s {
			t.Errorf("%q written as %q", s, got)
		}
	}
	if dataset.EscapeExcelCell("x=1", true) != "x=1" || dataset.EscapeExcelCell("", true) != "" {
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

// export csv --excel, then import csv, gives back the dataset exactly —
// the same content hash and byte-identical Parquet — for the embedded
// dataset with hostile text added: formula-like values, a genuine leading
// apostrophe, text made only of digits, and text that looks like an
// escape itself.
func TestExcelCSVRoundTrip(t *testing.T) {
	ds := dataset.MustDefault()
	hostile := []string{"=1+1", "'quoted", "016", "-5", "@x", "+44 20 7946 0000", "''", `="016"`, "'=1+1"} // tabs are not allowed in text: see dataset's TestExcelCellEscapesRoundTrip
	for i, v := range hostile {
		ds.Responses[i%len(ds.Responses)].Notes = v
		ds.Cases[i%len(ds.Cases)].Notes = v
	}
	ds.Responses[0].Summary = "'" + ds.Responses[0].Summary
	ds.Sources[0].Title = "-" + ds.Sources[0].Title
	if err := ds.Validate().Err(); err != nil {
		t.Fatalf("the hostile dataset is invalid: %v", err)
	}
	dir := t.TempDir()
	if _, err := WriteExcelCSV(dir, ds); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "responses.csv"))
	// notes is the last column.
	for _, escaped := range []string{",'=1+1\n", ",''quoted\n", `,"=""016"""` + "\n", ",'-5\n", ",'@x\n", `,"'=""016"""` + "\n", ",''=1+1\n"} {
		if !bytes.Contains(b, []byte(escaped)) {
			t.Errorf("responses.csv lacks the escaped cell %s", escaped)
		}
	}
	back, err := dataset.ReadCSV(dir)
	if err != nil {
		t.Fatal(err)
	}
	if back.ContentHash() != ds.ContentHash() {
		t.Error("the content hash changed on the round trip")
	}
	if back.Meta != ds.Meta {
		t.Errorf("metadata %+v, want %+v", back.Meta, ds.Meta)
	}
	want, got := t.TempDir(), t.TempDir()
	if _, err := ds.WriteParquet(want); err != nil {
		t.Fatal(err)
	}
	if _, err := back.WriteParquet(got); err != nil {
		t.Fatal(err)
	}
	for _, table := range dataset.Tables {
		x, _ := os.ReadFile(filepath.Join(want, dataset.ParquetFile(table)))
		y, _ := os.ReadFile(filepath.Join(got, dataset.ParquetFile(table)))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs after export csv --excel and import csv", dataset.ParquetFile(table))
		}
	}
	for i := range hostile {
		k := i % len(ds.Responses)
		if got, want := back.Responses[k].Notes, ds.Responses[k].Notes; got != want {
			t.Errorf("notes %q read back as %q", want, got)
		}
	}

	// The same tables without the marker are read as plain CSV: the
	// escapes stay, so a genuine leading apostrophe is never removed.
	os.Remove(filepath.Join(dir, dataset.ExcelCSVFile))
	plain, err := dataset.ReadCSV(dir)
	if err == nil && plain.ContentHash() == ds.ContentHash() {
		t.Error("without the marker the escapes were removed too")
	}
	// A plain export into the directory removes the stale marker.
	if _, err := WriteExcelCSV(dir, ds); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteDataPackage(dir, ds); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, dataset.ExcelCSVFile)); err == nil {
		t.Error("a plain export left the --excel marker beside its tables")
	}
	if again, err := dataset.ReadCSV(dir); err != nil || again.ContentHash() != ds.ContentHash() {
		t.Errorf("plain tables after --excel ones: %v", err)
	}
}
