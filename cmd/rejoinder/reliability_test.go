package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// reliability refuses what it cannot measure honestly: a bootstrap of
// fewer than 2 samples (other than 0, no interval) is a usage error; a
// value outside the level's domain (a negative ratio) or not a number
// names the file and line it came from.
func TestReliabilityRefusesBadInput(t *testing.T) {
	data := "../../reliability/testdata/krippendorff2011.csv"
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	negative := write("lags.csv", "unit,coder,value\n1,A,-5\n1,B,5\n2,A,3\n2,B,3\n")
	text := write("scores.csv", "unit,coder,value\n1,A,1\n1,B,2\n2,A,two\n2,B,3\n")
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"reliability", "--bootstrap", "-5", data}, 2, "--bootstrap -5: bootstrap needs 2 or more samples (allowed: 0 for no interval, or 2 or more"},
		{[]string{"reliability", "--bootstrap", "1", data}, 2, "--bootstrap 1:"},
		{[]string{"reliability", "--level", "ratio", negative}, 1, negative + `:2: coder "A", unit "1": value outside the level's domain: "-5"`},
		{[]string{"reliability", "--level", "interval", text}, 1, text + `:4: coder "A", unit "2": value is not a number "two"`},
	} {
		code, out, errs := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) || out != "" {
			t.Errorf("%v: exit %d, out %q, err %q; want %d %q", tt.args, code, out, errs, tt.code, tt.want)
		}
	}
	// docs/errors.md shows the usage error as printed.
	doc, err := os.ReadFile("../../docs/errors.md")
	if _, _, errs := runCLI(t, "reliability", "--bootstrap", "-5", "size.csv"); err != nil || !strings.Contains(string(doc), errs) {
		t.Errorf("docs/errors.md (%v) lacks what reliability --bootstrap -5 prints:\n%s", err, errs)
	}
	// --bootstrap 0 measures without an interval.
	code, out, errs := runCLI(t, "reliability", "--bootstrap", "0", "--format", "csv", data)
	if code != 0 || !strings.Contains(out, "krippendorff2011,nominal,0.743") || !strings.Contains(out, ",,,") {
		t.Errorf("--bootstrap 0: exit %d: %s%s", code, out, errs)
	}
}
