package coding

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/interoptest"
	"github.com/rejoinder/rejoinder/schema"
)

// yesNoHeaders returns the yes/no columns of the responses table's
// multi-label variables (strategies:denial...), as the template writes them.
func yesNoHeaders(t *testing.T, ds *dataset.Dataset) []string {
	t.Helper()
	cols, err := codedColumns(ds.Codebook, schema.TableResponses)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cols {
		if c.code != "" {
			out = append(out, c.header)
		}
	}
	if len(out) < 2 {
		t.Fatalf("yes/no columns %v: the tests need two", out)
	}
	return out
}

// otherThan returns the first header that is not h.
func otherThan(headers []string, h string) string {
	return headers[slices.IndexFunc(headers, func(x string) bool { return x != h })]
}

// withNo returns what the import stores for a coded row whose filled
// cells are cells: those values, and no for each yes/no column left empty.
func withNo(t *testing.T, ds *dataset.Dataset, cells map[string]string) map[string]string {
	t.Helper()
	out := maps.Clone(cells)
	for _, h := range yesNoHeaders(t, ds) {
		if _, ok := out[h]; !ok {
			out[h] = No
		}
	}
	return out
}

// cellOf returns the A1 reference of a unit's cell in a column of a
// template's Coding sheet.
func cellOf(t *testing.T, f *excelize.File, unit, header string) string {
	t.Helper()
	rows, err := f.GetRows(SheetCoding)
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], header)
	for i, r := range rows {
		if col >= 0 && len(r) > 0 && r[0] == unit {
			return cellName(col+1, i+1)
		}
	}
	t.Fatalf("no cell for %s, %s", unit, header)
	return ""
}

