package dataset

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecodeRecordFile feeds arbitrary bytes to the record-file decoder:
// it must report problems, never panic.
func FuzzDecodeRecordFile(f *testing.F) {
	// Small seeds only: the fuzzer minimises every new input it finds, and
	// minimising a 60 KB case file takes minutes.
	for _, dir := range []string{"testdata/minimal", "testdata/invalid"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("case: &a [*a]"))
	f.Add([]byte("responses:\n- quotes: {text: 1}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rf, problems := decodeRecordFile("fuzz.yaml", data)
		if rf == nil && len(problems) == 0 {
			t.Fatal("no records and no problems")
		}
		for _, p := range problems {
			_ = p.Error()
		}
	})
}
