package tabular

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

var (
	columns = []string{"id", "name", "share", "ok", "note"}
	rows    = [][]any{
		{int64(7), "Ünïcode", 0.123456, true, nil},
		{12, "=b", 2.0, false, "x"},
	}
)

func write(t *testing.T, format string, widths []int, rs [][]any) string {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, format, columns, widths)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestFormats(t *testing.T) {
	tests := []struct {
		format string
		widths []int
		want   string
	}{
		{Table, nil, "" +
			"id  name     share   ok     note\n" +
			"--  -------  ------  -----  ----\n" +
			"7   Ünïcode  0.1235  true\n" +
			"12  =b       2       false  x\n"},
		// Given widths stream the rows; a longer value pushes its line out.
		{Table, []int{3, 4, 6, 5, 4}, "" +
			"id   name  share   ok     note\n" +
			"---  ----  ------  -----  ----\n" +
			"7    Ünïcode  0.1235  true\n" +
			"12   =b    2       false  x\n"},
		{CSV, nil, "id,name,share,ok,note\n7,Ünïcode,0.123456,true,\n12,=b,2,false,x\n"},
		{JSON, nil, "[\n" +
			`  {"id": 7, "name": "Ünïcode", "share": 0.123456, "ok": true, "note": null},` + "\n" +
			`  {"id": 12, "name": "=b", "share": 2, "ok": false, "note": "x"}` + "\n]\n"},
	}
	for _, tt := range tests {
		if got := write(t, tt.format, tt.widths, rows); got != tt.want {
			t.Errorf("%s %v:\n%s\nwant\n%s", tt.format, tt.widths, got, tt.want)
		}
	}
}

func TestEmpty(t *testing.T) {
	want := map[string]string{
		Table: "id  name  share  ok  note\n--  ----  -----  --  ----\n",
		CSV:   "id,name,share,ok,note\n",
		JSON:  "[\n]\n",
	}
	for _, f := range Formats {
		if got := write(t, f, nil, nil); got != want[f] {
			t.Errorf("%s: %q, want %q", f, got, want[f])
		}
	}
}

func TestErrors(t *testing.T) {
	if _, err := NewWriter(&bytes.Buffer{}, "yaml", columns, nil); err == nil || err.Error() != `unknown format "yaml" (allowed: table, csv, json)` {
		t.Errorf("yaml: %v", err)
	}
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, JSON, columns, nil)
	if err := w.Write([]any{1, "a", math.NaN(), true, nil}); err == nil || !strings.Contains(err.Error(), "column share") {
		t.Errorf("NaN in JSON: %v", err)
	}
}