// edit opens a template, lets change edit it as a coder would, and saves it.
func edit(t *testing.T, path string, change func(f *excelize.File)) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	change(f)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// Each way a filled cell used to be lost or let through is reported at
// its cell, or handled as the Instructions say.
func TestImportChecksEachCell(t *testing.T) {
	ds := minimal(t)
	const unit = "tst-alpha-2020-r1"
	complete := map[string]string{"observed": "responded", "organ": "foreign_ministry", "strategies:denial": "yes"}
	for _, tc := range []struct {
		name   string
		cells  map[string]string                // header → value, on unit's row
		change func(*testing.T, *excelize.File) // after the cells are filled
		kind   error                            // nil: imports
		column string                           // where the problem is
		stored map[string]string                // variable → value stored, when it imports
		empty  int                              // optional cells left empty (channel_type; organ when no response was found)
	}{
		{name: "complete row", cells: complete, stored: withNo(t, ds, complete), empty: 1},
		{name: "codes in any case are stored as the codebook writes them",
			cells:  map[string]string{"observed": "RESPONDED", "organ": "Foreign_Ministry", "strategies:denial": "Yes"},
			stored: withNo(t, ds, complete), empty: 1},
		{name: "a code that is not one in any case", cells: map[string]string{"observed": "Respond", "organ": "embassy", "strategies:denial": "yes"},
			kind: ErrBadCode, column: "observed"},
		{name: "empty organ when observed is responded", cells: map[string]string{"observed": "responded", "strategies:denial": "yes"},
			kind: ErrMissingCode, column: "organ"},
		{name: "empty observed", cells: map[string]string{"organ": "embassy", "strategies:denial": "yes"},
			kind: ErrMissingCode, column: "observed"},
		// A silence uses no strategy: each is stored as no, so a coder who
		// found a response with a strategy disagrees on that strategy too.
		{name: "organ may be empty when no response was found", cells: map[string]string{"observed": "no_response_found"},
			stored: withNo(t, ds, map[string]string{"observed": "no_response_found"}), empty: 2},
		{name: "empty strategies cells are stored as no, other optional cells as not coded",
			cells:  map[string]string{"observed": "responded", "organ": "embassy", "strategies:denial": "yes", "strategies:smear_framing": "no"},
			stored: withNo(t, ds, map[string]string{"observed": "responded", "organ": "embassy", "strategies:denial": "yes"}), empty: 1},
		{name: "no strategy when observed is responded", cells: map[string]string{"observed": "responded", "organ": "embassy", "strategies:denial": "no"},
			kind: ErrMissingCode, column: "strategies"},
		{name: "no strategy is right when observed is declined_comment", cells: map[string]string{"observed": "declined_comment", "organ": "embassy", "strategies:denial": "no"},
			stored: withNo(t, ds, map[string]string{"observed": "declined_comment", "organ": "embassy"}), empty: 1},
		{name: "a formula in a code cell", cells: map[string]string{"observed": "responded", "organ": "embassy"},
			change: func(t *testing.T, f *excelize.File) {
				f.SetCellFormula(SheetCoding, cellOf(t, f, unit, "strategies:denial"), `LOWER("YES")`)
			},
			kind: ErrFormula, column: "strategies:denial"},
		{name: "an edited quote", cells: complete,
			change: func(t *testing.T, f *excelize.File) {
				f.SetCellStr(SheetCoding, cellOf(t, f, unit, "quotes"), "words the dataset does not hold")
			},
			kind: ErrContextEdited, column: "quotes"},
		{name: "an emptied date", cells: complete,
			change: func(t *testing.T, f *excelize.File) {
				f.SetCellStr(SheetCoding, cellOf(t, f, unit, "date"), "")
			},
			kind: ErrContextEdited, column: "date"},
		{name: "a blank workbook", cells: nil, kind: ErrNoCodings},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "alice.xlsx")
			if err := SaveTemplate(path, ds, TemplateOptions{Coder: "alice", Units: []string{unit, "tst-beta-2021-r1"}}); err != nil {
				t.Fatal(err)
			}
			edit(t, path, func(f *excelize.File) {
				for header, v := range tc.cells {
					f.SetCellStr(SheetCoding, cellOf(t, f, unit, header), v)
				}
				if tc.change != nil {
					tc.change(t, f)
				}
			})
			got, err := ImportFiles(ds, ImportOptions{}, path)
			if tc.kind == nil {
				if err != nil {
					t.Fatal(err)
				}
				stored := map[string]string{}
				for _, c := range got.Codings {
					stored[c.Variable] = c.Value
				}
				if len(stored) != len(tc.stored) {
					t.Errorf("stored %v, want %v", stored, tc.stored)
				}
				for k, v := range tc.stored {
					if stored[k] != v {
						t.Errorf("%s stored as %q, want %q", k, stored[k], v)
					}
				}
				if s := got.Files[0]; s.Blank != 1 || s.Rows != 2 || s.Empty != tc.empty || s.Codings != len(tc.stored) ||
					!strings.Contains(s.Warning(), "1 of 2 units left blank") || !strings.Contains(s.Warning(), fmt.Sprintf("; %d optional cells left empty", tc.empty)) {
					t.Errorf("summary %+v: %q", s, s.Warning())
				}
				return
			}
			var list ImportErrors
			if !errors.As(err, &list) || len(list) != 1 || !errors.Is(list[0], tc.kind) || list[0].Column != tc.column {
				t.Fatalf("got %v, want one %v in column %q", err, tc.kind, tc.column)
			}
			if tc.column != "" {
				f, _ := excelize.OpenFile(path)
				header := tc.column
				if header == "strategies" {
					header = "strategies:denial" // the first strategies column
				}
				want := cellOf(t, f, unit, header)
				f.Close()
				if list[0].Cell != want || !strings.Contains(list[0].Error(), `alice.xlsx: sheet "Coding" cell `+want) {
					t.Errorf("reported at %q: %v; want cell %s", list[0].Cell, list[0], want)
				}
			}
		})
	}
}

