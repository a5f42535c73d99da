package dataset

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"

	"go.yaml.in/yaml/v3"

	"github.com/rejoinder/rejoinder/internal/atomicfile"
	"github.com/rejoinder/rejoinder/schema"
)

// WriteYAML writes the dataset as YAML record files into dir: dataset.yaml
// with the metadata and one <case_id>.yaml per case, in the layout Load
// reads. Empty fields are left out and derived ones (case ids of records,
// quote ids) are not written. Files are written atomically.
func (ds *Dataset) WriteYAML(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	meta := encodeStruct(reflect.ValueOf(ds.Meta))
	if err := writeYAMLFile(filepath.Join(dir, MetadataFile), meta); err != nil {
		return err
	}
	files := map[string]*recordFile{}
	for _, c := range ds.Cases {
		files[c.CaseID] = &recordFile{Case: c}
	}
	fileOf := func(caseID, id string) (*recordFile, error) {
		if f := files[caseID]; f != nil {
			return f, nil
		}
		return nil, fmt.Errorf("%s: case %q is not in the dataset", id, caseID)
	}
	for _, a := range ds.Accusations {
		f, err := fileOf(a.CaseID, a.AccusationID)
		if err != nil {
			return err
		}
		f.Accusations = append(f.Accusations, a)
	}
	for _, r := range ds.Responses {
		f, err := fileOf(r.CaseID, r.ResponseID)
		if err != nil {
			return err
		}
		f.Responses = append(f.Responses, r)
	}
	// A source goes to the file of the first case that cites it, in the
	// dataset's order of sources (so that a round trip keeps the order).
	home := map[string]*recordFile{}
	place := func(f *recordFile, ids []string) {
		for _, id := range ids {
			if home[id] == nil {
				home[id] = f
			}
		}
	}
	for _, c := range ds.Cases {
		f := files[c.CaseID]
		place(f, c.Sources)
		for _, a := range f.Accusations {
			place(f, a.Sources)
		}
		for _, r := range f.Responses {
			place(f, r.Sources)
		}
	}
	for _, s := range ds.Sources {
		if f := home[s.SourceID]; f != nil {
			f.Sources = append(f.Sources, s)
			home[s.SourceID] = nil // each source once
		}
	}
	for _, c := range ds.Cases {
		if err := writeYAMLFile(filepath.Join(dir, c.CaseID+".yaml"), encodeStruct(reflect.ValueOf(*files[c.CaseID]))); err != nil {
			return err
		}
	}
	return nil
}

func writeYAMLFile(path string, n *yaml.Node) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		if err := enc.Encode(n); err != nil {
			return err
		}
		return enc.Close()
	})
}

// encodeStruct maps a record struct to a YAML mapping by its rj tags, in
// field order, leaving out empty and derived fields.
func encodeStruct(v reflect.Value) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, f := range schema.FieldsOf(v.Type()) {
		if f.Derived {
			continue
		}
		val := encodeValue(v.Field(f.Index))
		if val == nil && requiredBools[f.Name] {
			val = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "false"}
		}
		if val == nil {
			continue
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: f.Name}, val)
	}
	return m
}

// requiredBools names the boolean variables a record file must state even
// when false (verified), read from the codebook.
var requiredBools = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range schema.Default().Tables {
		for _, v := range t.Variables {
			if v.Type == schema.TypeBool && v.Required {
				m[v.Name] = true
			}
		}
	}
	return m
}()

func encodeValue(v reflect.Value) *yaml.Node {
	switch x := v.Interface().(type) {
	case schema.Date:
		if x.IsZero() {
			return nil
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Value: x.String(), Style: yaml.SingleQuotedStyle}
	case string:
		if x == "" {
			return nil
		}
		// Quote what YAML would read as another type (dates, numbers, booleans).
		n := &yaml.Node{Kind: yaml.ScalarNode, Value: x}
		var probe any
		if yaml.Unmarshal([]byte(x), &probe) != nil || fmt.Sprint(probe) != x {
			n.Style = yaml.DoubleQuotedStyle
		} else if _, ok := probe.(string); !ok {
			n.Style = yaml.DoubleQuotedStyle
		}
		return n
	case bool:
		if !x {
			return nil
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"}
	}
	switch v.Kind() {
	case reflect.Slice:
		if v.Len() == 0 {
			return nil
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for i := 0; i < v.Len(); i++ {
			item := encodeValue(v.Index(i))
			if item == nil {
				item = &yaml.Node{Kind: yaml.ScalarNode, Value: "", Style: yaml.DoubleQuotedStyle}
			}
			seq.Content = append(seq.Content, item)
		}
		return seq
	case reflect.Struct:
		return encodeStruct(v)
	}
	panic(fmt.Sprintf("dataset: cannot encode %v", v.Type()))
}
