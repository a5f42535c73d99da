package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// TestMain removes the binary rejoinderBinary built, once every test ran.
func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// rejoinderBinary builds the command once per test run, alone in its
// directory (for PATH), for the tests that must run it as a separate
// process: to kill it, to limit it, or to run the tutorial's shell blocks.
func rejoinderBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "rejoinder-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "rejoinder")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("%w\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatalf("go build: %v", binErr)
	}
	return binPath
}

// snapshot maps every file under dir (by relative path) to the SHA-256 of
// its content; temporary files (".NAME.tmp-*") are listed apart.
func snapshot(t *testing.T, dir string) (files map[string]string, temps []string) {
	t.Helper()
	files = map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if strings.HasPrefix(d.Name(), ".") && strings.Contains(d.Name(), ".tmp-") {
			temps = append(temps, rel)
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		files[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, temps
}

// fixedTime makes the workbook's creation date, its one varying byte,
// the same in every run.
var fixedTime = append(os.Environ(), "SOURCE_DATE_EPOCH=1700000000")

func mustRun(t *testing.T, bin string, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = fixedTime
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rejoinder %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// A build killed with SIGKILL while it writes leaves every output either
// as the previous build wrote it or as the new build writes it in full:
// never a partial file under a final name. Killed at several moments, the
// first while a temporary file is open.
func TestKilledBuildLeavesOutputsIntact(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a subprocess several times")
	}
	bin := rejoinderBinary(t)
	work := t.TempDir()
	oldData, newData := filepath.Join(work, "old"), filepath.Join(work, "new")
	mustRun(t, bin, "gen", "--cases", "1000", "--responses", "60000", "--seed", "1", "--out", oldData)
	mustRun(t, bin, "gen", "--cases", "1000", "--responses", "60000", "--seed", "2", "--out", newData)
	out, want := filepath.Join(work, "out"), filepath.Join(work, "want")
	mustRun(t, bin, "build", "--data", oldData, "--out", out)
	mustRun(t, bin, "build", "--data", newData, "--out", want)
	before, _ := snapshot(t, out)
	after, _ := snapshot(t, want)
	if len(before) < 10 || len(before) != len(after) {
		t.Fatalf("outputs: %d before, %d after", len(before), len(after))
	}
	for name := range before {
		if before[name] == after[name] {
			t.Fatalf("%s is the same for both datasets: the test could not tell them apart", name)
		}
	}

	killedMidWrite := false
	for _, delay := range []time.Duration{0, 150 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond} {
		cmd := exec.Command(bin, "build", "--data", newData, "--out", out)
		cmd.Env = fixedTime
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if delay == 0 {
			// Wait for a temporary file: the kill lands mid-write.
			for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
				if _, temps := snapshot(t, out); len(temps) > 0 {
					break
				}
				time.Sleep(time.Millisecond)
			}
		} else {
			time.Sleep(delay)
		}
		if _, temps := snapshot(t, out); len(temps) > 0 {
			killedMidWrite = true
		}
		cmd.Process.Kill()
		cmd.Wait()
		files, _ := snapshot(t, out)
		for name, sum := range files {
			if sum != before[name] && sum != after[name] {
				t.Errorf("killed after %v: %s is neither the old nor the new file", delay, name)
			}
		}
		for name := range before {
			if _, ok := files[name]; !ok {
				t.Errorf("killed after %v: %s is gone", delay, name)
			}
		}
	}
	if !killedMidWrite {
		t.Error("no kill landed while a file was being written")
	}
	// The next build completes and replaces everything.
	mustRun(t, bin, "build", "--data", newData, "--out", out)
	if files, _ := snapshot(t, out); len(files) != len(after) {
		t.Errorf("after a full build: %d files, want %d", len(files), len(after))
	} else {
		for name, sum := range after {
			if files[name] != sum {
				t.Errorf("after a full build: %s differs", name)
			}
		}
	}
}

// A full disk (here: a file-size limit, which fails writes the same way)
// gives an error naming the file, exit status 1, and leaves the previous
// outputs as they were, with no temporary file behind.
func TestBuildOnFullDisk(t *testing.T) {
	bin := rejoinderBinary(t)
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash for ulimit")
	}
	out := t.TempDir()
	mustRun(t, bin, "build", "--data", "../../dataset/testdata/minimal", "--out", out)
	before, _ := snapshot(t, out)
	// 64 KB per file: the curated dataset's Parquet and CSV files fit, its
	// workbook does not.
	cmd := exec.Command("bash", "-c", `ulimit -f 64 && exec "$0" build --out "$1"`, bin, out)
	msg, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitInvalid {
		t.Fatalf("err = %v, want exit status 1\n%s", err, msg)
	}
	if !strings.Contains(string(msg), "rejoinder.xlsx") || !strings.Contains(string(msg), "file too large") {
		t.Errorf("message does not name the file and the cause:\n%s", msg)
	}
	files, temps := snapshot(t, out)
	if len(temps) > 0 {
		t.Errorf("temporary files left: %v", temps)
	}
	if files["rejoinder.xlsx"] != before["rejoinder.xlsx"] {
		t.Error("the previous workbook was changed")
	}
}
