package parquetio

import (
	"errors"
	"fmt"
	"os"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/rejoinder/rejoinder/internal/inputlimit"
)

// ErrDamaged is reported for a Parquet file the reader library could not
// decode without failing inside (a corrupt page or footer); it is
// dataset.ErrDamagedParquet.
var ErrDamaged = errors.New("damaged Parquet file")

// Limit bounds one Parquet file; dataset.ParquetLimit is the same limit.
var Limit = inputlimit.Limit{What: "Parquet file", Env: "REJOINDER_MAX_PARQUET_MB", Bytes: 16 << 30}

// File is an open Parquet file and its Arrow reader.
type File struct {
	os *os.File
	// PF reads the file's footer and pages.
	PF *file.Reader
	// FR reads Arrow records; nil when opened for metadata only.
	FR *pqarrow.FileReader
}

// Open opens a Parquet file defensively, for files from anywhere: one
// over limit, or not a regular file, is refused before it is read; the
// footer's serialized Arrow schema (ARROW:schema) is ignored, because a
// corrupt one makes the library allocate whatever size it claims (a crash
// no recover can catch) and the caller's schema already fixes every type;
// a panic inside the library becomes ErrDamaged. With arrow false only
// the footer is read.
func Open(path string, limit inputlimit.Limit, arrow bool, props pqarrow.ArrowReadProperties) (p *File, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = Damaged(path, r)
		}
	}()
	if err := limit.CheckInput(path); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	// Checked again on the open file: the path may have been replaced.
	if info, err := f.Stat(); err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, inputlimit.ErrNotRegularFile)
	}
	pf, err := file.NewParquetReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: not a readable Parquet file: %w", path, err)
	}
	p = &File{os: f, PF: pf}
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
	if p.FR, err = pqarrow.NewFileReader(pf, props, memory.DefaultAllocator); err != nil {
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
				return fmt.Errorf("%s: %w (%v)", path, ErrDamaged, err)
			}
			start := col.DataPageOffset()
			if col.HasDictionaryPage() && col.DictionaryPageOffset() > 0 && col.DictionaryPageOffset() < start {
				start = col.DictionaryPageOffset()
			}
			if n := col.TotalCompressedSize(); start < 0 || n < 0 || start > size || n > size-start {
				return fmt.Errorf("%s: %w (row group %d, column %d claims %d bytes at offset %d of a %d-byte file)",
					path, ErrDamaged, g, c, n, start, size)
			}
		}
	}
	return nil
}

// KeyValues returns the footer's key-value metadata (without ARROW:schema).
func (p *File) KeyValues() map[string]string {
	kv := map[string]string{}
	for _, e := range p.PF.MetaData().KeyValueMetadata() {
		if e.Value != nil && e.Key != "ARROW:schema" {
			kv[e.Key] = *e.Value
		}
	}
	return kv
}

// Close closes the reader and the file.
func (p *File) Close() {
	p.PF.Close()
	p.os.Close()
}

// Damaged is the ErrDamaged error of a panic r of the Parquet library
// while reading path. recover works only in the deferred function itself,
// so each decoder defers its own: if r := recover(); r != nil { err = Damaged(path, r) }.
func Damaged(path string, r any) error {
	return fmt.Errorf("%s: %w (%v)", path, ErrDamaged, r)
}
