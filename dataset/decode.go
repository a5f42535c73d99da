package dataset

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/rejoinder/rejoinder/schema"
	"go.yaml.in/yaml/v3"
)

// recordFile is the layout of one YAML record file: one case with its
// sources, accusations and responses.
type recordFile struct {
	Case        schema.Case         `rj:"case"`
	Sources     []schema.Source     `rj:"sources"`
	Accusations []schema.Accusation `rj:"accusations"`
	Responses   []schema.Response   `rj:"responses"`
}

// decoder turns a YAML node tree into record structs. It is strict: an
// unknown key, a value of the wrong kind or a bad date is reported with
// its line and column, the key's allowed alternatives, and decoding goes
// on so that every problem in a file is reported in one pass. It follows
// the rj tags of the schema record types, the same names the codebook uses.
type decoder struct {
	file     string
	problems schema.ErrorList
}

// parseYAML parses one file and reports a syntax error at its line and
// column, with the line itself and a hint (see syntaxError).
func parseYAML(file string, data []byte) (*yaml.Node, *schema.FieldError) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, syntaxError(file, data, err)
	}
	if root.Kind == 0 {
		return nil, &schema.FieldError{File: file, Line: 1, Err: schema.ErrSyntax, Detail: "the file is empty"}
	}
	return &root, nil
}

// record context: the table and id being decoded and its Position, so
// that field problems and positions are relative to the record.
type recCtx struct {
	table string
	id    string
	pos   *schema.Position
	path  string // field path relative to the record
}

func (d *decoder) fail(n *yaml.Node, rc recCtx, kind error, value, allowed, detail string) {
	d.problems = append(d.problems, &schema.FieldError{File: d.file, Line: n.Line, Column: n.Column,
		Table: rc.table, ID: rc.id, Field: rc.path, Value: value, Allowed: allowed, Err: kind, Detail: detail})
}

func (rc recCtx) child(name string) recCtx {
	if rc.path == "" {
		rc.path = name
	} else {
		rc.path += "." + name
	}
	return rc
}

func (rc recCtx) index(i int) recCtx {
	rc.path = fmt.Sprintf("%s[%d]", rc.path, i)
	return rc
}

// mark records the position of the current field in the record.
func (rc recCtx) mark(n *yaml.Node) {
	if rc.pos != nil && rc.path != "" {
		rc.pos.Fields[rc.path] = schema.Position{File: rc.pos.File, Line: n.Line, Column: n.Column}
	}
}

// tableOf names the table a record type belongs to, for messages.
func tableOf(t reflect.Type) string {
	switch t {
	case reflect.TypeFor[schema.Case]():
		return schema.TableCases
	case reflect.TypeFor[schema.Accusation]():
		return schema.TableAccusations
	case reflect.TypeFor[schema.Response]():
		return schema.TableResponses
	case reflect.TypeFor[schema.Source]():
		return schema.TableSources
	case reflect.TypeFor[schema.Quote]():
		return schema.TableQuotes
	}
	return ""
}

// decode fills v from n.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, rc recCtx) {
	for n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode {
		d.fail(n, rc, schema.ErrBadValue, "*"+n.Value, "plain values", "aliases are not allowed in record files")
		return
	}
	rc.mark(n)
	if isNull(n) {
		v.Set(reflect.Zero(v.Type()))
		return
	}
	switch v.Interface().(type) {
	case schema.Date:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, rc, schema.ErrBadValue, "", "YYYY-MM-DD, YYYY-MM or YYYY", "a date must be a single value")
			return
		}
		date, err := schema.ParseDate(n.Value)
		if err != nil {
			d.fail(n, rc, schema.ErrBadValue, n.Value, "YYYY-MM-DD, YYYY-MM or YYYY", "not a date")
			return
		}
		v.Set(reflect.ValueOf(date))
		return
	}
	switch v.Kind() {
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.fail(n, rc, schema.ErrBadValue, "", "a single text value", "found a "+kindName(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil || n.Tag != "!!bool" {
			d.fail(n, rc, schema.ErrBadValue, n.Value, "true or false", "")
			return
		}
		v.SetBool(b)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.fail(n, rc, schema.ErrBadValue, n.Value, "a list (write [] for none)", "found a "+kindName(n))
			return
		}
		if len(n.Content) == 0 {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decode(item, s.Index(i), rc.index(i))
		}
		v.Set(s)
	case reflect.Struct:
		d.decodeStruct(n, v, rc)
	default:
		panic(fmt.Sprintf("dataset: cannot decode into %v", v.Type()))
	}
}

