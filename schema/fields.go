package schema

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
)

// Field describes one struct field of a record type that holds a codebook
// variable: the link between a Go field and a column.
type Field struct {
	Name    string // the variable name, from the rj tag
	Index   int    // the struct field index
	Derived bool   // filled in by the loader; not written in YAML records
}

var fieldCache sync.Map // reflect.Type → []Field

// FieldsOf returns the codebook fields of a record struct type in
// declaration order. It panics on a type that is not a struct, which is a
// programming error.
func FieldsOf(t reflect.Type) []Field {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]Field)
	}
	if t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("schema: FieldsOf(%v): not a struct", t))
	}
	var fs []Field
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("rj")
		if tag == "" || tag == "-" {
			continue
		}
		name, opt, _ := strings.Cut(tag, ",")
		fs = append(fs, Field{Name: name, Index: i, Derived: opt == "derived"})
	}
	fieldCache.Store(t, fs)
	return fs
}

// FieldValue returns the field of a record value that holds the named
// codebook variable, found by its rj tag.
func FieldValue(row reflect.Value, name string) (reflect.Value, bool) {
	for _, f := range FieldsOf(row.Type()) {
		if f.Name == name {
			return row.Field(f.Index), true
		}
	}
	return reflect.Value{}, false
}

// Strings reads a text field as a list: a string is one item (none when
// empty), a []string its items; other kinds give none.
func Strings(v reflect.Value) []string {
	switch x := v.Interface().(type) {
	case string:
		if x != "" {
			return []string{x}
		}
	case []string:
		return x
	}
	return nil
}

// RecordType returns the Go type of one row of the named table.
func RecordType(table string) (reflect.Type, bool) {
	switch table {
	case TableCases:
		return reflect.TypeFor[Case](), true
	case TableAccusations:
		return reflect.TypeFor[Accusation](), true
	case TableResponses:
		return reflect.TypeFor[Response](), true
	case TableQuotes:
		return reflect.TypeFor[Quote](), true
	case TableSources:
		return reflect.TypeFor[Source](), true
	}
	return nil, false
}

// Rows returns the rows of the named table as reflect values of the record
// structs (addressable, so callers may read positions). The quotes table
// is flattened from the accusations and responses.
func (r *Records) Rows(table string) []reflect.Value {
	var rows []reflect.Value
	add := func(slice any) {
		v := reflect.ValueOf(slice)
		for i := 0; i < v.Len(); i++ {
			rows = append(rows, v.Index(i))
		}
	}
	switch table {
	case TableCases:
		add(r.Cases)
	case TableAccusations:
		add(r.Accusations)
	case TableResponses:
		add(r.Responses)
	case TableSources:
		add(r.Sources)
	case TableQuotes:
		for i := range r.Accusations {
			add(r.Accusations[i].Quotes)
		}
		for i := range r.Responses {
			add(r.Responses[i].Quotes)
		}
	}
	return rows
}

// positionOf returns the Pos field of a record value, or nil.
func positionOf(v reflect.Value) *Position {
	f := v.FieldByName("Pos")
	if !f.IsValid() || f.IsNil() {
		return nil
	}
	return f.Interface().(*Position)
}
