package coding

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/interoptest"
	"github.com/rejoinder/rejoinder/suggest"
)

func minimal(t *testing.T) *dataset.Dataset {
	t.Helper()
	ds, err := dataset.Load("../dataset/testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// fill opens a template and sets cells by (unit, column header), as a
// coder would in a spreadsheet.
func fill(t *testing.T, path string, cells map[[2]string]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(SheetCoding)
	for key, v := range cells {
		col := slices.Index(rows[0], key[1])
		row := -1
		for i, r := range rows {
			if r[0] == key[0] {
				row = i
			}
		}
		if col < 0 || row < 0 {
			t.Fatalf("no cell for %v", key)
		}
		if err := f.SetCellStr(SheetCoding, cellName(col+1, row+1), v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

func TestTemplateLayout(t *testing.T) {
	ds := minimal(t)
	path := filepath.Join(t.TempDir(), "alice.xlsx")
	if err := SaveTemplate(path, ds, TemplateOptions{Coder: "alice"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(SheetCoding)
	if len(rows) != len(ds.Responses)+1 || rows[0][0] != "unit_id" || !slices.Contains(rows[0], "strategies:identity_dispute") || !slices.Contains(rows[0], "organ") {
		t.Fatalf("coding sheet header %v, %d rows", rows[0], len(rows))
	}
	for _, s := range []string{SheetLists, SheetMeta} {
		if visible, _ := f.GetSheetVisible(s); visible {
			t.Errorf("%s is visible", s)
		}
	}
	xml := sheetXML(t, path, "xl/worksheets/sheet1.xml")
	if !strings.Contains(xml, "<sheetProtection") || !strings.Contains(xml, "<formula1>Lists!$") {
		t.Error("coding sheet is not protected or its drop-downs do not come from the Lists sheet")
	}
	// Suggestions both coders see inflate their agreement: hidden by default.
	if slices.Contains(rows[0], "suggested") {
		t.Errorf("a suggested column by default: %v", rows[0])
	}
	park := filepath.Join(t.TempDir(), "park.xlsx")
	if err := SaveTemplate(park, dataset.MustDefault(), TemplateOptions{Coder: "alice", Units: []string{"prk-park-2018-r1"}, Suggestions: true}); err != nil {
		t.Fatal(err)
	}
	pf, _ := excelize.OpenFile(park)
	prow, _ := pf.GetRows(SheetCoding)
	pf.Close()
	// The column shows the model's suggestion, fitted without the case:
	// each code with its probability.
	sug, err := suggest.Suggestions(dataset.MustDefault())
	if err != nil {
		t.Fatal(err)
	}
	want := sug["prk-park-2018-r1"]
	if i := slices.Index(prow[0], "suggested"); i < 0 || i >= len(prow[1]) || prow[1][i] != suggestionText(want) || len(want.Codes) == 0 ||
		!strings.Contains(prow[1][i], fmt.Sprintf("%s %.2f (", want.Codes[0], want.Probabilities[want.Codes[0]])) {
		t.Errorf("suggested for Park r1: %v, want %+v", prow[1], want)
	}
	// Context cells are locked, coded cells are not.
	for header, locked := range map[string]bool{"quotes": true, "organ": false, "strategies:denial": false} {
		col := slices.Index(rows[0], header)
		id, _ := f.GetCellStyle(SheetCoding, cellName(col+1, 2))
		st, _ := f.GetStyle(id)
		if st.Protection == nil || st.Protection.Locked != locked {
			t.Errorf("%s locked = %+v, want %v", header, st.Protection, locked)
		}
	}
	ins, _ := f.GetRows(SheetInstructions)
	if !strings.Contains(strings.Join(flat(ins), "\n"), "Disputes who the named persons are") {
		t.Error("instructions lack the codebook's definitions")
	}
	// The import stores an empty yes/no cell of a coded row as no: the
	// coder is told so.
	for _, want := range []string{"a yes/no column left empty in a row you code counts as no", "mark non_denial alone if a quote shows the refusal"} {
		if !strings.Contains(strings.Join(flat(ins), "\n"), want) {
			t.Errorf("instructions lack %q", want)
		}
	}
	if err := SaveTemplate(path, ds, TemplateOptions{Coder: "alice", Units: []string{"nope"}}); err == nil {
		t.Error("unknown unit accepted")
	}
	if err := SaveTemplate(path, ds, TemplateOptions{}); err == nil {
		t.Error("template without a coder accepted")
	}
}

func flat(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, strings.Join(r, "\t"))
	}
	return out
}

func sheetXML(t *testing.T, path, part string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == part {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatalf("no %s", part)
	return ""
}

// The loop a research team runs: template, coding with a mistake, import
// reporting it at its cell, the fix, then stored codings that do not
// duplicate on a second import.
func TestRoundTrip(t *testing.T) {
	ds := minimal(t)
	dir := t.TempDir()
	alice := filepath.Join(dir, "alice.xlsx")
	if err := SaveTemplate(alice, ds, TemplateOptions{Coder: "alice", Units: []string{"tst-alpha-2020-r1", "tst-beta-2021-r2"}}); err != nil {
		t.Fatal(err)
	}
	fill(t, alice, map[[2]string]string{
		{"tst-alpha-2020-r1", "organ"}:             "ministry", // wrong
		{"tst-alpha-2020-r1", "strategies:denial"}: "maybe",    // wrong
		{"tst-alpha-2020-r1", "observed"}:          "responded",
		{"tst-beta-2021-r2", "organ"}:              "foreign_ministry",
		{"tst-beta-2021-r2", "strategies:denial"}:  "no",
		{"tst-beta-2021-r2", "observed"}:           "declined_comment",
	})
	_, err := Import(ds, alice)
	var list ImportErrors
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("import of a wrong template: %v", err)
	}
	if e := list[0]; e.Cell == "" || e.Value != "ministry" || !errors.Is(e, ErrBadCode) || !strings.Contains(e.Allowed, "foreign_ministry") ||
		!strings.Contains(e.Error(), `alice.xlsx: sheet "Coding" cell `) {
		t.Errorf("first problem: %v", e)
	}
	if e := list[1]; e.Value != "maybe" || e.Allowed != "yes, no" {
		t.Errorf("second problem: %v", e)
	}
	fill(t, alice, map[[2]string]string{
		{"tst-alpha-2020-r1", "organ"}:             "foreign_ministry",
		{"tst-alpha-2020-r1", "strategies:denial"}: "yes",
	})
	codings, err := Import(ds, alice)
	if err != nil {
		t.Fatal(err)
	}
	// Per row: link, observed, organ and the strategies column filled, and
	// no for each strategies column left empty (declined_comment too: a
	// silence uses no strategy).
	strategies := yesNoHeaders(t, ds)
	other := otherThan(strategies, "strategies:denial")
	n := 2 * (3 + len(strategies) - 1)
	for _, want := range []Coding{
		{UnitID: "tst-alpha-2020-r1", Variable: "strategies:denial", Coder: "alice", Round: 1, Value: Yes},
		{UnitID: "tst-alpha-2020-r1", Variable: other, Coder: "alice", Round: 1, Value: No},
		{UnitID: "tst-beta-2021-r2", Variable: "strategies:denial", Coder: "alice", Round: 1, Value: No},
		{UnitID: "tst-beta-2021-r2", Variable: other, Coder: "alice", Round: 1, Value: No},
	} {
		if len(codings) != n || !slices.Contains(codings, want) {
			t.Fatalf("%d codings, want %d with %+v: %+v", len(codings), n, want, codings)
		}
	}
	store := filepath.Join(dir, "codings.parquet")
	if err := WriteCodings(store, codings); err != nil {
		t.Fatal(err)
	}
	old, err := ReadCodings(store)
	if err != nil || len(old) != n {
		t.Fatalf("read back %d, %v", len(old), err)
	}
	merged := Merge(old, codings) // the same file again
	if len(merged) != n {
		t.Errorf("importing twice gave %d codings", len(merged))
	}
	changed := slices.Clone(codings)
	changed[0].Value = "other"
	if merged := Merge(old, changed); len(merged) != n || !slices.ContainsFunc(merged, func(c Coding) bool { return c.Value == "other" }) {
		t.Error("a re-import does not replace the old value")
	}
}

func TestImportRejects(t *testing.T) {
	ds := minimal(t)
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.xlsx")
	f := excelize.NewFile()
	f.SaveAs(plain)
	f.Close()
	if _, err := Import(ds, plain); !errors.Is(err.(ImportErrors)[0], ErrNotTemplate) {
		t.Errorf("plain workbook: %v", err)
	}
	tpl := filepath.Join(dir, "t.xlsx")
	if err := SaveTemplate(tpl, ds, TemplateOptions{Coder: "bob"}); err != nil {
		t.Fatal(err)
	}
	g, _ := excelize.OpenFile(tpl)
	g.SetCellStr(SheetCoding, "A2", "tst-alpha-2020-r9")
	g.SetCellStr(SheetCoding, "A3", "tst-beta-2021-r1") // also in A4
	g.Save()
	g.Close()
	_, err := Import(ds, tpl, filepath.Join(dir, "missing.xlsx"))
	var list ImportErrors
	if !errors.As(err, &list) {
		t.Fatalf("err = %v", err)
	}
	var kinds []error
	for _, e := range list {
		kinds = append(kinds, e.Err)
	}
	for _, k := range []error{ErrUnknownUnit, ErrDuplicateRow} {
		if !slices.ContainsFunc(kinds, func(e error) bool { return errors.Is(e, k) }) {
			t.Errorf("no %v in %v", k, err)
		}
	}
	if !strings.Contains(err.Error(), "missing.xlsx: cannot open the workbook") {
		t.Errorf("missing file not reported: %v", err)
	}
}

// A template opened and saved by LibreOffice, with a renamed sheet, an
// extra column and a blank row, still imports.
func TestImportAfterLibreOffice(t *testing.T) {
	soffice := interoptest.LibreOffice(t)
	ds := minimal(t)
	dir := t.TempDir()
	tpl := filepath.Join(dir, "carol.xlsx")
	if err := SaveTemplate(tpl, ds, TemplateOptions{Coder: "carol"}); err != nil {
		t.Fatal(err)
	}
	fill(t, tpl, map[[2]string]string{
		{"tst-alpha-2020-r1", "observed"}:          "responded",
		{"tst-alpha-2020-r1", "organ"}:             "foreign_ministry",
		{"tst-alpha-2020-r1", "strategies:denial"}: "1",
		{"tst-beta-2021-r1", "channel_type"}:       "Press_Briefing",
		{"tst-beta-2021-r1", "observed"}:           "no_response_found",
		{"tst-beta-2021-r1", "strategies:denial"}:  "0",
	})
	f, _ := excelize.OpenFile(tpl)
	f.SetSheetName(SheetCoding, "Codierung")
	f.UnprotectSheet("Codierung")
	f.InsertCols("Codierung", "C", 1)
	f.SetCellStr("Codierung", "C1", "my notes")
	f.InsertRows("Codierung", 3, 1)
	f.Save()
	f.Close()
	out := filepath.Join(dir, "lo")
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, tpl)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	codings, err := Import(ds, filepath.Join(out, "carol.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range codings {
		got[c.UnitID+" "+c.Variable] = c.Value
	}
	// Each unit's empty strategies columns are stored as no.
	strategies := yesNoHeaders(t, ds)
	other := otherThan(strategies, "strategies:denial")
	if got["tst-alpha-2020-r1 organ"] != "foreign_ministry" || got["tst-alpha-2020-r1 strategies:denial"] != "yes" || got["tst-beta-2021-r1 strategies:denial"] != "no" ||
		got["tst-alpha-2020-r1 "+other] != "no" || got["tst-beta-2021-r1 "+other] != "no" ||
		got["tst-beta-2021-r1 channel_type"] != "press_briefing" || len(codings) != 6+2*(len(strategies)-1) { // the six cells filled, and no for every other strategy
		t.Errorf("after LibreOffice: %v", got)
	}
	if _, err := os.Stat(filepath.Join(out, "carol.xlsx")); err != nil {
		t.Fatal(err)
	}
}

func TestReconcile(t *testing.T) {
	c := func(unit, variable, coder, value string) Coding {
		return Coding{UnitID: unit, Variable: variable, Coder: coder, Round: 1, Value: value}
	}
	codings := []Coding{
		c("u1", "organ", "a", "embassy"), c("u1", "organ", "b", "embassy"), c("u1", "organ", "c", "embassy"), // agreement
		c("u2", "organ", "a", "embassy"), c("u2", "organ", "b", "embassy"), c("u2", "organ", "c", "other"), // majority
		c("u3", "organ", "a", "embassy"), c("u3", "organ", "b", "other"), // tie, adjudicated
		c("u4", "organ", "a", "embassy"), c("u4", "organ", "b", "other"), // tie, unresolved
		{UnitID: "u5", Variable: "organ", Coder: "a", Round: 2, Value: "x"}, // another round
	}
	gold, diffs := Reconcile(codings, 1, []Coding{c("u3", "organ", "judge", "other")})
	got := map[string]string{}
	for _, g := range gold {
		got[g.UnitID] = g.Value
		if g.Coder != GoldCoder {
			t.Errorf("gold coder %q", g.Coder)
		}
	}
	if got["u1"] != "embassy" || got["u2"] != "embassy" || got["u3"] != "other" || got["u4"] != "" || len(gold) != 3 {
		t.Errorf("gold = %v", got)
	}
	hows := map[string]string{}
	for _, d := range diffs {
		hows[d.UnitID] = d.How
	}
	if len(diffs) != 3 || hows["u2"] != ByMajority || hows["u3"] != ByAdjudicator || hows["u4"] != Unresolved {
		t.Errorf("disagreements = %v", hows)
	}
	path := filepath.Join(t.TempDir(), "d.xlsx")
	if err := SaveDisagreements(path, diffs); err != nil {
		t.Fatal(err)
	}
	f, _ := excelize.OpenFile(path)
	defer f.Close()
	rows, _ := f.GetRows("Disagreements")
	if !slices.Equal(rows[0], []string{"unit_id", "variable", "a", "b", "c", "gold", "settled_by"}) || len(rows) != 4 || rows[3][6] != Unresolved {
		t.Errorf("disagreement sheet = %v", rows)
	}
}

// A column the template does not have (a variable a later codebook no
// longer codes, or a coder's notes) is not read, and its filled cells are
// counted in the file's warning, not dropped without a word.
func TestImportCountsColumnsNotRead(t *testing.T) {
	ds := minimal(t)
	path := filepath.Join(t.TempDir(), "ann.xlsx")
	if err := SaveTemplate(path, ds, TemplateOptions{Coder: "ann", Units: []string{"tst-alpha-2020-r1", "tst-beta-2021-r2"}}); err != nil {
		t.Fatal(err)
	}
	fill(t, path, map[[2]string]string{
		{"tst-alpha-2020-r1", "observed"}: "responded", {"tst-alpha-2020-r1", "organ"}: "embassy", {"tst-alpha-2020-r1", "strategies:denial"}: "yes",
		{"tst-beta-2021-r2", "observed"}: "responded", {"tst-beta-2021-r2", "organ"}: "embassy", {"tst-beta-2021-r2", "strategies:denial"}: "yes",
	})
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f.UnprotectSheet(SheetCoding)
	rows, _ := f.GetRows(SheetCoding)
	col, _ := excelize.ColumnNumberToName(len(rows[0]) + 1)
	f.SetCellStr(SheetCoding, col+"1", "link")
	f.SetCellStr(SheetCoding, col+"2", "stated")
	f.SetCellStr(SheetCoding, col+"3", "inferred")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	got, err := ImportFiles(ds, ImportOptions{}, path)
	if err != nil {
		t.Fatal(err)
	}
	s := got.Files[0]
	if !slices.Equal(s.Ignored, []string{"link"}) || s.IgnoredCells != 2 || !strings.Contains(s.Warning(), "2 filled cells in column(s) link not read") {
		t.Errorf("ignored %v, %d cells; warning %q", s.Ignored, s.IgnoredCells, s.Warning())
	}
	for _, c := range got.Codings {
		if c.Variable == "link" {
			t.Errorf("a column not in the template was read: %+v", c)
		}
	}
}
