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
