package exports

import (
	"bufio"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/xlsxzip"
	"github.com/rejoinder/rejoinder/synth"
)

var (
	bench200kOnce sync.Once
	bench200k     *dataset.Dataset
)

// BenchmarkWorkbook200k writes the full workbook of 200,000 synthetic
// responses (rejoinder gen --cases 2000 --responses 200000 --seed 1).
func BenchmarkWorkbook200k(b *testing.B) {
	bench200kOnce.Do(func() {
		ds, err := synth.Generate(synth.Options{Cases: 2000, Responses: 200000, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		bench200k = ds
	})
	b.ResetTimer()
	for b.Loop() {
		if err := WriteWorkbook(io.Discard, bench200k, WorkbookOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSheetRows writes one sheet of 50,000 rows of six text cells and
// two numbers the two ways: excelize's supported StreamWriter.SetRow, and
// saved by excelize's own WriteTo (the whole supported route), and rowXML
// spliced into excelize's frame by xlsxzip (what the workbook does).
func BenchmarkSheetRows(b *testing.B) {
	const rows, texts = 50000, 6
	text := func(r, c int) string {
		return fmt.Sprintf("row %d, column %d: a sentence of ordinary length & <markup>", r, c)
	}
	b.Run("excelize-SetRow", func(b *testing.B) {
		for b.Loop() {
			f := excelize.NewFile()
			sw, _ := f.NewStreamWriter("Sheet1")
			cells := make([]any, texts+2)
			for r := 1; r <= rows; r++ {
				for c := range texts {
					cells[c] = text(r, c)
				}
				cells[texts], cells[texts+1] = r, r%2 == 0
				if err := sw.SetRow(cell(1, r), cells); err != nil {
					b.Fatal(err)
				}
			}
			if err := sw.Flush(); err != nil {
				b.Fatal(err)
			}
			if _, err := f.WriteTo(io.Discard); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
	b.Run("rowXML-splice", func(b *testing.B) {
		for b.Loop() {
			f := excelize.NewFile()
			sw, _ := f.NewStreamWriter("Sheet1")
			if err := sw.SetRow("A1", []any{"h"}); err != nil {
				b.Fatal(err)
			}
			if err := sw.Flush(); err != nil {
				b.Fatal(err)
			}
			src := xlsxzip.Rows{FirstRow: 2, LastRow: rows, LastCol: texts + 2, Write: func(w *bufio.Writer) error {
				rx := newRowXML(texts + 2)
				var head []byte
				for r := 2; r <= rows; r++ {
					for c := range texts {
						rx.text(c, r, 0, text(r, c))
					}
					rx.number(texts, r, 0, int64(r))
					rx.boolean(texts+1, r, 0, r%2 == 0)
					head = appendRowStart(head[:0], r, 0)
					if err := rx.flush(w, head); err != nil {
						return err
					}
				}
				return nil
			}}
			if err := xlsxzip.Save(f, io.Discard, map[string]xlsxzip.Rows{"xl/worksheets/sheet1.xml": src}); err != nil {
				b.Fatal(err)
			}
			f.Close()
		}
	})
}
