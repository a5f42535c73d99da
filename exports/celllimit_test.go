package exports

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/rejoinder/rejoinder/dataset"
)

// utf16Len is a text's length as Excel counts it.
func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// Excel's cell limit counts UTF-16 units: a character above U+FFFF is two,
// and one that lands across the limit is left out whole, never split into
// half a surrogate pair. A cut text ends with a note that says so.
func TestFitCell(t *testing.T) {
	emoji := "😀" // U+1F600: 4 bytes in UTF-8, 2 units in UTF-16
	tests := []struct {
		name    string
		text    string
		cut     bool
		keepsTo int // bytes of text kept before the note, when cut
	}{
		{"short", "a short summary", false, 0},
		{"exactly the limit in ASCII", strings.Repeat("a", maxCellChars), false, 0},
		{"exactly the limit, ending with a 4-byte character", strings.Repeat("a", maxCellChars-2) + emoji, false, 0},
		{"4-byte character at position 32,766", strings.Repeat("a", maxCellChars-1) + emoji + "tail", true, -1},
		{"one past the limit", strings.Repeat("é", maxCellChars+1), true, -1},
		{"long text of 4-byte characters", strings.Repeat(emoji, 100_000), true, -1},
		{"invalid bytes count one each", strings.Repeat("\xff", maxCellChars+5), true, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cut := fitCell(tt.text)
			if cut != tt.cut {
				t.Fatalf("cut = %v, want %v", cut, tt.cut)
			}
			if !cut {
				if got != tt.text {
					t.Error("an uncut text changed")
				}
				return
			}
			note := fmt.Sprintf(cutNote, utf8.RuneCountInString(tt.text))
			if !strings.HasSuffix(got, note) {
				t.Fatalf("the cut text ends %q, want the note %q", got[max(0, len(got)-200):], note)
			}
			kept := strings.TrimSuffix(got, note)
			if !strings.HasPrefix(tt.text, kept) {
				t.Error("the kept text is not the start of the text")
			}
			// As Excel will read it: invalid bytes become U+FFFD, one unit each.
			units := utf16Len(strings.ToValidUTF8(kept, "\uFFFD")) + utf16Len(note)
			if strings.Contains(tt.text, "\xff") {
				units = len(kept) + utf16Len(note)
			}
			if units > maxCellChars {
				t.Errorf("the cut text has %d UTF-16 units, more than %d", units, maxCellChars)
			}
			if units < maxCellChars-1 {
				t.Errorf("the cut text has %d UTF-16 units: more was cut than needed", units)
			}
			if tt.text[len(kept):] != "" && !utf8.RuneStart(tt.text[len(kept)]) {
				t.Error("cut inside a character")
			}
		})
	}
}

// A summary with a 4-byte character at position 32,766, and one of a
// million characters, are cut in the workbook to Excel's limit counted in
// UTF-16 units, each cell saying it was cut, and the export warns, naming
// sheet and cell; openpyxl reads the cells back.
func TestWorkbookCutsLongTextAndSaysSo(t *testing.T) {
	ds, err := dataset.Load("../dataset/testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	atLimit := strings.Repeat("a", maxCellChars-1) + "😀" + strings.Repeat("b", 1000)
	huge := strings.Repeat("long text ", 100_000)
	ds.Responses[0].Summary = atLimit
	ds.Cases[0].Summary = huge
	// A cell written through excelize (the About sheet's) too: excelize
	// would cut at 32,767 characters counted as runes, silently.
	about := strings.Repeat("𝔸", maxCellChars) // 2 UTF-16 units each
	ds.Meta.Description = about
	var warnings bytes.Buffer
	b := buildWorkbook(t, ds, WorkbookOptions{Compare: [2]string{"tst-alpha-2020", "tst-beta-2021"}, Warnings: &warnings})
	f := openWorkbook(t, b)
	cells := []struct{ sheet, id, text string }{
		{SheetResponses, ds.Responses[0].ResponseID, atLimit},
		{SheetCases, ds.Cases[0].CaseID, huge},
	}
	path := filepath.Join(t.TempDir(), "cut.xlsx")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, c := range cells {
		ref := column(t, f, c.sheet, "summary") + fmt.Sprint(row(t, f, c.sheet, c.id))
		refs = append(refs, fmt.Sprintf("'%s'!%s", c.sheet, ref))
		v, err := f.GetCellValue(c.sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		note := fmt.Sprintf(cutNote, utf8.RuneCountInString(c.text))
		if n := utf16Len(v); n > maxCellChars || !strings.HasSuffix(v, note) || !strings.HasPrefix(c.text, strings.TrimSuffix(v, note)) {
			t.Errorf("%s!%s: %d UTF-16 units, ending %q; want at most %d, ending with the note", c.sheet, ref, n, v[max(0, len(v)-120):], maxCellChars)
		}
	}
	aboutCell := ""
	rows, _ := f.GetRows(SheetAbout)
	for i, r := range rows {
		if len(r) > 1 && r[0] == "What this is" {
			aboutCell = fmt.Sprintf("B%d", i+1)
			v := r[1]
			note := fmt.Sprintf(cutNote, utf8.RuneCountInString(about))
			if n := utf16Len(v); n > maxCellChars || !strings.HasSuffix(v, note) {
				t.Errorf("About!%s: %d UTF-16 units, want at most %d, ending with the note", aboutCell, n, maxCellChars)
			}
		}
	}
	if aboutCell == "" {
		t.Fatal("no description on the About sheet")
	}
	refs = append(refs, "'"+SheetAbout+"'!"+aboutCell)
	msg := warnings.String()
	if !strings.Contains(msg, "warning: 3 cell(s) of the workbook cut at Excel's limit of 32,767 characters") {
		t.Errorf("warning %q does not count the 3 cut cells", msg)
	}
	for _, r := range refs {
		if !strings.Contains(msg, r) {
			t.Errorf("warning %q does not name %s", msg, r)
		}
	}
	// openpyxl, as a user's program reads the workbook.
	got := readCells(t, path)
	for _, c := range cells {
		found := false
		for _, r := range got[c.sheet] {
			for _, cell := range r {
				if s, ok := cell[1].(string); ok && strings.HasPrefix(s, c.text[:100]) {
					found = true
					if n := utf16Len(s); n > maxCellChars || !strings.Contains(s, "[cut at Excel's limit") {
						t.Errorf("openpyxl reads %s's summary as %d UTF-16 units ending %q", c.sheet, n, s[max(0, len(s)-120):])
					}
				}
			}
		}
		if !found {
			t.Errorf("openpyxl finds no summary in %s", c.sheet)
		}
	}
}
