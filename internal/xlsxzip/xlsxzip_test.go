package xlsxzip

import (
	"archive/zip"
	"bufio"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestSetDimension(t *testing.T) {
	for _, c := range []struct {
		name, xml        string
		lastRow, lastCol int
		want             string
	}{
		{"empty sheet", `<worksheet><dimension ref="A1"/><sheetData/></worksheet>`, 0, 0, `<dimension ref="A1"/>`},
		{"cells", `<worksheet><dimension ref="A1"/><sheetData><row r="1"><c r="A1"/><c r="AB1"/></row><row r="7"><c r="C7"/></row></sheetData></worksheet>`, 0, 0, `<dimension ref="A1:AB7"/>`},
		{"rows to come", `<worksheet><dimension ref="A1"/><sheetData><row r="1"><c r="A1"/><c r="F1"/></row></sheetData></worksheet>`, 1201, 6, `<dimension ref="A1:F1201"/>`},
		{"long form", `<worksheet><dimension ref="A1"></dimension><sheetData><row r="2"><c r="B2"/></row></sheetData></worksheet>`, 0, 0, `<dimension ref="A1:B2"/>`},
		{"missing", `<worksheet><sheetViews/><sheetData><row r="2"><c r="B2"/></row></sheetData></worksheet>`, 0, 0, `<worksheet><dimension ref="A1:B2"/><sheetViews/>`},
	} {
		got := string(SetDimension([]byte(c.xml), c.lastRow, c.lastCol))
		if !strings.Contains(got, c.want) || strings.Count(got, "<dimension") != 1 {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// A workbook saved through Save has every sheet's real dimension, the
// spliced rows included, and the same bytes every time.
func TestSaveDimensionsAndDeterminism(t *testing.T) {
	save := func() []byte {
		f := excelize.NewFile()
		defer f.Close()
		f.SetCellStr("Sheet1", "C4", "x")
		f.NewSheet("Streamed")
		f.SetCellStr("Streamed", "A1", "header")
		var buf bytes.Buffer
		rows := Rows{LastRow: 3, LastCol: 2, Write: func(w *bufio.Writer) error {
			_, err := w.WriteString(`<row r="2"><c r="B2" t="inlineStr"><is><t>a</t></is></c></row><row r="3"><c r="A3"><v>1</v></c></row>`)
			return err
		}}
		if err := Save(f, &buf, map[string]Rows{"xl/worksheets/sheet2.xml": rows}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	b := save()
	if !bytes.Equal(b, save()) {
		t.Error("two saves differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"xl/worksheets/sheet1.xml": `<dimension ref="A1:C4"/>`, "xl/worksheets/sheet2.xml": `<dimension ref="A1:B3"/>`}
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		if w, ok := want[zf.Name]; ok && !strings.Contains(string(data), w) {
			t.Errorf("%s: %s, want %s", zf.Name, data, w)
		}
		delete(want, zf.Name)
	}
	if len(want) > 0 {
		t.Errorf("missing sheets %v", want)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Streamed", "B2"); v != "a" {
		t.Errorf("spliced cell B2 = %q", v)
	}
}
