package events

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
)

// FuzzIngest feeds arbitrary bytes to Ingest as one input file, plain or
// a zip archive (recognised by its signature), under small limits: it
// stops with one of its errors and writes nothing, or succeeds with
// counts that add up within the limits and the partition files it
// names; never a panic.
func FuzzIngest(f *testing.F) {
	v1, err := os.ReadFile(filepath.Join("testdata", "v1.tsv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(v1)
	f.Add(append(bytes.Clone(v1), 0xE9, '\n'))
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "20180101.export.CSV", Method: zip.Store})
	if err != nil {
		f.Fatal(err)
	}
	w.Write(v1)
	if err := zw.Close(); err != nil {
		f.Fatal(err)
	}
	f.Add(zbuf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte(strings.Repeat("\t", 60) + "\n"))
	opts := IngestOptions{MaxBytes: 1 << 20, MaxLines: 1000, MaxMalformed: 50, MaxRatio: 10}
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		in, out := filepath.Join(dir, "in.csv"), filepath.Join(dir, "out")
		if err := os.WriteFile(in, data, 0o644); err != nil {
			t.Fatal(err)
		}
		rep, err := Ingest([]string{in}, out, opts)
		if err != nil {
			if !strings.Contains(err.Error(), in) && !errors.Is(err, ErrNoEvents) {
				t.Fatalf("error does not name the input: %v", err)
			}
			if _, serr := os.Stat(filepath.Join(out, dataset.PartitionDir(Table))); !os.IsNotExist(serr) {
				t.Fatalf("failed with %v, but wrote the event table (%v)", err, serr)
			}
			return
		}
		if rep.Lines > opts.MaxLines || rep.Malformed > opts.MaxMalformed {
			t.Fatalf("read %d lines, %d malformed, beyond the limits %+v", rep.Lines, rep.Malformed, opts)
		}
		if rep.Kept+rep.Malformed+rep.Duplicates > rep.Lines {
			t.Fatalf("more lines kept, malformed and duplicate than read: %+v", rep)
		}
		if rep.Malformed == rep.Lines {
			t.Fatalf("succeeded without a well-formed line (want ErrNoEvents): %+v", rep)
		}
		for _, p := range rep.Paths {
			if _, err := os.Stat(p); err != nil {
				t.Fatalf("reported partition file: %v", err)
			}
		}
	})
}
