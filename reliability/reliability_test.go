package reliability

import (
	"encoding/csv"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/schema"
)

func readCSV(t *testing.T, path string) []Coding {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []Coding
	for _, r := range rows[1:] {
		out = append(out, Coding{UnitID: r[0], Coder: r[1], Value: r[2]})
	}
	return out
}

// Krippendorff's worked example (4 coders × 12 units with missing values,
// "Computing Krippendorff's Alpha-Reliability", 2011), at all four levels.
func TestKrippendorffWorkedExample(t *testing.T) {
	data := readCSV(t, "testdata/krippendorff2011.csv")
	want := map[schema.Level]float64{schema.Nominal: 0.743, schema.Ordinal: 0.815, schema.Interval: 0.849, schema.Ratio: 0.797}
	for level, w := range want {
		r, err := Alpha(data, level, nil)
		if err != nil {
			t.Fatalf("%s: %v", level, err)
		}
		if math.Round(r.Alpha*1000)/1000 != w {
			t.Errorf("%s alpha = %.4f, want %.3f", level, r.Alpha, w)
		}
		// Unit 12 has a single value: 11 pairable units, 40 pairable values.
		if r.Units != 11 || r.Values != 40 || r.Coders != 4 {
			t.Errorf("%s: %d units, %d values, %d coders", level, r.Units, r.Values, r.Coders)
		}
	}
}

func TestAlphaEdgeCases(t *testing.T) {
	same := []Coding{{UnitID: "1", Coder: "a", Value: "x"}, {UnitID: "1", Coder: "b", Value: "x"}, {UnitID: "2", Coder: "a", Value: "x"}, {UnitID: "2", Coder: "b", Value: "x"}}
	if _, err := Alpha(same, schema.Nominal, nil); !errors.Is(err, ErrNoVariation) {
		t.Errorf("no variation: %v", err)
	}
	perfect := []Coding{{UnitID: "1", Coder: "a", Value: "x"}, {UnitID: "1", Coder: "b", Value: "x"}, {UnitID: "2", Coder: "a", Value: "y"}, {UnitID: "2", Coder: "b", Value: "y"}}
	if r, err := Alpha(perfect, schema.Nominal, nil); err != nil || r.Alpha != 1 || r.Agreement != 1 {
		t.Errorf("perfect agreement: %+v %v", r, err)
	}
	if _, err := Alpha([]Coding{{UnitID: "1", Coder: "a", Value: "x"}, {UnitID: "2", Coder: "b", Value: "y"}}, schema.Nominal, nil); !errors.Is(err, ErrNoPairs) {
		t.Errorf("no pairs: %v", err)
	}
	if _, err := Alpha(perfect, schema.Interval, nil); !errors.Is(err, ErrNotNumeric) {
		t.Errorf("text at interval level: %v", err)
	}
	if _, err := Alpha(perfect, "cardinal", nil); !errors.Is(err, ErrBadLevel) {
		t.Errorf("bad level: %v", err)
	}
	if _, err := Alpha(append(perfect, Coding{UnitID: "1", Coder: "a", Value: "y"}), schema.Nominal, nil); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate: %v", err)
	}
	// An explicit order makes ordinal alpha depend on the codebook's order, not the alphabet.
	ord := []Coding{{UnitID: "1", Coder: "a", Value: "none"}, {UnitID: "1", Coder: "b", Value: "asserted"}, {UnitID: "2", Coder: "a", Value: "detailed"}, {UnitID: "2", Coder: "b", Value: "detailed"}, {UnitID: "3", Coder: "a", Value: "summary"}, {UnitID: "3", Coder: "b", Value: "summary"}}
	byCodebook, err1 := Alpha(ord, schema.Ordinal, []string{"none", "asserted", "summary", "detailed"})
	alphabetical, err2 := Alpha(ord, schema.Ordinal, nil)
	if err1 != nil || err2 != nil || byCodebook.Alpha == alphabetical.Alpha {
		t.Errorf("ordinal order ignored: %v %v", byCodebook.Alpha, alphabetical.Alpha)
	}
	if _, err := Alpha(ord, schema.Ordinal, []string{"none"}); err == nil {
		t.Error("value outside the order accepted")
	}
}

