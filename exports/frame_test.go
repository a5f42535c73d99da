package exports

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestWriteFrameGolden(t *testing.T) {
	ds, err := dataset.Load("../dataset/testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	df, err := analysis.CompareCases(ds, "tst-alpha-2020", "tst-beta-2021")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range Formats {
		var buf bytes.Buffer
		if err := WriteFrame(&buf, df, format); err != nil {
			t.Fatal(err)
		}
		path := "testdata/compare." + format
		if *update {
			os.WriteFile(path, buf.Bytes(), 0o644)
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s output differs from %s:\n%s", format, path, buf.String())
		}
	}
}

func TestWriteFrameTypes(t *testing.T) {
	df := dataframe.New(
		series.New([]string{"a", "=b"}, series.String, "name"),
		series.New([]any{1, nil}, series.Int, "n"),
		series.New([]float64{0.5, 0.25}, series.Float, "share"),
		series.New([]bool{true, false}, series.Bool, "ok"),
	)
	var buf bytes.Buffer
	if err := WriteFrame(&buf, df, FormatJSON); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rows); err != nil {
		t.Fatalf("%v: %s", err, buf.String())
	}
	if rows[0]["n"] != 1.0 || rows[1]["n"] != nil || rows[1]["share"] != 0.25 || rows[0]["ok"] != true || rows[1]["name"] != "=b" {
		t.Errorf("json rows = %v", rows)
	}
	buf.Reset()
	if err := WriteFrame(&buf, df, FormatCSV); err != nil || buf.String() != "name,n,share,ok\na,1,0.5,true\n=b,,0.25,false\n" {
		t.Errorf("csv = %q, %v", buf.String(), err)
	}
	if err := WriteFrame(&buf, df, "yaml"); err == nil {
		t.Error("unknown format accepted")
	}
}
