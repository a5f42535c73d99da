package coding

import (
	"bytes"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestCodingsCSVRoundTrip(t *testing.T) {
	in := []Coding{
		{UnitID: "u2", Variable: "organ", Coder: "ben", Round: 1, Value: "embassy"},
		{UnitID: "u1", Variable: "strategies:denial", Coder: "ana", Round: 2, Value: "yes"},
		{UnitID: "u1", Variable: "organ", Coder: "ana", Round: 1, Value: ""},
		{UnitID: "u1", Variable: "note", Coder: "ana", Round: 1, Value: "a, \"quoted\"\nvalue"},
	}
	var buf bytes.Buffer
	if err := WriteCodingsCSV(&buf, in); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "unit_id,variable,coder,round,value\nu1,note,ana,1,") {
		t.Errorf("not sorted or wrong header:\n%s", buf.String())
	}
	out, err := ReadCodingsCSV(&buf, "codings.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(in)
	slices.SortFunc(want, compareCodings)
	if !slices.Equal(out, want) {
		t.Errorf("round trip:\n got %v\nwant %v", out, want)
	}
}

func TestCodingsCSVErrors(t *testing.T) {
	tests := []struct {
		name, csv string
		line      int
		column    string
	}{
		{"empty file", "", 1, ""},
		{"wrong header", "unit,coder,value\n", 1, ""},
		{"short row", "unit_id,variable,coder,round,value\nu1,organ,ana,1\n", 2, ""},
		{"bad round", "unit_id,variable,coder,round,value\nu1,organ,ana,1\u00a0,embassy\n", 2, "round"},
		{"round zero", "unit_id,variable,coder,round,value\nu1,organ,ana,0,embassy\n", 2, "round"},
		{"no coder", "unit_id,variable,coder,round,value\nu1,organ,,1,embassy\n", 2, "coder"},
		{"invalid UTF-8", "unit_id,variable,coder,round,value\nu1,organ,ana,1,emb\xe9\n", 2, "value"},
		{"coded twice", "unit_id,variable,coder,round,value\nu1,organ,ana,1,embassy\nu2,organ,ana,1,x\nu1,organ,ana,1,other\n", 4, ""},
		{"bare quote", "unit_id,variable,coder,round,value\nu1,organ,ana,1,a\"b\n", 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCodingsCSV(strings.NewReader(tt.csv), "c.csv")
			var ce *CSVError
			if !errors.As(err, &ce) || !errors.Is(err, ErrCodingsCSV) || ce.Line != tt.line || ce.Column != tt.column {
				t.Fatalf("got %v; want a CSVError on line %d, column %q", err, tt.line, tt.column)
			}
			if !strings.HasPrefix(err.Error(), "c.csv:") {
				t.Errorf("message %q does not start with the file", err)
			}
		})
	}
}

func FuzzCodingsCSV(f *testing.F) {
	f.Add("unit_id,variable,coder,round,value\nu1,organ,ana,1,embassy\n")
	f.Add("unit_id,variable,coder,round,value\nu1,\"strategies:denial\",ana,2,yes\nu1,organ,ben,1,\n")
	f.Add("unit_id,variable,coder,round,value\n\"a\nb\",x,y,3,\"q\"\"\"\n")
	f.Fuzz(func(t *testing.T, data string) {
		codings, err := ReadCodingsCSV(strings.NewReader(data), "f.csv")
		if err != nil {
			var ce *CSVError
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is not a *CSVError", err)
			}
			return
		}
		// What reads back writes and reads again to the same codings.
		var buf bytes.Buffer
		if err := WriteCodingsCSV(&buf, codings); err != nil {
			t.Fatal(err)
		}
		again, err := ReadCodingsCSV(&buf, "again.csv")
		if err != nil {
			t.Fatalf("re-read: %v", err)
		}
		want := slices.Clone(codings)
		slices.SortFunc(want, compareCodings)
		if !slices.Equal(again, want) {
			t.Fatalf("round trip changed the codings")
		}
	})
}

// A codings path ending in .csv is read and written as CSV, so that the
// commands (coding import --out, reconcile, reliability) work on the
// published codings file as on Parquet.
func TestCodingsFileByExtension(t *testing.T) {
	in := []Coding{{UnitID: "u1", Variable: "organ", Coder: "ana", Round: 1, Value: "embassy"}}
	dir := t.TempDir()
	for _, name := range []string{"c.csv", "c.CSV", "c.parquet"} {
		path := dir + "/" + name
		if err := WriteCodings(path, in); err != nil {
			t.Fatal(err)
		}
		head := make([]byte, 7)
		f, _ := os.Open(path)
		f.Read(head)
		f.Close()
		if isText := string(head) == "unit_id"; isText != strings.HasSuffix(strings.ToLower(name), ".csv") {
			t.Errorf("%s written as %q…", name, head)
		}
		out, err := ReadCodings(path)
		if err != nil || !slices.Equal(out, in) {
			t.Errorf("%s: read back %v, %v", name, out, err)
		}
	}
}
