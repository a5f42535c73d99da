package dataset

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// ErrMixedBuild is a Parquet directory whose files carry different
// content hashes: they come from different builds (a run that replaced
// some files and not others, or files copied together by hand), so
// their records need not fit together.
var ErrMixedBuild = errors.New("files from different builds")

// MixedBuildError lists the files of a Parquet directory by the content
// hash (MetaContentHash) each carries.
type MixedBuildError struct {
	Dir    string
	Hashes map[string][]string // content hash → the files carrying it, sorted
}

// Error names every hash and its files, the largest group first.
func (e *MixedBuildError) Error() string {
	hashes := make([]string, 0, len(e.Hashes))
	for h := range e.Hashes {
		hashes = append(hashes, h)
	}
	slices.SortFunc(hashes, func(a, b string) int {
		if d := len(e.Hashes[b]) - len(e.Hashes[a]); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	var groups []string
	for _, h := range hashes {
		files := e.Hashes[h]
		shown := strings.Join(files[:min(len(files), 5)], ", ")
		if len(files) > 5 {
			shown += fmt.Sprintf(" and %d more", len(files)-5)
		}
		groups = append(groups, fmt.Sprintf("content hash %s in %s", h, shown))
	}
	return fmt.Sprintf("%s: %s: %s (rebuild the directory with rejoinder build or import csv)", e.Dir, ErrMixedBuild, strings.Join(groups, "; "))
}

// Unwrap returns ErrMixedBuild, for errors.Is.
func (e *MixedBuildError) Unwrap() error { return ErrMixedBuild }

// CheckSameBuild checks that the Parquet files of dir (every table, every
// partition) come from one build: all that carry a content hash in their
// metadata carry the same one. Files without one, as DuckDB, pandas or
// pyarrow write them when a researcher rewrites a table, are not
// compared: nothing says which build they belong to. Only the footers are
// read. A missing table is left to the reader to report.
func CheckSameBuild(dir string) error {
	byHash := map[string][]string{}
	for _, table := range Tables {
		files, err := TableFiles(dir, table)
		if err != nil {
			continue
		}
		for _, part := range files {
			p, err := openParquet(part.Path, false, pqarrow.ArrowReadProperties{})
			if err != nil {
				return err
			}
			if h := p.keyValues()[MetaContentHash]; h != "" {
				byHash[h] = append(byHash[h], part.Path)
			}
			p.Close()
		}
	}
	if len(byHash) <= 1 {
		return nil
	}
	for _, files := range byHash {
		slices.Sort(files)
	}
	return &MixedBuildError{Dir: dir, Hashes: byHash}
}
