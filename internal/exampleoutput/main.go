package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

func main() {
	pkgs := os.Args[1:]
	if len(pkgs) == 0 {
		pkgs = []string{"./..."}
	}
	n, err := run(pkgs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "exampleoutput:", err)
		os.Exit(1)
	}
	fmt.Printf("exampleoutput: rewrote %d example output(s)\n", n)
}

func run(patterns []string) (int, error) {
	out, err := exec.Command("go", append([]string{"list", "-f", "{{.ImportPath}}\t{{.Dir}}"}, patterns...)...).Output()
	if err != nil {
		return 0, fmt.Errorf("go list: %w", err)
	}
	total := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, dir, _ := strings.Cut(line, "\t")
		n, err := fixPackage(path, dir)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

// failure is one example whose output differs from its comment.
type failure struct {
	name string
	got  []string
}

var failLine = regexp.MustCompile(`^--- FAIL: (Example\w*) \(`)

// fixPackage runs one package's examples and rewrites the outputs of
// those that differ.
func fixPackage(path, dir string) (int, error) {
	cmd := exec.Command("go", "test", "-count=1", "-run", "^Example", path)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	if err == nil {
		return 0, nil
	}
	fails, perr := parse(buf.String())
	if perr != nil || len(fails) == 0 {
		return 0, fmt.Errorf("%s: examples fail for another reason than their output:\n%s", path, buf.String())
	}
	for _, f := range fails {
		if err := rewrite(dir, f); err != nil {
			return 0, fmt.Errorf("%s: %w", path, err)
		}
	}
	return len(fails), nil
}

// parse reads go test's report of failed examples: "--- FAIL: ExampleX
// (0.00s)", "got:", the lines printed, "want:", the lines expected.
func parse(report string) ([]failure, error) {
	lines := strings.Split(report, "\n")
	var fails []failure
	for i := 0; i < len(lines); i++ {
		m := failLine.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		if i+1 >= len(lines) || lines[i+1] != "got:" {
			return nil, errors.New(m[1] + " failed without a got/want report")
		}
		var got []string
		j := i + 2
		for ; j < len(lines) && lines[j] != "want:"; j++ {
			got = append(got, lines[j])
		}
		if j == len(lines) {
			return nil, errors.New(m[1] + ": no want: line")
		}
		fails = append(fails, failure{name: m[1], got: got})
		i = j
	}
	return fails, nil
}

// rewrite replaces the Output comment of the named example in dir's test
// files.
func rewrite(dir string, f failure) error {
	files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		lines := strings.Split(string(data), "\n")
		start := -1
		for i, l := range lines {
			if strings.HasPrefix(l, "func "+f.name+"(") {
				start = i
				break
			}
		}
		if start < 0 {
			continue
		}
		out := -1
		for i := start + 1; i < len(lines) && !strings.HasPrefix(lines[i], "func "); i++ {
			if t := strings.TrimSpace(lines[i]); t == "// Output:" || t == "// Unordered output:" {
				out = i
				break
			}
		}
		if out < 0 {
			return fmt.Errorf("%s: %s has no // Output: line", file, f.name)
		}
		indent := lines[out][:len(lines[out])-len(strings.TrimLeft(lines[out], " \t"))]
		end := out + 1
		for end < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[end]), "//") {
			end++
		}
		var repl []string
		for _, g := range f.got {
			if g == "" {
				repl = append(repl, indent+"//")
			} else {
				repl = append(repl, indent+"// "+g)
			}
		}
		lines = append(lines[:out+1], append(repl, lines[end:]...)...)
		return os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644)
	}
	return fmt.Errorf("%s not found in %s", f.name, dir)
}
