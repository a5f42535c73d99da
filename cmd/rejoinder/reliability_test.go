package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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

// The readers of events and reliability input files refuse, at once and
// with status 1, an input that is not a regular file (a named pipe used to
// hang them, a link to /dev/zero to read for ever), and one over its
// size limit, naming the file and the variable that raises the limit.
func TestInputFilesBounded(t *testing.T) {
	dir := t.TempDir()
	fifo, zero := filepath.Join(dir, "pipe.csv"), filepath.Join(dir, "zero.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Skip(err)
	}
	big := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(big, []byte("unit,coder,value\n"+strings.Repeat("\n", 2<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	for _, tt := range []struct {
		args []string
		env  [2]string
		want string
	}{
		{[]string{"reliability", fifo}, [2]string{}, fifo + ": not a regular file (it is a named pipe (FIFO)); give a reliability CSV file"},
		{[]string{"reliability", zero}, [2]string{}, zero + ": not a regular file (it is a character device)"},
		{[]string{"reliability", big}, [2]string{"REJOINDER_MAX_RELIABILITY_MB", "1"}, big + ": input file over its size limit"},
		{[]string{"events", "import", fifo, "--out", out}, [2]string{}, fifo + ": not a regular file (it is a named pipe (FIFO)); give a pairs CSV file"},
		{[]string{"events", "import", big, "--out", out}, [2]string{"REJOINDER_MAX_PAIRS_MB", "1"}, "REJOINDER_MAX_PAIRS_MB=<MiB>"},
		{[]string{"events", "ingest", fifo, "--out", out}, [2]string{}, fifo + ": not a regular file (it is a named pipe (FIFO)); give a GDELT event file"},
		{[]string{"events", "ingest", zero, "--out", out}, [2]string{}, zero + ": not a regular file (it is a character device)"},
	} {
		if tt.env[0] != "" {
			t.Setenv(tt.env[0], tt.env[1])
		}
		type result struct {
			code      int
			out, errs string
		}
		done := make(chan result, 1)
		go func() {
			var out, errb bytes.Buffer
			code := run(tt.args, &out, &errb)
			done <- result{code, out.String(), errb.String()}
		}()
		select {
		case r := <-done:
			if r.code != exitInvalid || !strings.Contains(r.errs, tt.want) || r.out != "" {
				t.Errorf("%v: exit %d, out %q, err %q; want %d %q", tt.args, r.code, r.out, r.errs, exitInvalid, tt.want)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%v did not return within 20 s", tt.args)
		}
		if tt.env[0] != "" {
			os.Unsetenv(tt.env[0])
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v wrote %s", tt.args, out)
		}
	}
}
