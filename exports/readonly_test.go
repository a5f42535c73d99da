package exports

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/interoptest"
	"github.com/rejoinder/rejoinder/schema"
)

// readOnlySheet is what interop/read_only_workbook.py reports of a sheet.
type readOnlySheet struct {
	ReadOnlyRows    int `json:"read_only_rows"`
	ReadOnlyColumns int `json:"read_only_columns"`
	Rows, Columns   int
	FirstDifference map[string]any `json:"first_difference"`
}

// openpyxl with read_only=True trusts each sheet's <dimension ref>: it
// must see every row and column of every sheet, the same values as a full
// load, including the parts of a table split at a small MaxRows.
func TestReadOnlyOpenpyxlSeesEverySheet(t *testing.T) {
	ds := dataset.MustDefault()
	book := filepath.Join(t.TempDir(), "book.xlsx")
	maxRows := max(len(ds.Responses)/2, 1) // responses over at least two sheets
	if err := os.WriteFile(book, buildWorkbook(t, ds, WorkbookOptions{MaxRows: maxRows}), 0o644); err != nil {
		t.Fatal(err)
	}
	var got map[string]readOnlySheet
	interoptest.Python(t, "read_only_workbook.py", []string{"openpyxl"}, &got, book)
	_, ps := dataSheets(loaded{ds}, analysis.ColumnsOf(ds), maxRows)
	if len(ps[schema.TableResponses]) < 2 {
		t.Fatalf("responses in %d part(s), want a split table", len(ps[schema.TableResponses]))
	}
	for name, s := range got {
		if s.ReadOnlyRows != s.Rows || s.ReadOnlyColumns != s.Columns || s.FirstDifference != nil {
			t.Errorf("%s: read_only sees %d×%d, a full load %d×%d; first difference %v",
				name, s.ReadOnlyRows, s.ReadOnlyColumns, s.Rows, s.Columns, s.FirstDifference)
		}
	}
	for _, t0 := range dataset.Tables {
		for _, p := range ps[t0] {
			if s := got[p.name]; s.ReadOnlyRows != p.end-p.first+1 || s.ReadOnlyColumns < len(ds.Codebook.Columns(t0)) {
				t.Errorf("%s: read_only sees %d rows × %d columns, want %d rows × at least %d columns",
					p.name, s.ReadOnlyRows, s.ReadOnlyColumns, p.end-p.first+1, len(ds.Codebook.Columns(t0)))
			}
		}
	}
}
