package exports

import (
	"io"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/atomicfile"
)

// ArrowFile is the file name of a table's Arrow IPC file.
func ArrowFile(table string) string { return table + ".arrow" }

// WriteArrow writes each table as an Arrow IPC file (the Feather v2
// format that R's arrow, pandas/pyarrow and polars open directly), with
// the same schema and metadata as the Parquet files, uncompressed so that
// every Arrow implementation can read it. Files are written atomically and
// deterministically; it returns their paths.
func WriteArrow(dir string, ds *dataset.Dataset) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, table := range dataset.Tables {
		p := filepath.Join(dir, ArrowFile(table))
		err := atomicfile.Write(p, func(w io.Writer) error {
			rec, err := ds.Record(table, memory.DefaultAllocator)
			if err != nil {
				return err
			}
			defer rec.Release()
			fw, err := ipc.NewFileWriter(w, ipc.WithSchema(rec.Schema()))
			if err != nil {
				return err
			}
			if err := fw.Write(rec); err != nil {
				fw.Close()
				return err
			}
			return fw.Close()
		})
		if err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
