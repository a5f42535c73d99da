package coding

import (
	"path/filepath"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/interoptest"
)

// openpyxl with read_only=True, which trusts each sheet's <dimension ref>,
// sees every row and column of every sheet of a template (the hidden ones
// too), the same values as a full load.
func TestTemplateReadOnlyOpenpyxl(t *testing.T) {
	ds := dataset.MustDefault()
	path := filepath.Join(t.TempDir(), "template.xlsx")
	if err := SaveTemplate(path, ds, TemplateOptions{Coder: "alice"}); err != nil {
		t.Fatal(err)
	}
	var got map[string]struct {
		ReadOnlyRows    int `json:"read_only_rows"`
		ReadOnlyColumns int `json:"read_only_columns"`
		Rows, Columns   int
		FirstDifference map[string]any `json:"first_difference"`
	}
	interoptest.Python(t, "read_only_workbook.py", []string{"openpyxl"}, &got, path)
	for name, s := range got {
		if s.ReadOnlyRows != s.Rows || s.ReadOnlyColumns != s.Columns || s.FirstDifference != nil {
			t.Errorf("%s: read_only sees %d×%d, a full load %d×%d; first difference %v",
				name, s.ReadOnlyRows, s.ReadOnlyColumns, s.Rows, s.Columns, s.FirstDifference)
		}
	}
	if s := got[SheetCoding]; s.ReadOnlyRows != len(ds.Responses)+1 {
		t.Errorf("Coding: read_only sees %d rows, want a header and %d responses", s.ReadOnlyRows, len(ds.Responses))
	}
}

// The disagreements workbook, read the same way, shows every disagreement
// (it said <dimension ref="A1"> until 2.0.0, so read_only saw one cell).
func TestDisagreementsReadOnlyOpenpyxl(t *testing.T) {
	diffs := []Disagreement{
		{UnitID: "u1", Variable: "organ", Values: map[string]string{"ana": "embassy", "ben": "foreign_ministry"}, How: "unresolved"},
		{UnitID: "u2", Variable: "strategies:denial", Values: map[string]string{"ana": "yes", "ben": "no"}, Gold: "yes", How: "adjudicator"},
	}
	path := filepath.Join(t.TempDir(), "disagreements.xlsx")
	if err := SaveDisagreements(path, diffs); err != nil {
		t.Fatal(err)
	}
	var got map[string]struct {
		ReadOnlyRows    int `json:"read_only_rows"`
		ReadOnlyColumns int `json:"read_only_columns"`
		Rows, Columns   int
	}
	interoptest.Python(t, "read_only_workbook.py", []string{"openpyxl"}, &got, path)
	s := got["Disagreements"]
	if s.ReadOnlyRows != len(diffs)+1 || s.ReadOnlyColumns != 6 || s.ReadOnlyRows != s.Rows {
		t.Errorf("Disagreements: read_only sees %d×%d (a full load %d×%d); want %d rows × 6 columns", s.ReadOnlyRows, s.ReadOnlyColumns, s.Rows, s.Columns, len(diffs)+1)
	}
}
