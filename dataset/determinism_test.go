package dataset_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/synth"
)

// No column chunk falls back from dictionary to plain encoding part way
// (arrow-go then writes the page encodings in random order and the bytes
// change between runs), and two writes of a dataset large enough to have
// made them fall back before give the same bytes.
func TestParquetNoDictionaryFallback(t *testing.T) {
	ds, err := synth.Generate(synth.Options{Cases: 1000, Responses: 60000, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	a, b := t.TempDir(), t.TempDir()
	if _, err := ds.WriteParquet(a); err != nil {
		t.Fatal(err)
	}
	if _, err := ds.WriteParquet(b); err != nil {
		t.Fatal(err)
	}
	for _, table := range dataset.Tables {
		name := dataset.ParquetFile(table)
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if !bytes.Equal(x, y) {
			t.Errorf("%s: two writes differ", name)
		}
		r, err := file.OpenParquetFile(filepath.Join(a, name), false)
		if err != nil {
			t.Fatal(err)
		}
		for g := 0; g < r.NumRowGroups(); g++ {
			rg := r.MetaData().RowGroup(g)
			for c := 0; c < rg.NumColumns(); c++ {
				cc, err := rg.ColumnChunk(c)
				if err != nil {
					t.Fatal(err)
				}
				data := map[parquet.Encoding]bool{}
				for _, st := range cc.EncodingStats() {
					if st.PageType != 2 { // not the dictionary page
						data[st.Encoding] = true
					}
				}
				if len(data) > 1 {
					t.Errorf("%s column %s: data pages in %d encodings (a dictionary fallback)", name, cc.PathInSchema(), len(data))
				}
			}
		}
		r.Close()
	}
}
