package exports

import (
	"bytes"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/internal/xlsxzip"
	"github.com/rejoinder/rejoinder/synth"
)

// TestTimelineRetainsNoRows checks that the Timeline sheet, whose rows
// grow with the responses of the busiest cases, holds none of them in
// memory once laid out: they are written when the workbook is saved. Held
// as excelize cells, they made the workbook of 1M responses over 100
// cases take 2.2 GB. The rows saved are then read back.
func TestTimelineRetainsNoRows(t *testing.T) {
	ds, err := synth.Generate(synth.Options{Cases: MaxTimelineCases, Responses: 40000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	c := analysis.ColumnsOf(ds)
	// The rows expected, computed from the columns: every case is among
	// the busiest, so each responded response with a lag within the cap.
	want := 0
	for i := 0; i < c.N; i++ {
		if lag, ok := c.Lag(i); ok && c.Responded(i) && lag <= MaxTimelineDays {
			want++
		}
	}
	if want < 5000 {
		t.Fatalf("only %d timeline rows: too few to see memory grow", want)
	}
	f := excelize.NewFile()
	defer f.Close()
	wb, err := newWorkbook(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := wb.sheet(SheetTimeline); err != nil {
		t.Fatal(err)
	}
	sources := map[string]xlsxzip.Rows{}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if err := wb.timelineSheet(c, sources); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	retained := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	// A few bytes a row would be noise; excelize's cells take hundreds.
	if perRow := retained / int64(want); perRow > 16 {
		t.Errorf("laying out the timeline's %d rows retained %d bytes (%d a row): its rows are held, not streamed", want, retained, perRow)
	}
	runtime.KeepAlive(c)

	rows := savedTimeline(t, f, sources)
	if got := len(rows) - 1; got != want {
		t.Fatalf("Timeline has %d data rows, want %d", got, want)
	}
	// Every row names a response of its case, with the lag the columns give.
	lagOf := map[string]int{}
	for i := 0; i < c.N; i++ {
		if lag, ok := c.Lag(i); ok {
			lagOf[c.ResponseID[i]] = lag
		}
	}
	for r, row := range rows[1:] {
		if len(row) < 4 {
			t.Fatalf("row %d: %q, want 4 cells", r+2, row)
		}
		if lag, err := strconv.Atoi(row[3]); err != nil || lag != lagOf[row[2]] {
			t.Fatalf("row %d: response %s lag %q, want %d", r+2, row[2], row[3], lagOf[row[2]])
		}
	}
}

// The Timeline stops at the sheet's last row, saying how many responses
// it leaves off, rather than write rows past Excel's limit.
func TestTimelineStopsAtLastRow(t *testing.T) {
	ds, err := synth.Generate(synth.Options{Cases: 3, Responses: 600, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	c := analysis.ColumnsOf(ds)
	all := 0
	for i := 0; i < c.N; i++ {
		if lag, ok := c.Lag(i); ok && c.Responded(i) && lag <= MaxTimelineDays {
			all++
		}
	}
	limit := all / 2
	defer func(old int) { maxTimelineRows = old }(maxTimelineRows)
	maxTimelineRows = limit
	f := excelize.NewFile()
	defer f.Close()
	wb, err := newWorkbook(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := wb.sheet(SheetTimeline); err != nil {
		t.Fatal(err)
	}
	sources := map[string]xlsxzip.Rows{}
	if err := wb.timelineSheet(c, sources); err != nil {
		t.Fatal(err)
	}
	rows := savedTimeline(t, f, sources)
	if got := len(rows) - 1; got != limit {
		t.Errorf("Timeline has %d data rows, want the limit %d (of %d)", got, limit, all)
	}
	note := "" // cell F1
	if len(rows) > 0 && len(rows[0]) > 5 {
		note = rows[0][5]
	}
	if want := strconv.Itoa(all-limit) + " responses past the sheet's last row are left off."; !strings.Contains(note, want) {
		t.Errorf("the note %q does not say %q", note, want)
	}
}

// savedTimeline saves the workbook with its spliced rows and reads the
// Timeline sheet back with excelize.
func savedTimeline(t *testing.T, f *excelize.File, sources map[string]xlsxzip.Rows) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsxzip.Save(f, &buf, sources); err != nil {
		t.Fatal(err)
	}
	back, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	rows, err := back.GetRows(SheetTimeline)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
