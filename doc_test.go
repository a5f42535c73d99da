package rejoinder_test

import (
	"fmt"
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// goPackage is one directory of the module with Go files.
type goPackage struct {
	dir   string   // slash-separated, relative to the module root
	name  string   // package name
	files []string // non-test .go files
	tests []string // _test.go files
}

// modulePackages lists the module's package directories, leaving out
// testdata, hidden and generated folders and nested modules (tools/).
func modulePackages(t *testing.T) []goPackage {
	t.Helper()
	var pkgs []goPackage
	err := filepath.WalkDir(".", func(dir string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if dir != "." {
			if strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules" || name == "bin" || name == "out" {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				return filepath.SkipDir // a module of its own
			}
		}
		if p := packageIn(filepath.ToSlash(dir)); len(p.files) > 0 {
			pkgs = append(pkgs, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 10 {
		t.Fatalf("found only %d packages; is the test running from the module root?", len(pkgs))
	}
	return pkgs
}

// packageIn lists the Go files of dir, test files apart.
func packageIn(dir string) goPackage {
	p := goPackage{dir: dir}
	all, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range all {
		if strings.HasSuffix(f, "_test.go") {
			p.tests = append(p.tests, f)
		} else {
			p.files = append(p.files, f)
		}
	}
	return p
}

// exampleName matches the name of a runnable example function.
var exampleName = regexp.MustCompile(`\bExample[A-Z_]\w*`)

// Every package has one package comment, in doc.go, that reads well in
// `go doc`: it names the package, and it points to every runnable example
// the package has (and to no example it lacks). The programs under
// examples/ are single files read top to bottom; their comment stays in
// main.go.
func TestPackageDocs(t *testing.T) {
	for _, p := range modulePackages(t) {
		for _, problem := range packageDocProblems(t, p) {
			t.Error(problem)
		}
	}
}

// The checks catch each kind of mistake (packages under testdata/doccheck).
func TestPackageDocsChecks(t *testing.T) {
	for dir, want := range map[string]string{
		"nocomment":        "no package comment",
		"twocomments":      "package comments in a.go, doc.go",
		"elsewhere":        "the package comment is in a.go; move it to doc.go",
		"badstart":         `should begin "Package badstart "`,
		"staleexample":     "points to ExampleGone, which is not",
		"unnamedexample":   "ExampleHidden is not named in the package comment",
		"cmd/tool":         `should begin "Command tool "`,
		"examples/program": "",
	} {
		p := packageIn("testdata/doccheck/" + dir)
		if len(p.files) == 0 {
			t.Fatalf("%s: no files", p.dir)
		}
		got := strings.Join(packageDocProblems(t, p), "\n")
		if want == "" && got != "" || !strings.Contains(got, want) {
			t.Errorf("%s: problems %q, want one containing %q", dir, got, want)
		}
	}
}

// packageDocProblems checks one package's comment.
func packageDocProblems(t *testing.T, p goPackage) []string {
	t.Helper()
	var problems []string
	fset := token.NewFileSet()
	var withDoc []string
	var comment string
	for _, f := range p.files {
		af, err := parser.ParseFile(fset, f, nil, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		p.name = af.Name.Name
		if af.Doc != nil {
			withDoc = append(withDoc, filepath.Base(f))
			comment = af.Doc.Text()
		}
	}
	slices.Sort(withDoc)
	isExample := strings.HasPrefix(p.dir, "examples/") || strings.Contains(p.dir, "/examples/")
	switch {
	case len(withDoc) == 0:
		return append(problems, p.dir+": no package comment; write one in "+p.dir+"/doc.go")
	case len(withDoc) > 1:
		return append(problems, p.dir+": package comments in "+strings.Join(withDoc, ", ")+"; keep one, in doc.go")
	case !isExample && withDoc[0] != "doc.go":
		problems = append(problems, p.dir+": the package comment is in "+withDoc[0]+"; move it to doc.go")
	}
	if want := "Package " + p.name + " "; p.name != "main" && !strings.HasPrefix(comment, want) {
		problems = append(problems, fmt.Sprintf("%s: the package comment should begin %q, as go doc expects; it begins %q", p.dir, want, firstLine(comment)))
	}
	if want := "Command " + path.Base(p.dir) + " "; p.name == "main" && !isExample && !strings.HasPrefix(comment, want) {
		problems = append(problems, fmt.Sprintf("%s: the command's comment should begin %q; it begins %q", p.dir, want, firstLine(comment)))
	}

	examples := map[string]bool{}
	for _, f := range p.tests {
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && exampleName.MatchString(fn.Name.Name) {
				examples[fn.Name.Name] = true
			}
		}
	}
	named := map[string]bool{}
	for _, n := range exampleName.FindAllString(comment, -1) {
		named[n] = true
		if !examples[n] {
			problems = append(problems, p.dir+": the package comment points to "+n+", which is not a function of the package's tests")
		}
	}
	for _, n := range slices.Sorted(maps.Keys(examples)) {
		if !named[n] {
			problems = append(problems, p.dir+": the runnable example "+n+" is not named in the package comment (doc.go)")
		}
	}
	return problems
}

// firstLine returns s up to its first newline.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// undocumentedKnown lists exported names still without a doc comment.
// Remove an entry once the name is documented; the test fails while a
// documented name stays listed, so the list only shrinks.
var undocumentedKnown = map[string]bool{}

// Every exported name of a library package (functions, types, methods,
// constants and variables) has a doc comment saying what it is and why;
// a constant or variable may share its group's comment.
func TestExportedNamesDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range modulePackages(t) {
		for _, u := range undocumented(t, p) {
			seen[u.name] = true
			if !undocumentedKnown[u.name] {
				t.Errorf("%s: exported %s has no doc comment", u.pos, u.name)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(undocumentedKnown)) {
		if !seen[name] {
			t.Errorf("%s is documented now: remove it from undocumentedKnown", name)
		}
	}
}

// The check finds every kind of undocumented name, and only those
// (testdata/doccheck/undocumented).
func TestExportedNamesCheck(t *testing.T) {
	p := packageIn("testdata/doccheck/undocumented")
	var got []string
	for _, u := range undocumented(t, p) {
		got = append(got, u.name)
	}
	want := []string{"undocumented.C", "undocumented.V", "undocumented.F", "undocumented.T", "undocumented.New", "undocumented.T.M"}
	if !slices.Equal(got, want) {
		t.Errorf("undocumented names %v, want %v", got, want)
	}
}

// name is an undocumented exported name and where it is declared.
type name struct{ name, pos string }

// undocumented lists the exported names of a library package without a
// doc comment; commands (package main) export nothing.
func undocumented(t *testing.T, p goPackage) []name {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	for _, f := range p.files {
		af, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, af)
	}
	pkg, err := doc.NewFromFiles(fset, files, "github.com/rejoinder/rejoinder/"+p.dir)
	if err != nil {
		t.Fatal(err)
	}
	if pkg.Name == "main" {
		return nil
	}
	var out []name
	add := func(n string, node ast.Node) {
		out = append(out, name{pkg.Name + "." + n, fset.Position(node.Pos()).String()})
	}
	values := func(vs []*doc.Value) {
		for _, v := range vs {
			if v.Doc != "" {
				continue
			}
			for _, spec := range v.Decl.Specs {
				vspec := spec.(*ast.ValueSpec)
				if vspec.Doc != nil || vspec.Comment != nil {
					continue
				}
				for _, n := range vspec.Names {
					if n.IsExported() {
						add(n.Name, n)
					}
				}
			}
		}
	}
	funcs := func(prefix string, fs []*doc.Func) {
		for _, f := range fs {
			if f.Doc == "" {
				add(prefix+f.Name, f.Decl)
			}
		}
	}
	values(pkg.Consts)
	values(pkg.Vars)
	funcs("", pkg.Funcs)
	for _, typ := range pkg.Types {
		if typ.Doc == "" {
			add(typ.Name, typ.Decl)
		}
		values(typ.Consts)
		values(typ.Vars)
		funcs("", typ.Funcs)
		funcs(typ.Name+".", typ.Methods)
	}
	return out
}