// Two files naming one coder for the same units are an error naming both;
// with Replace the later file's codings replace the earlier one's.
func TestImportOneCoderInTwoFiles(t *testing.T) {
	ds := minimal(t)
	dir := t.TempDir()
	units := []string{"tst-alpha-2020-r1", "tst-beta-2021-r1"}
	paths := map[string]string{}
	for name, organ := range map[string]string{"bob.xlsx": "embassy", "bob-again.xlsx": "head_of_state"} {
		path := filepath.Join(dir, name)
		paths[name] = path
		if err := SaveTemplate(path, ds, TemplateOptions{Coder: "bob", Units: units}); err != nil {
			t.Fatal(err)
		}
		edit(t, path, func(f *excelize.File) {
			for _, u := range units {
				for h, v := range map[string]string{"observed": "responded", "organ": organ, "strategies:denial": "yes"} {
					f.SetCellStr(SheetCoding, cellOf(t, f, u, h), v)
				}
			}
		})
	}
	_, err := ImportFiles(ds, ImportOptions{}, paths["bob.xlsx"], paths["bob-again.xlsx"])
	var list ImportErrors
	if !errors.As(err, &list) || len(list) != 1 || !errors.Is(list[0], ErrSameCoder) {
		t.Fatalf("one coder in two files: %v", err)
	}
	for _, want := range []string{"bob-again.xlsx: ", `codes units another file already codes as the same coder: coder "bob", round 1, 2 unit(s) also in ` + paths["bob.xlsx"], "--replace"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
	got, err := ImportFiles(ds, ImportOptions{Replace: true}, paths["bob.xlsx"], paths["bob-again.xlsx"])
	if err != nil {
		t.Fatal(err)
	}
	// Per unit: observed, organ, strategies:denial, and no for
	// every other strategy.
	perFile := len(units) * (3 + len(yesNoHeaders(t, ds)) - 1)
	if got.Replaced != perFile || len(got.Codings) != perFile {
		t.Fatalf("replaced %d, kept %d", got.Replaced, len(got.Codings))
	}
	for _, c := range got.Codings {
		if c.Variable == "organ" && c.Value != "head_of_state" {
			t.Errorf("the earlier file's %v survived", c)
		}
	}
	// Different coders, or different units, are no clash.
	if _, err := ImportFiles(ds, ImportOptions{}, paths["bob.xlsx"]); err != nil {
		t.Error(err)
	}
}

// A codings file keeps each coder's codings of a unit unless told to
// replace them; the same codings again change nothing.
func TestAddToStore(t *testing.T) {
	c := func(unit, variable, coder, value string) Coding {
		return Coding{UnitID: unit, Variable: variable, Coder: coder, Round: 1, Value: value}
	}
	old := []Coding{c("u1", "organ", "bob", "embassy"), c("u1", "channel_type", "bob", "press_briefing"), c("u2", "organ", "bob", "embassy"), c("u1", "organ", "ann", "other")}
	same := []Coding{c("u1", "organ", "bob", "embassy"), c("u1", "channel_type", "bob", "press_briefing")}
	out, st, err := Add(old, same, false)
	if err != nil || len(out) != 4 || st.Unchanged != 2 || st.Added != 0 {
		t.Fatalf("the same codings again: %d codings, %+v, %v", len(out), st, err)
	}
	changed := []Coding{c("u1", "organ", "bob", "head_of_state"), c("u3", "organ", "bob", "embassy")}
	_, _, err = Add(old, changed, false)
	var ce *ConflictError
	if !errors.Is(err, ErrCodedBefore) || !errors.As(err, &ce) || ce.Coder != "bob" || !slices.Equal(ce.Units, []string{"u1"}) ||
		!strings.Contains(err.Error(), `coder "bob", round 1, 1 unit(s): u1`) {
		t.Fatalf("different codings of a stored unit: %v", err)
	}
	out, st, err = Add(old, changed, true)
	if err != nil || st.Replaced != 2 || st.Added != 2 {
		t.Fatalf("replace: %+v, %v", st, err)
	}
	want := []Coding{c("u1", "organ", "ann", "other"), c("u1", "organ", "bob", "head_of_state"), c("u2", "organ", "bob", "embassy"), c("u3", "organ", "bob", "embassy")}
	if !slices.Equal(out, want) {
		t.Errorf("after replace:\n%v\nwant\n%v", out, want)
	}
}

// The template shows the coder's name, keeps Meta out of reach, hides the
// suggestions unless asked, sizes rows and headers so nothing is cut or
// overlaps, and prints legibly.
func TestTemplateForCoders(t *testing.T) {
	ds := minimal(t)
	dir := t.TempDir()
	for _, suggestions := range []bool{false, true} {
		path := filepath.Join(dir, "ana.xlsx")
		if err := SaveTemplate(path, ds, TemplateOptions{Coder: "ana & co", Suggestions: suggestions, Note: "A note."}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ins, _ := f.GetRows(SheetInstructions)
		text := strings.Join(flat(ins), "\n")
		if !slices.ContainsFunc(ins, func(r []string) bool { return len(r) == 2 && r[0] == "Coder" && r[1] == "ana & co" }) ||
			!strings.Contains(text, "Note\tA note.") {
			t.Errorf("the coder's name and note are not on the Instructions:\n%s", text)
		}
		hidden := strings.Contains(text, "suggestions are not shown")
		rows, _ := f.GetRows(SheetCoding)
		if hidden == suggestions || slices.Contains(rows[0], "suggested") != suggestions {
			t.Errorf("suggestions %v: column %v, instructions say hidden %v", suggestions, rows[0], hidden)
		}
		if !strings.Contains(text, "Required in every row you code, unless observed is no_response_found.") ||
			!strings.Contains(text, "Leave any other cell empty if you cannot decide") {
			t.Errorf("instructions do not say what is required:\n%s", text)
		}
		// Row heights follow the wrapped text: the row of the unit with
		// three quotes is taller than one with one line.
		quotes := slices.Index(rows[0], "quotes")
		for i, r := range rows[1:] {
			h, _ := f.GetRowHeight(SheetCoding, i+2)
			w, _ := f.GetColWidth(SheetCoding, cellName(quotes+1, 1)[:1])
			if lines := wrappedLines(r[quotes], w); h < float64(lines*pointsPerLine) {
				t.Errorf("row %d: %.0f points for %d lines of quotes", i+2, h, lines)
			}
		}
		// Headers are not cut: a drop-down column is as wide as its header
		// and longest code, a yes/no header is rotated in a row tall enough.
		for j, head := range rows[0] {
			col, _ := excelize.ColumnNumberToName(j + 1)
			w, _ := f.GetColWidth(SheetCoding, col)
			id, _ := f.GetCellStyle(SheetCoding, col+"1")
			st, _ := f.GetStyle(id)
			rotated := st.Alignment != nil && st.Alignment.TextRotation == 90
			if strings.Contains(head, ":") != rotated {
				t.Errorf("header %s rotated %v", head, rotated)
			}
			if head == "organ" && w < float64(len("head_of_state_office")) {
				t.Errorf("organ is %.0f wide", w)
			}
		}
		if h, _ := f.GetRowHeight(SheetCoding, 1); h < float64(len("strategies:joint_investigation_offer")*pointsPerChar) {
			t.Errorf("header row %.0f points", h)
		}
		f.Close()
		sheet := sheetXML(t, path, "xl/worksheets/sheet1.xml")
		book := sheetXML(t, path, "xl/workbook.xml")
		for _, want := range []string{`orientation="landscape"`, `fitToWidth="2"`, `fitToPage="true"`, `&amp;LCoder: ana &amp;&amp; co, round 1`} {
			if !strings.Contains(sheet, want) {
				t.Errorf("Coding sheet lacks %s", want)
			}
		}
		if !strings.Contains(book, `name="_xlnm.Print_Titles">Coding!$A:$A,Coding!$1:$1<`) || !strings.Contains(book, `name="Meta" sheetId="4" r:id="rId6" state="veryHidden"`) {
			t.Errorf("workbook: %s", book)
		}
		for _, part := range []string{"xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml"} {
			if !strings.Contains(sheetXML(t, path, part), "<sheetProtection") {
				t.Errorf("%s (Lists, Meta) is not protected", part)
			}
		}
	}
}

// A formula LibreOffice has computed (so the file holds its result) is
// still reported: the result is not a code the coder chose.
func TestImportFormulaAfterLibreOffice(t *testing.T) {
	soffice := interoptest.LibreOffice(t)
	ds := minimal(t)
	dir := t.TempDir()
	tpl := filepath.Join(dir, "dan.xlsx")
	if err := SaveTemplate(tpl, ds, TemplateOptions{Coder: "dan"}); err != nil {
		t.Fatal(err)
	}
	const unit = "tst-alpha-2020-r1"
	var cell string
	edit(t, tpl, func(f *excelize.File) {
		for h, v := range map[string]string{"observed": "responded", "organ": "embassy", "strategies:non_denial": "yes"} {
			f.SetCellStr(SheetCoding, cellOf(t, f, unit, h), v)
		}
		cell = cellOf(t, f, unit, "strategies:denial")
		f.SetCellFormula(SheetCoding, cell, `LOWER("YES")`)
	})
	out := filepath.Join(dir, "lo")
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, tpl)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	_, err := Import(ds, filepath.Join(out, "dan.xlsx"))
	var list ImportErrors
	if !errors.As(err, &list) || len(list) != 1 || !errors.Is(list[0], ErrFormula) || list[0].Cell != cell || list[0].Value != "yes" {
		t.Fatalf("a computed formula: %v", err)
	}
}

// openpyxl, an independent reader, sees Meta very hidden and protected,
// the coder's name on the Instructions, and the Coding sheet's page setup.
func TestTemplateInOpenpyxl(t *testing.T) {
	path := filepath.Join(t.TempDir(), "eve.xlsx")
	if err := SaveTemplate(path, minimal(t), TemplateOptions{Coder: "eve"}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Sheets map[string]struct {
			State     string
			Protected bool
		}
		Instructions   [][]string
		Orientation    string
		FitToWidth     int    `json:"fit_to_width"`
		PrintTitleRows string `json:"print_title_rows"`
	}
	interoptest.Python(t, "coding_template.py", []string{"openpyxl"}, &got, path)
	for sheet, want := range map[string]string{SheetCoding: "visible", SheetInstructions: "visible", SheetLists: "hidden", SheetMeta: "veryHidden"} {
		s := got.Sheets[sheet]
		if s.State != want || s.Protected != (sheet != SheetInstructions) {
			t.Errorf("%s: %+v, want %s and protected unless Instructions", sheet, s, want)
		}
	}
	if !slices.ContainsFunc(got.Instructions, func(r []string) bool { return len(r) == 2 && r[0] == "Coder" && r[1] == "eve" }) {
		t.Errorf("openpyxl does not see the coder on the Instructions: %v", got.Instructions[:3])
	}
	if got.Orientation != "landscape" || got.FitToWidth != 2 || got.PrintTitleRows != "$1:$1" {
		t.Errorf("page setup %q, fit to width %d, title rows %q", got.Orientation, got.FitToWidth, got.PrintTitleRows)
	}
}

// The byte search that spares most sheets the formula parse finds a tag
// wherever it falls, across the boundary of the chunks it reads too.
func TestMayHoldFormulas(t *testing.T) {
	for _, tc := range []struct {
		name string
		xml  string
		want bool
	}{
		{"none", "<c r=\"A1\"><v>1</v></c>", false},
		{"plain", "<c r=\"A1\"><f>SUM(1)</f></c>", true},
		{"shared", "<c r=\"A1\"><f t=\"shared\" si=\"0\"/></c>", true},
		{"prefixed", "<x:c r=\"A1\"><x:f>1</x:f></x:c>", true},
		{"split across chunks", strings.Repeat(" ", 1<<16-1) + "<f>1</f>", true},
		{"split after two bytes", strings.Repeat(" ", 1<<16-2) + "<f>1</f>", true},
	} {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("sheet.xml")
		io.WriteString(w, tc.xml)
		zw.Close()
		zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		got, err := mayHoldFormulas(zr.File[0], DefaultLimits)
		// Read a byte at a time, every tag is split between reads.
		if one, err := holdsFormulaTag(iotest.OneByteReader(strings.NewReader(tc.xml))); one != tc.want || err != nil {
			t.Errorf("%s, a byte at a time: %v, %v", tc.name, one, err)
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
}

// A strategy one coder marks yes and the other leaves empty is a
// disagreement (yes against no), not a unit only one coder coded: stored
// as not coded, the empty cell would drop out and agreement would look
// perfect. A silence (no response found) is no for every strategy, so a
// coder who found a response with a strategy disagrees on it. An
// adjudicator's partial workbook stores only the cells filled.
func TestEmptyStrategyIsNo(t *testing.T) {
	ds := minimal(t)
	dir := t.TempDir()
	const responded, silent = "tst-alpha-2020-r1", "tst-beta-2021-r1"
	other := otherThan(yesNoHeaders(t, ds), "strategies:denial")
	rows := map[string]map[[2]string]string{
		"alice": {
			{responded, "observed"}: "responded", {responded, "organ"}: "foreign_ministry",
			{responded, "strategies:denial"}: "yes", {responded, other}: "yes",
			{silent, "observed"}: "no_response_found",
		},
		"bob": { // other left empty on the responded unit; a response found on the silent one
			{responded, "observed"}: "responded", {responded, "organ"}: "foreign_ministry",
			{responded, "strategies:denial"}: "yes",
			{silent, "observed"}:             "responded", {silent, "organ"}: "embassy",
			{silent, "strategies:denial"}: "yes",
		},
	}
	var paths []string
	for _, coder := range []string{"alice", "bob"} {
		path := filepath.Join(dir, coder+".xlsx")
		if err := SaveTemplate(path, ds, TemplateOptions{Coder: coder, Units: []string{responded, silent}}); err != nil {
			t.Fatal(err)
		}
		fill(t, path, rows[coder])
		paths = append(paths, path)
	}
	codings, err := Import(ds, paths...)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[[3]string]string{}
	for _, c := range codings {
		stored[[3]string{c.Coder, c.UnitID, c.Variable}] = c.Value
	}
	for key, want := range map[[3]string]string{
		{"alice", responded, other}: Yes, {"bob", responded, other}: No,
		{"alice", silent, "strategies:denial"}: No, {"bob", silent, "strategies:denial"}: Yes,
		{"alice", silent, other}: No, {"bob", silent, other}: No,
	} {
		if stored[key] != want {
			t.Errorf("%v stored as %q, want %q", key, stored[key], want)
		}
	}
	// Each of the two codes: one unit agreed, one not.
	report, err := Report(ds.Codebook, codings, 1, 100, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, variable := range []string{other, "strategies:denial"} {
		i := slices.IndexFunc(report, func(r Row) bool { return r.Variable == variable })
		if i < 0 || report[i].Agreement != 0.5 || report[i].Units != 2 || report[i].Coders != 2 {
			t.Errorf("%s: %+v, want agreement 0.5 over 2 units and 2 coders", variable, report)
		}
	}
	_, diffs := Reconcile(codings, 1, nil)
	var split []string
	for _, d := range diffs {
		split = append(split, d.UnitID+" "+d.Variable)
	}
	for _, want := range []string{responded + " " + other, silent + " strategies:denial", silent + " observed"} {
		if !slices.Contains(split, want) {
			t.Errorf("disagreements %v lack %s", split, want)
		}
	}

	// The adjudicator fills one cell: only it is stored.
	judge := filepath.Join(dir, "carol.xlsx")
	if err := SaveTemplate(judge, ds, TemplateOptions{Coder: "carol", Units: []string{responded, silent}}); err != nil {
		t.Fatal(err)
	}
	fill(t, judge, map[[2]string]string{{responded, other}: "yes"})
	got, err := ImportFiles(ds, ImportOptions{Partial: true}, judge)
	if err != nil {
		t.Fatal(err)
	}
	cols, _ := codedColumns(ds.Codebook, schema.TableResponses)
	want := []Coding{{UnitID: responded, Variable: other, Coder: "carol", Round: 1, Value: Yes}}
	if !slices.Equal(got.Codings, want) || got.Files[0].Empty != len(cols)-1 {
		t.Errorf("partial import: %+v, %d empty; want %+v, %d empty", got.Codings, got.Files[0].Empty, want, len(cols)-1)
	}
}
