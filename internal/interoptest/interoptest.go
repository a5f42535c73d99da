// Package interoptest runs the independent readers under interop/ (DuckDB,
// Frictionless datapackage-js, through Node.js) for the interoperability
// tests. Locally a missing reader skips the test; with
// REJOINDER_REQUIRE_INTEROP=1, as .ci/run sets it, it fails the test, so CI
// cannot pass without having checked.
package interoptest

import (
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

// RunJSON runs `node interop/<script> args...` and decodes its JSON
// output into v. It skips (or, in CI, fails) when Node.js or the npm
// module is missing.
func RunJSON(t *testing.T, script, module string, v any, args ...string) {
	t.Helper()
	node, err := exec.LookPath("node")
	_, serr := os.Stat(filepath.Join(dir(), "node_modules", module))
	if err != nil || serr != nil {
		if os.Getenv("REJOINDER_REQUIRE_INTEROP") == "1" {
			t.Fatalf("%s not installed (node: %v, module: %v); run: make interop", module, err, serr)
		}
		t.Skipf("%s not installed; run: make interop", module)
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
