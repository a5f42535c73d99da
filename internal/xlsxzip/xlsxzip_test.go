package xlsxzip

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
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
		b, err := SetDimension([]byte(c.xml), c.lastRow, c.lastCol)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		got := string(b)
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
		rows := Rows{FirstRow: 2, LastRow: 3, LastCol: 2, Write: func(w *bufio.Writer) error {
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

// A sheet frame of the shape excelize writes, and the rows spliced into it.
const (
	frame   = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr filterMode="true"/><dimension ref="A1"/><sheetViews/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row></sheetData><pageSetup/></worksheet>`
	rowsXML = `<row r="2"><c r="A2"><v>1</v></c></row>`
	types   = `<Types><Default Extension="xml" ContentType="a"></Default><Override PartName="/b" ContentType="b"></Override><Override PartName="/a" ContentType="a"></Override></Types>`
	sheet1  = "xl/worksheets/sheet1.xml"
	scatter = `<chartSpace><scatterChart><ser><xVal><strRef><f>S!$A$2:$A$3</f></strRef></xVal></ser></scatterChart></chartSpace>`
	chart1  = "xl/charts/chart1.xml"
)

// writeArchive saves entries through a Writer that splices rowsXML into
// sheet1 (as row 2 on).
func writeArchive(entries map[string]string, sheet string) ([]byte, error) {
	var buf bytes.Buffer
	z := New(&buf, map[string]Rows{sheet: {FirstRow: 2, LastRow: 2, LastCol: 1, Write: func(w *bufio.Writer) error {
		_, err := w.WriteString(rowsXML)
		return err
	}}})
	for name, data := range entries {
		w, _ := z.Create(name)
		io.WriteString(w, data)
	}
	err := z.Close()
	return buf.Bytes(), err
}

// The frame as excelize writes it today is spliced; every change of its
// shape that the splice, the dimension, the sorting or the chart fix
// would get wrong stops the save with ErrExcelizeOutput and says what,
// instead of writing a workbook that is corrupt or silently wrong, and
// before it writes a byte.
func TestExcelizeShapeChecked(t *testing.T) {
	ok := map[string]string{sheet1: frame, contentTypes: types, chart1: scatter}
	b, err := writeArchive(ok, sheet1)
	if err != nil {
		t.Fatalf("today's shape: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		got[zf.Name] = string(data)
	}
	wantSheet := strings.Replace(strings.Replace(strings.Replace(frame, `<dimension ref="A1"/>`, `<dimension ref="A1:A2"/>`, 1),
		"</sheetData>", rowsXML+"</sheetData>", 1), ` filterMode="true"`, "", 1)
	for name, want := range map[string]string{
		sheet1:       wantSheet,
		contentTypes: `<Types><Default Extension="xml" ContentType="a"></Default><Override PartName="/a" ContentType="a"></Override><Override PartName="/b" ContentType="b"></Override></Types>`,
		chart1:       strings.Replace(scatter, "<xVal><strRef><f>S!$A$2:$A$3</f></strRef></xVal>", "<xVal><numRef><f>S!$A$2:$A$3</f></numRef></xVal>", 1),
	} {
		if got[name] != want {
			t.Errorf("%s:\n got %s\nwant %s", name, got[name], want)
		}
	}

	for _, c := range []struct {
		name, entry, from, to, sheet, want string
	}{
		{"sheet saved under another name", sheet1, "", "", "xl/worksheets/sheet2.xml", "excelize wrote no such worksheet"},
		{"prefixed sheetData", sheet1, "<sheetData>", "<x:sheetData>", sheet1, "0 elements <sheetData"},
		{"two sheetData", sheet1, "<pageSetup/>", "<sheetData></sheetData><pageSetup/>", sheet1, "2 elements <sheetData"},
		{"sheetData closed twice", sheet1, "<pageSetup/>", "</sheetData><pageSetup/>", sheet1, "2 </sheetData>"},
		{"excelize wrote row 2 too", sheet1, "</row></sheetData>", `</row><row r="2"></row></sheetData>`, sheet1, "excelize wrote row 2"},
		{"cell attributes reordered", sheet1, `<c r="A1" t="inlineStr">`, `<c t="inlineStr" r="A1">`, sheet1, `1 cells, 0 of them`},
		{"dimension in another form", sheet1, `<dimension ref="A1"/>`, `<dimension ref='A1'/>`, sheet1, "1 dimension elements, 0 of the form"},
		{"two dimensions", sheet1, `<sheetViews/>`, `<dimension ref="A1"/><sheetViews/>`, sheet1, "2 dimension elements"},
		{"no place for a dimension", sheet1, `<dimension ref="A1"/><sheetViews/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row></sheetData>`, ``, sheet1, "no <sheetViews>"},
		{"content type spread over lines", contentTypes, `"b"></Override>`, "\"b\">\n</Override>", sheet1, "2 Override elements, 1 of the form"},
		{"default with a child", contentTypes, `"a"></Default>`, `"a"><x/></Default>`, sheet1, "1 Default elements, 0 of the form"},
		{"prefixed scatter chart", chart1, "scatterChart>", "c:scatterChart>", sheet1, "not written <scatterChart>"},
		{"scatter x values spaced", chart1, "<xVal><strRef>", "<xVal> <strRef>", sheet1, "1 scatter series' x values, 0 of them"},
	} {
		entries := map[string]string{}
		for k, v := range ok {
			entries[k] = v
		}
		entries[c.entry] = strings.Replace(entries[c.entry], c.from, c.to, 1)
		b, err := writeArchive(entries, c.sheet)
		if !errors.Is(err, ErrExcelizeOutput) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want ErrExcelizeOutput saying %q", c.name, err, c.want)
		}
		if len(b) > 0 {
			t.Errorf("%s: %d bytes written before the error", c.name, len(b))
		}
	}
}
