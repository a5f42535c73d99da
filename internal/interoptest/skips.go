package interoptest

import (
	"bufio"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// SkipDirEnv names the environment variable that holds the directory in
// which RecordSkip leaves a line for each test skipped for a missing
// reader. `make test` sets it, because go test runs each package's tests
// in a process of its own, and prints SkipSummary of it at the end.
const SkipDirEnv = "REJOINDER_SKIP_DIR"

// skipFileMu keeps the lines of tests running in parallel in one process
// whole.
var skipFileMu sync.Mutex

// RecordSkip notes that t is about to be skipped because what is not
// installed, and how to install it, in a file of its own process under
// $REJOINDER_SKIP_DIR; it does nothing when the variable is unset. A
// failure to record is reported with t.Log, never failing the test.
func RecordSkip(t testing.TB, what, install string) {
	t.Helper()
	dir := os.Getenv(SkipDirEnv)
	if dir == "" {
		return
	}
	pkg, _ := os.Getwd() // go test runs each package's tests in its directory
	line := strings.Join([]string{clean(pkg), clean(t.Name()), clean(what), clean(install)}, "\t") + "\n"
	skipFileMu.Lock()
	defer skipFileMu.Unlock()
	f, err := os.OpenFile(filepath.Join(dir, fmt.Sprintf("skips-%d.tsv", os.Getpid())), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err == nil {
		_, err = f.WriteString(line)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		t.Logf("recording the skip for make test: %v", err)
	}
}

// clean keeps a field on its line and in its column.
func clean(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

// SkipSummary reads what RecordSkip left in dir and returns one line
// naming how many tests were skipped and, for each missing reader, how to
// install it, in alphabetical order:
//
//	interop: 3 tests skipped — missing: DuckDB (make interop), LibreOffice (apt-get install libreoffice-calc-nogui)
//
// It returns "" when nothing was skipped.
func SkipSummary(dir string) (string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "skips-*.tsv"))
	if err != nil {
		return "", err
	}
	tests := map[string]bool{}
	install := map[string]string{} // what → how to install it
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return "", err
		}
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			fields := strings.Split(sc.Text(), "\t")
			if len(fields) != 4 {
				f.Close()
				return "", fmt.Errorf("%s:%d: %d fields, want 4 (package, test, what, install)", name, line, len(fields))
			}
			tests[fields[0]+"\t"+fields[1]] = true
			install[fields[2]] = fields[3]
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return "", err
		}
	}
	if len(tests) == 0 {
		return "", nil
	}
	var missing []string
	for _, what := range slices.Sorted(maps.Keys(install)) {
		missing = append(missing, fmt.Sprintf("%s (%s)", what, install[what]))
	}
	noun := "tests"
	if len(tests) == 1 {
		noun = "test"
	}
	return fmt.Sprintf("interop: %d %s skipped — missing: %s", len(tests), noun, strings.Join(missing, ", ")), nil
}
