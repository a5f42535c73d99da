package exports

import (
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// A Parquet directory is validated like YAML records before its workbook
// is written, the streamed tables (responses, quotes) too: the error names
// the file, the row, the field and the value.
func TestWorkbookFromParquetValidates(t *testing.T) {
	firstQuoted := func(ds *dataset.Dataset) *schema.Response {
		for i := range ds.Responses {
			if len(ds.Responses[i].Quotes) > 0 {
				r := &ds.Responses[i]
				r.Quotes = slices.Clone(r.Quotes)
				return r
			}
		}
		t.Fatal("no response with a quote")
		return nil
	}
	for _, c := range []struct {
		name  string
		spoil func(ds *dataset.Dataset) (value string)
		want  []string
	}{
		{"quote starting with a tab", func(ds *dataset.Dataset) string {
			q := &firstQuoted(ds).Quotes[0]
			q.Text = "\t" + q.Text
			return q.Text
		}, []string{"quotes.parquet", "text", "leading or trailing white space"}},
		{"summary ending with a space", func(ds *dataset.Dataset) string {
			r := &ds.Responses[len(ds.Responses)-1]
			r.Summary += " "
			return r.Summary
		}, []string{"responses.parquet", "summary", "leading or trailing white space"}},
		{"unknown strategy", func(ds *dataset.Dataset) string {
			r := &ds.Responses[0]
			r.Strategies = append(slices.Clone(r.Strategies), "evidence_rejektion")
			return "evidence_rejektion"
		}, []string{"responses.parquet", "strategies"}},
		{"quote citing a source its response does not", func(ds *dataset.Dataset) string {
			r := firstQuoted(ds)
			for _, s := range ds.Sources {
				if !slices.Contains(r.Sources, s.SourceID) {
					r.Quotes[0].SourceID = s.SourceID
					return s.SourceID
				}
			}
			t.Fatal("every source cited")
			return ""
		}, []string{"quotes.parquet", "source_id"}},
		{"duplicate quote id", func(ds *dataset.Dataset) string {
			r := firstQuoted(ds)
			dup := r.Quotes[0]
			dup.Text = "Another passage."
			r.Quotes = append(r.Quotes, dup)
			return dup.QuoteID
		}, []string{"quotes.parquet", "quote_id", "duplicate id"}},
		{"quote evidencing a strategy its response lacks", func(ds *dataset.Dataset) string {
			for i := range ds.Responses {
				if r := &ds.Responses[i]; r.Observed == "responded" && len(r.Quotes) > 0 && !slices.Contains(r.Strategies, "acknowledgement") {
					r.Quotes = slices.Clone(r.Quotes) // the embedded dataset's quotes are shared: change a copy
					r.Quotes[0].Codes = append(slices.Clone(r.Quotes[0].Codes), "acknowledgement")
					return r.ResponseID
				}
			}
			t.Fatal("no responded response with a quote")
			return ""
		}, []string{"quotes.parquet", "acknowledgement"}},
		{"strategy no quote evidences", func(ds *dataset.Dataset) string {
			for i := range ds.Responses {
				if r := &ds.Responses[i]; r.Observed == "responded" && len(r.Quotes) > 0 {
					r.Quotes = slices.Clone(r.Quotes) // the embedded dataset's quotes are shared: change a copy
					for j := range r.Quotes {
						r.Quotes[j].Codes = slices.DeleteFunc(slices.Clone(r.Quotes[j].Codes), func(c string) bool { return c == r.Strategies[0] })
					}
					return r.ResponseID
				}
			}
			t.Fatal("no responded response with a quote")
			return ""
		}, []string{"responses.parquet", "not evidenced"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ds := dataset.MustDefault()
			value := c.spoil(ds)
			dir := t.TempDir()
			if _, err := ds.WriteParquet(dir); err != nil {
				t.Fatal(err)
			}
			err := WriteWorkbookFromParquet(io.Discard, dir, WorkbookOptions{})
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			// A long value is quoted only up to schema.MaxEchoedValue bytes.
			echoed := strings.TrimSpace(value)
			echoed = echoed[:min(len(echoed), schema.MaxEchoedValue/2)]
			for _, w := range append(c.want, echoed) {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
		})
	}
}

// A carriage return inside text comes back as a carriage return in
// openpyxl (an XML parser turns a literal one into a line feed, so it is
// written as a character reference). LibreOffice keeps every line break
// of a cell as a paragraph break, whatever its characters, and writes LF:
// there the break must stay where it was, with nothing lost.
func TestWorkbookKeepsCarriageReturns(t *testing.T) {
	ds := dataset.MustDefault()
	r := &ds.Responses[0]
	r.Summary = "First line.\rSecond line.\r\nThird line."
	book := filepath.Join(t.TempDir(), "book.xlsx")
	if err := SaveWorkbook(book, ds, WorkbookOptions{}); err != nil {
		t.Fatal(err)
	}
	converted := convertWithLibreOffice(t, book, "xlsx") // LibreOffice reads ours and writes its own
	lines := strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(r.Summary)
	for _, c := range []struct{ reader, path, want string }{{"openpyxl", book, r.Summary}, {"LibreOffice", converted, lines}} {
		sheet := readCells(t, c.path)[SheetResponses]
		col := slices.IndexFunc(sheet[0], func(cell [2]any) bool { return cell[1] == "summary" })
		if col < 0 {
			t.Fatalf("%s: no summary column", c.reader)
		}
		if got := sheet[1][col][1]; got != c.want {
			t.Errorf("%s reads the summary as %q, want %q", c.reader, got, c.want)
		}
	}
}
