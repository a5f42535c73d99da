package events

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/schema"
)

// Pairs written as CSV (as an engine would return them), imported and read
// back, give the same pairs and the same summaries; a narrower window
// over imported pairs equals computing with it.
func TestImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	ingestFixtures(t, dir)
	st, _ := Load(dir)
	src, _ := st.Pairs(30)
	var buf bytes.Buffer
	if _, err := WritePairs(&buf, src, FormatCSV); err != nil {
		t.Fatal(err)
	}
	// Shuffle the rows into two files, as a sharded export might.
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	header, body := lines[0], lines[1:]
	slices.Reverse(body)
	csvDir := t.TempDir()
	a, b := filepath.Join(csvDir, "a.csv"), filepath.Join(csvDir, "b.csv")
	os.WriteFile(a, []byte(header+"\n"+strings.Join(body[:4], "\n")+"\n"), 0o644)
	os.WriteFile(b, []byte(header+"\n"+strings.Join(body[4:], "\n")+"\n"), 0o644)
	out := t.TempDir()
	n, err := Import([]string{a, b}, out, 30)
	if err != nil || n != 10 {
		t.Fatalf("import: %d rows, %v", n, err)
	}
	imp, window, err := ReadPairs(out)
	if err != nil || window != 30 {
		t.Fatalf("read: window %d, %v", window, err)
	}
	if got, want := pairRows(t, imp), pairRows(t, src); !slices.Equal(got, want) {
		t.Errorf("imported pairs\n%q\nwant\n%q", got, want)
	}
	src29, _ := st.Pairs(29)
	if got, want := pairRows(t, imp.Within(29)), pairRows(t, src29); !slices.Equal(got, want) {
		t.Errorf("imported pairs within 29 days\n%q\nwant\n%q", got, want)
	}
	x, _ := Summarize(imp.Tallies(), ByDyad)
	tal, _ := st.Tallies(30)
	y, _ := Summarize(tal, ByDyad)
	if x.String() != y.String() {
		t.Errorf("summaries differ:\n%v\n%v", x, y)
	}
}

func TestImportErrors(t *testing.T) {
	header := strings.Join(PairColumns, ",")
	good := "1001,2018-03-04,GBR,RUS,112,1002,2018-03-04,RUS,GBR,016,denial,0"
	tests := []struct {
		name, row string
		column    int
		field     string
		err       error
	}{
		{"bad id", "x1,2018-03-04,GBR,RUS,112,,,,,,,", 1, "accusation_id", schema.ErrBadValue},
		{"bad date", "1001,2018-02-30,GBR,RUS,112,,,,,,,", 2, "accusation_date", schema.ErrBadValue},
		{"not a state", "1001,2018-03-04,EUR,RUS,112,,,,,,,", 3, "accuser", schema.ErrBadValue},
		{"same state", "1001,2018-03-04,RUS,RUS,112,,,,,,,", 4, "accused", schema.ErrBadValue},
		{"not an accusation", "1001,2018-03-04,GBR,RUS,016,,,,,,,", 5, "accusation_code", schema.ErrBadValue},
		{"half a response", "1001,2018-03-04,GBR,RUS,112,1002,,RUS,GBR,016,denial,0", 7, "response_date", schema.ErrMissing},
		{"wrong responder", "1001,2018-03-04,GBR,RUS,112,1002,2018-03-04,USA,GBR,016,denial,0", 8, "responder", schema.ErrBadValue},
		{"wrong type", "1001,2018-03-04,GBR,RUS,112,1002,2018-03-04,RUS,GBR,016,threat_warning,0", 11, "response_type", schema.ErrBadValue},
		{"outside window", "1001,2018-03-04,GBR,RUS,112,1002,2018-04-04,RUS,GBR,016,denial,31", 7, "response_date", schema.ErrBadValue},
		{"wrong lag", "1001,2018-03-04,GBR,RUS,112,1002,2018-03-05,RUS,GBR,016,denial,0", 12, "lag_days", schema.ErrBadValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "pairs.csv")
			os.WriteFile(path, []byte(header+"\n"+good+"\n"+tt.row+"\n"), 0o644)
			out := t.TempDir()
			_, err := Import([]string{path}, out, 30)
			var list schema.ErrorList
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("got %v", err)
			}
			fe := list[0]
			if fe.File != path || fe.Line != 3 || fe.Column != tt.column || fe.Field != tt.field || !errors.Is(fe.Err, tt.err) || fe.Allowed == "" && tt.err == schema.ErrBadValue {
				t.Errorf("got %s (line %d column %d field %s)", fe, fe.Line, fe.Column, fe.Field)
			}
			if HasPairs(out) {
				t.Error("pairs written despite the problem")
			}
		})
	}
	// An accusation both unanswered and answered, in two files: reported
	// where it first stands, naming the other place.
	dir := t.TempDir()
	first, second := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	os.WriteFile(first, []byte(header+"\n"+good+"\n"), 0o644)
	os.WriteFile(second, []byte(header+"\n1001,2018-03-04,GBR,RUS,112,,,,,,,\n"), 0o644)
	_, err := Import([]string{first, second}, t.TempDir(), 30)
	var fe *schema.FieldError
	if !errors.As(err, &fe) || fe.File != first || fe.Line != 2 || fe.Field != "accusation_id" || fe.Value != "1001" ||
		!errors.Is(err, schema.ErrInconsistent) || !strings.Contains(err.Error(), second+":2") {
		t.Errorf("conflicting rows: %v", err)
	}
	// A wrong header.
	path := filepath.Join(t.TempDir(), "pairs.csv")
	os.WriteFile(path, []byte("a,b\n1,2\n"), 0o644)
	if _, err := Import([]string{path}, t.TempDir(), 30); err == nil || !strings.Contains(err.Error(), "accusation_id") {
		t.Errorf("wrong header: %v", err)
	}
}
