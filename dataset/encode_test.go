package dataset

import (
	"reflect"
	"testing"
)

// Writing a dataset as YAML and loading it back gives the same records.
func TestYAMLRoundTrip(t *testing.T) {
	for _, name := range []string{"embedded", "testdata/minimal"} {
		t.Run(name, func(t *testing.T) {
			ds, err := Default()
			if name != "embedded" {
				ds, err = Load(name)
			}
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if err := ds.WriteYAML(dir); err != nil {
				t.Fatal(err)
			}
			back, err := Load(dir)
			if err != nil {
				t.Fatalf("written YAML does not load:\n%v", err)
			}
			if !reflect.DeepEqual(withoutPositions(back.Records), withoutPositions(ds.Records)) || back.Meta != ds.Meta {
				t.Error("YAML round trip changed the dataset")
			}
		})
	}
}
