package dataset

import (
	"errors"
	"fmt"
	"os"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// ErrDamagedParquet is reported for a Parquet file the reader library
// could not decode without failing inside (a corrupt page or footer).
var ErrDamagedParquet = errors.New("damaged Parquet file")

// parquetFile is an open Parquet file and its Arrow reader.
type parquetFile struct {
	os *os.File
	pf *file.Reader
	fr *pqarrow.FileReader // nil when opened for metadata only
}

// openParquet opens a Parquet file defensively, for files from anywhere:
// the footer's serialized Arrow schema (ARROW:schema) is ignored, because
// a corrupt one makes the library allocate whatever size it claims (a
// crash no recover can catch) and the codebook already fixes every type;
// a panic inside the library becomes ErrDamagedParquet. With arrow false
// only the footer is read.
func openParquet(path string, arrow bool, props pqarrow.ArrowReadProperties) (p *parquetFile, err error) {
	defer recoverDamaged(path, &err)
	if err := ParquetLimit.CheckInput(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	// Checked again on the open file: the path may have been replaced.
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, ErrNotRegularFile)
	}
	pf, err := file.NewParquetReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}
	p = &parquetFile{os: f, pf: pf}
	if !arrow {
		return p, nil
	}
	if err := checkChunks(path, pf); err != nil {
		p.Close()
		return nil, err
	}
	md := pf.MetaData().FileMetaData
	kept := md.KeyValueMetadata[:0:0]
	for _, e := range md.KeyValueMetadata {
		if e.Key != "ARROW:schema" {
			kept = append(kept, e)
		}
	}
	md.KeyValueMetadata = kept
	if p.fr, err = pqarrow.NewFileReader(pf, props, memory.DefaultAllocator); err != nil {
		p.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// checkChunks checks that every column chunk the footer lists lies inside
// the file: the reader allocates the size a chunk claims before reading
// it, so a damaged footer could make it allocate gigabytes for a file of
// kilobytes.
func checkChunks(path string, pf *file.Reader) error {
	size := pf.MetaData().GetSourceFileSize()
	for g := 0; g < pf.NumRowGroups(); g++ {
		rg := pf.MetaData().RowGroup(g)
		for c := 0; c < rg.NumColumns(); c++ {
			col, err := rg.ColumnChunk(c)
			if err != nil {
				return fmt.Errorf("%s: %w (%v)", path, ErrDamagedParquet, err)
			}
			start := col.DataPageOffset()
			if col.HasDictionaryPage() && col.DictionaryPageOffset() > 0 && col.DictionaryPageOffset() < start {
				start = col.DictionaryPageOffset()
			}
			if n := col.TotalCompressedSize(); start < 0 || n < 0 || start > size || n > size-start {
				return fmt.Errorf("%s: %w (row group %d, column %d claims %d bytes at offset %d of a %d-byte file)",
					path, ErrDamagedParquet, g, c, n, start, size)
			}
		}
	}
	return nil
}

// keyValues returns the footer's key-value metadata (without ARROW:schema).
func (p *parquetFile) keyValues() map[string]string {
	kv := map[string]string{}
	for _, e := range p.pf.MetaData().KeyValueMetadata() {
		if e.Value != nil && e.Key != "ARROW:schema" {
			kv[e.Key] = *e.Value
		}
	}
	return kv
}

// Close closes the reader and the file.
func (p *parquetFile) Close() {
	p.pf.Close()
	p.os.Close()
}

// recoverDamaged turns a panic of the Parquet library while reading path
// into ErrDamagedParquet; deferred by every function that decodes a file.
func recoverDamaged(path string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: %w (%v)", path, ErrDamagedParquet, r)
	}
}
