package rejoinder_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"
)

// movedToParquetio are dataset's Parquet plumbing names that only
// rejoinder's own packages used; they live in internal/parquetio now and
// stay in dataset as deprecated wrappers, so no public name is lost.
var movedToParquetio = []string{"WriterProperties", "PlainColumns", "WriteRecordParquet", "ScanColumnsAny", "DictionaryPageLimit"}

// dataset keeps each moved name with a "Deprecated:" paragraph, and no
// package of the module (its tests included) uses it any more: they call
// internal/parquetio.
func TestParquetPlumbingMovedToInternal(t *testing.T) {
	fset := token.NewFileSet()
	deprecated := map[string]bool{}
	for _, p := range modulePackages(t) {
		for _, f := range slices.Concat(p.files, p.tests) {
			af, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			if p.dir == "dataset" && !strings.HasSuffix(f, "_test.go") {
				for _, d := range af.Decls {
					name, comment := declName(d)
					if slices.Contains(movedToParquetio, name) {
						deprecated[name] = strings.Contains(comment, "\nDeprecated: ") && strings.Contains(comment, "internal/parquetio")
					}
				}
				continue
			}
			ast.Inspect(af, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "dataset" && slices.Contains(movedToParquetio, sel.Sel.Name) {
					t.Errorf("%s: uses dataset.%s; call internal/parquetio instead", fset.Position(sel.Pos()), sel.Sel.Name)
				}
				return true
			})
		}
	}
	for _, name := range movedToParquetio {
		if !deprecated[name] {
			t.Errorf("dataset.%s: no doc paragraph \"Deprecated: ... internal/parquetio\" (found: %v)", name, deprecated)
		}
	}
}

// declName returns the name of a function or a single constant/variable
// declaration and its doc comment's text.
func declName(d ast.Decl) (string, string) {
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil && d.Doc != nil {
			return d.Name.Name, "\n" + d.Doc.Text()
		}
	case *ast.GenDecl:
		if len(d.Specs) == 1 && d.Doc != nil {
			if vs, ok := d.Specs[0].(*ast.ValueSpec); ok && len(vs.Names) == 1 {
				return vs.Names[0].Name, "\n" + d.Doc.Text()
			}
		}
	}
	return "", ""
}
