package rejoinder_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// errorCatalogue is the user's list of every error the module reports.
const errorCatalogue = "docs/errors.md"

// errVarName matches the name of an exported error kind variable.
var errVarName = regexp.MustCompile(`^Err[A-Z0-9]`)

// catalogueName matches a backquoted package-qualified name in the
// catalogue, such as `schema.ErrUnknownCode` or `coding.LimitError`.
var catalogueName = regexp.MustCompile("`([a-z][a-z0-9]*\\.[A-Z][A-Za-z0-9]*)`")

// Every error kind of the module, each exported Err variable and each
// exported type with an Error() string method, has its entry in
// docs/errors.md (named in backquotes as `pkg.Name`), and every Err name
// the catalogue gives still exists.
func TestErrorCatalogue(t *testing.T) {
	doc, err := os.ReadFile(errorCatalogue)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []name
	for _, p := range modulePackages(t) {
		kinds = append(kinds, errorKinds(t, p)...)
	}
	if len(kinds) < 40 {
		t.Fatalf("found only %d error kinds; is the search still looking at every package?", len(kinds))
	}
	for _, problem := range catalogueProblems(kinds, string(doc)) {
		t.Error(errorCatalogue + ": " + problem)
	}
}

// The check finds the error kinds of a package, and only those (Err
// variables in any form of declaration, types with Error() string on a
// value or pointer receiver; not unexported names, constants, functions
// or other Error methods), and it reports both a kind the catalogue does
// not name in backquotes and an Err name in the catalogue that is gone
// (testdata/doccheck/errorkinds).
func TestErrorCatalogueCheck(t *testing.T) {
	p := packageIn("testdata/doccheck/errorkinds")
	var got []string
	for _, k := range errorKinds(t, p) {
		got = append(got, k.name)
	}
	want := []string{"errorkinds.ErrFirst", "errorkinds.ErrSecond", "errorkinds.ErrThird", "errorkinds.ListError", "errorkinds.PosError"}
	if !slices.Equal(got, want) {
		t.Fatalf("error kinds %v, want %v", got, want)
	}
	doc := "## errorkinds\n\n### `errorkinds.ErrFirst`\n\n`errorkinds.PosError` and errorkinds.ListError, not quoted.\n" +
		"`errorkinds.ErrThird` used to be `errorkinds.ErrGone`; see `errorkinds.Limits`.\n"
	problems := strings.Join(catalogueProblems(errorKinds(t, p), doc), "\n")
	for _, want := range []string{"errorkinds.ErrSecond (testdata/doccheck/errorkinds/errorkinds.go:", "errorkinds.ListError (", "errorkinds.ErrGone"} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems %q, want one naming %s", problems, want)
		}
	}
	for _, named := range []string{"ErrFirst", "ErrThird", "PosError", "Limits"} {
		if strings.Contains(problems, "errorkinds."+named) {
			t.Errorf("problems %q name errorkinds.%s, which is fine", problems, named)
		}
	}
}

// errorKinds lists a package's error kinds: exported package-level
// variables named Err..., and exported types with a method Error()
// string, as package.Name in file order.
func errorKinds(t *testing.T, p goPackage) []name {
	t.Helper()
	fset := token.NewFileSet()
	var out []name
	for _, f := range p.files {
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		add := func(n string, node ast.Node) {
			out = append(out, name{af.Name.Name + "." + n, fset.Position(node.Pos()).String()})
		}
		for _, d := range af.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				if d.Tok != token.VAR {
					continue
				}
				for _, spec := range d.Specs {
					for _, n := range spec.(*ast.ValueSpec).Names {
						if n.IsExported() && errVarName.MatchString(n.Name) {
							add(n.Name, n)
						}
					}
				}
			case *ast.FuncDecl:
				if recv := receiverType(d); recv != "" && ast.IsExported(recv) && isErrorMethod(d) {
					add(recv, d)
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b name) int { return strings.Compare(a.name, b.name) })
	return out
}

// receiverType returns the name of a method's receiver type ("" for a
// function).
func receiverType(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) != 1 {
		return ""
	}
	typ := fn.Recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	switch x := typ.(type) {
	case *ast.IndexExpr: // a generic type T[P]
		typ = x.X
	case *ast.IndexListExpr:
		typ = x.X
	}
	if id, ok := typ.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// isErrorMethod reports whether fn is the error interface's method:
// Error() string.
func isErrorMethod(fn *ast.FuncDecl) bool {
	ft := fn.Type
	if fn.Name.Name != "Error" || ft.Params.NumFields() != 0 || ft.Results.NumFields() != 1 {
		return false
	}
	id, ok := ft.Results.List[0].Type.(*ast.Ident)
	return ok && id.Name == "string"
}

// catalogueProblems compares the error kinds found in the code with the
// names the catalogue gives in backquotes: a kind it does not name, and
// an Err name it gives that the code no longer has.
func catalogueProblems(kinds []name, doc string) []string {
	named := map[string]bool{}
	for _, m := range catalogueName.FindAllStringSubmatch(doc, -1) {
		named[m[1]] = true
	}
	exists := map[string]bool{}
	var problems []string
	for _, k := range kinds {
		exists[k.name] = true
		if !named[k.name] {
			problems = append(problems, "no entry for "+k.name+" ("+k.pos+"); say what it means, show its message and what to do, naming it `"+k.name+"`")
		}
	}
	for _, n := range slices.Sorted(maps.Keys(named)) {
		_, local, _ := strings.Cut(n, ".")
		if errVarName.MatchString(local) && !exists[n] {
			problems = append(problems, n+" is not an error kind of the code (renamed or removed?); update its entry")
		}
	}
	return problems
}