func TestCohenKappa(t *testing.T) {
	// 10 units, agreement on 7; A says yes 5 times, B 6 times.
	// p_o = .7, p_e = .5*.6 + .5*.4 = .5, kappa = .4.
	a := []string{"y", "y", "y", "y", "y", "n", "n", "n", "n", "n"}
	b := []string{"y", "y", "y", "y", "n", "y", "y", "n", "n", "n"}
	var c []Coding
	for i := range a {
		u := string(rune('a' + i))
		c = append(c, Coding{UnitID: u, Coder: "A", Value: a[i]}, Coding{UnitID: u, Coder: "B", Value: b[i]})
	}
	k, err := CohenKappa(c)
	if err != nil || math.Abs(k-0.4) > 1e-12 {
		t.Errorf("kappa = %v, %v; want 0.4", k, err)
	}
	if _, err := CohenKappa(append(c, Coding{UnitID: "a", Coder: "C", Value: "y"})); !errors.Is(err, ErrNotTwoCoders) {
		t.Errorf("three coders: %v", err)
	}
}

func TestBootstrapIsSeededAndBracketsAlpha(t *testing.T) {
	data := readCSV(t, "testdata/krippendorff2011.csv")
	a, err := BootstrapAlpha(data, schema.Nominal, nil, 2000, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := BootstrapAlpha(data, schema.Nominal, nil, 2000, 7)
	c, _ := BootstrapAlpha(data, schema.Nominal, nil, 2000, 8)
	if a != b || a == c {
		t.Errorf("seeding: %+v %+v %+v", a, b, c)
	}
	if !(a.Low < 0.743 && 0.743 < a.High) || a.High > 1 || a.Samples < 1900 {
		t.Errorf("interval %+v does not bracket 0.743", a)
	}
}

func TestReadCSV(t *testing.T) {
	got, err := ReadCSV(strings.NewReader("\uFEFFcoder,unit,value,note\nA,1,x,\nB,1,,\n"), "in.csv")
	if err != nil || len(got) != 2 || got[0] != (Coding{UnitID: "1", Coder: "A", Value: "x", Where: "in.csv:2"}) || got[1].Value != "" {
		t.Fatalf("%+v %v", got, err)
	}
	for in, want := range map[string]string{
		"":                          "in.csv: empty file",
		"unit,coder\n":              `in.csv:1: no "value" column`,
		"unit,coder,value\n1,A\n":   "in.csv:2: row has 2 fields, no value",
		"unit,coder,value\n,A,x\n":  "in.csv:2: unit and coder must not be empty",
		"unit,coder,value\n1,\"A,x": "in.csv:2:",
		"unit,coder,value\n1,A,x\n2,A,y\n1,A,z\n": `in.csv:4: a coder coded the same unit twice: coder "A", unit "1" (first at line 2)`,
		"unit,coder,value\n1,A,x\n1,B,d\xe9ni\n":  `in.csv:3: "d\xe9ni" is not valid UTF-8`,
		// UTF-16 ("Unicode text" in Excel): one error saying so, not a
		// header without a unit column.
		"\xff\xfeu\x00n\x00i\x00t\x00,\x00": "in.csv:1: the file is UTF-16 (it starts with the byte-order mark FFFE); save it as UTF-8",
		"u\x00n\x00i\x00t\x00,\x00":         "in.csv:1: the file has a NUL byte at byte 2",
	} {
		if _, err := ReadCSV(strings.NewReader(in), "in.csv"); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add("unit,coder,value\n1,A,x\n1,B,y\n")
	f.Add("value,unit,coder\n\"a\"\"b\",1,A\n")
	f.Add("unit,coder,value\n1,A,-5\n1,B,5\n2,A,1e300\n2,B,1e-300\n3,A,1e400\n")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ReadCSV(strings.NewReader(s), "fuzz.csv")
		if err != nil {
			return
		}
		CohenKappa(c) // must not panic
		for _, level := range []schema.Level{schema.Nominal, schema.Ordinal, schema.Interval, schema.Ratio} {
			// Alpha is a number or an error, never a blank without a word.
			if r, err := Alpha(c, level, nil); err == nil && (math.IsNaN(r.Alpha) || math.IsInf(r.Alpha, 0)) {
				t.Fatalf("%s: alpha %v without an error", level, r.Alpha)
			}
		}
	})
}
