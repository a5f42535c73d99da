package interoptest

import (
	"cmp"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// dir is the interop folder, found from this file's location so that tests
// in any package can use it.
func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "interop")
}

// missing skips the test, or fails it when interop checks are required.
// A skip is recorded (RecordSkip) so that `make test` can name it.
func missing(t *testing.T, what, install string) {
	t.Helper()
	if os.Getenv("REJOINDER_REQUIRE_INTEROP") == "1" {
		t.Fatalf("%s not installed; %s", what, install)
	}
	RecordSkip(t, what, install)
	t.Skipf("%s not installed; %s", what, install)
}

// Python runs Debian's python3 (not a virtual environment's) on
// interop/<script> and decodes its JSON output into v. It skips (or, in
// CI, fails) when python3 lacks one of the modules.
func Python(t *testing.T, script string, modules []string, v any, args ...string) {
	t.Helper()
	const python = "/usr/bin/python3"
	for _, m := range modules {
		if exec.Command(python, "-c", "import "+m).Run() != nil {
			missing(t, "python module "+m, "apt-get install python3-"+m)
		}
	}
	cmd := exec.Command(python, append([]string{filepath.Join(dir(), script)}, args...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python %s: %v", script, err)
	}
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("%s printed %s: %v", script, out, err)
	}
}

// LibreOffice returns the path of the soffice program, skipping (or, in
// CI, failing) when it is not installed.
func LibreOffice(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("soffice")
	if err != nil {
		missing(t, "LibreOffice", "apt-get install libreoffice-calc-nogui")
	}
	return p
}

// readerNames are the names users know the npm modules' readers by.
var readerNames = map[string]string{
	"@duckdb/node-api": "DuckDB",
	"apache-arrow":     "Apache Arrow JS",
	"datapackage":      "datapackage-js",
}

// RunJSON runs `node interop/<script> args...` and decodes its JSON
// output into v. It skips (or, in CI, fails) when Node.js or the npm
// module is missing.
func RunJSON(t *testing.T, script, module string, v any, args ...string) {
	t.Helper()
	node, err := exec.LookPath("node")
	_, serr := os.Stat(filepath.Join(dir(), "node_modules", module))
	if err != nil || serr != nil {
		missing(t, cmp.Or(readerNames[module], module), "make interop")
	}
	cmd := exec.Command(node, append([]string{filepath.Join(dir(), script)}, args...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %s: %v", script, err)
	}
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("%s printed %s: %v", script, out, err)
	}
}

// Command returns the path of a program an interop test runs (pdftotext,
// say), skipping (or, in CI, failing) when the Debian package that
// provides it is not installed.
func Command(t *testing.T, name, debianPackage string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, name, "apt-get install "+debianPackage)
	}
	return p
}