// decodeStruct fills a struct from a mapping. A struct with a Pos field
// is a record: it gets a fresh Position, and field paths restart from it.
func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, rc recCtx) {
	fields := schema.FieldsOf(v.Type())
	if n.Kind != yaml.MappingNode {
		d.fail(n, rc, schema.ErrBadValue, n.Value, "a mapping of "+fieldNames(fields), "found a "+kindName(n))
		return
	}
	if pf := v.FieldByName("Pos"); pf.IsValid() {
		pos := &schema.Position{File: d.file, Line: n.Line, Column: n.Column, Fields: map[string]schema.Position{}}
		pf.Set(reflect.ValueOf(pos))
		rc = recCtx{table: tableOf(v.Type()), pos: pos, path: ""}
		if len(fields) > 0 {
			rc.id = scalarValue(n, fields[0].Name) // the key is the first field
		}
	}
	byName := map[string]schema.Field{}
	for _, f := range fields {
		byName[f.Name] = f
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		f, ok := byName[key.Value]
		fc := rc.child(key.Value)
		var first *yaml.Node // the same key earlier in this mapping
		if key.Kind == yaml.ScalarNode {
			if first = seen[key.Value]; first == nil {
				seen[key.Value] = key
			}
		}
		switch {
		case first != nil:
			// yaml.v3 checks for repeated keys only when it decodes into a
			// map or struct, not into the yaml.Node tree read here: without
			// this, the last block would silently replace the first.
			at := schema.Position{File: d.file, Line: first.Line, Column: first.Column}
			d.fail(key, fc, schema.ErrDuplicateKey, key.Value, "each key once in a mapping", "first given at "+at.String()+"; merge the two")
		case !ok:
			d.fail(key, fc, schema.ErrUnknownField, key.Value, fieldNames(fields), schema.DidYouMean(key.Value, strings.Split(fieldNames(fields), ", ")))
		case f.Derived:
			d.fail(key, fc, schema.ErrUnknownField, key.Value, fieldNames(fields), "this field is filled in from the file; remove it")
		default:
			d.decode(val, v.Field(f.Index), fc)
		}
	}
}

// scalarValue returns the value of key in mapping n, if it is a scalar.
func scalarValue(n *yaml.Node, key string) string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1].Value
		}
	}
	return ""
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.ScalarNode:
		return "single value"
	}
	return "node"
}

func fieldNames(fields []schema.Field) string {
	var names []string
	for _, f := range fields {
		if !f.Derived {
			names = append(names, f.Name)
		}
	}
	return strings.Join(names, ", ")
}

// decodeRecordFile parses and decodes one case file, then fills the
// derived fields (case ids, quote ids) that the file implies.
func decodeRecordFile(file string, data []byte) (*recordFile, schema.ErrorList) {
	root, perr := parseYAML(file, data)
	if perr != nil {
		return nil, schema.ErrorList{perr}
	}
	d := &decoder{file: file}
	rf := &recordFile{}
	d.decode(root, reflect.ValueOf(rf).Elem(), recCtx{})
	fillDerived(rf)
	return rf, d.problems
}

// decodeCaseFile is decodeRecordFile for a file of a records directory,
// which must hold a case. Without its case block the file's records have
// no case: one problem naming the file says so, rather than a
// required-field problem, without a file, for each field of the case, and
// one for each record's case_id.
func decodeCaseFile(file string, data []byte) (*recordFile, schema.ErrorList) {
	rf, problems := decodeRecordFile(file, data)
	if rf == nil || rf.Case.Pos != nil {
		return rf, problems
	}
	root, _ := parseYAML(file, data)
	return nil, append(problems, missingCase(file, root, problems))
}

// missingCase is the problem of a record file whose case block is absent
// or empty, placed at the "case:" key when there is one.
func missingCase(file string, root *yaml.Node, found schema.ErrorList) *schema.FieldError {
	e := &schema.FieldError{File: file, Line: 1, Column: 1, Table: schema.TableCases, Field: "case", Err: schema.ErrMissing,
		Detail:  "the record file has no case block, so none of its records can be read",
		Allowed: "a file that starts with case: and the case's fields (case_id, title, …), then sources, accusations and responses"}
	n := root
	for n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "case" {
			e.Line, e.Column = n.Content[i].Line, n.Content[i].Column
			e.Detail = "the case block is empty, so none of the file's records can be read"
		}
	}
	for _, p := range found {
		if p.Field == "case" && p.Line > 0 {
			e.Detail += " (see the problem at line " + strconv.Itoa(p.Line) + ")"
			break
		}
	}
	return e
}

// fillDerived sets the fields a record file implies rather than states.
func fillDerived(rf *recordFile) {
	caseID := rf.Case.CaseID
	for i := range rf.Accusations {
		a := &rf.Accusations[i]
		a.CaseID = caseID
		numberQuotes(a.Quotes, a.AccusationID, caseID)
	}
	for i := range rf.Responses {
		r := &rf.Responses[i]
		r.CaseID = caseID
		numberQuotes(r.Quotes, r.ResponseID, caseID)
	}
}

func numberQuotes(qs []schema.Quote, unitID, caseID string) {
	for i := range qs {
		qs[i].QuoteID = fmt.Sprintf("%s-q%d", unitID, i+1)
		qs[i].UnitID = unitID
		qs[i].CaseID = caseID
	}
}
