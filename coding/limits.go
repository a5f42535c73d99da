package coding

import (
	"archive/zip"
	"errors"
	"fmt"
	"os"
	"path"
	"strings"
)

// Limits bound what Import reads from one workbook, so that a broken or
// hostile file (a zip bomb, a sheet of a million rows, enormous shared
// strings) fails with an error that names the limit instead of exhausting
// memory. A zero field means the default. The defaults are far above what
// a filled coding template for a dataset of 100,000 units needs.
type Limits struct {
	FileBytes     int64 // size of the .xlsx file on disk
	UnzippedBytes int64 // every part of the file together, uncompressed
	PartBytes     int64 // any one part (a sheet, the shared strings), uncompressed
	Parts         int   // number of parts in the file
	Rows          int   // rows of the Coding sheet, header included
	CellChars     int   // characters in one cell (Excel's own maximum is 32,767)
}

// DefaultLimits are the limits Import applies.
var DefaultLimits = Limits{
	FileBytes:     100 << 20,
	UnzippedBytes: 1 << 30,
	PartBytes:     512 << 20,
	Parts:         10_000,
	Rows:          1_000_000,
	CellChars:     32_767,
}

// withDefaults fills zero fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	pick := func(v, def int64) int64 {
		if v > 0 {
			return v
		}
		return def
	}
	return Limits{
		FileBytes:     pick(l.FileBytes, d.FileBytes),
		UnzippedBytes: pick(l.UnzippedBytes, d.UnzippedBytes),
		PartBytes:     pick(l.PartBytes, d.PartBytes),
		Parts:         int(pick(int64(l.Parts), int64(d.Parts))),
		Rows:          int(pick(int64(l.Rows), int64(d.Rows))),
		CellChars:     int(pick(int64(l.CellChars), int64(d.CellChars))),
	}
}

// ErrLimit matches every LimitError (errors.Is).
var ErrLimit = errors.New("resource limit exceeded")

// Kinds of workbook Import refuses whatever their size; test with errors.Is.
var (
	ErrMacros        = errors.New("the workbook contains macros")
	ErrExternalLinks = errors.New("the workbook links to other files")
)

// LimitError says which limit a workbook exceeded, by how much, and the
// command-line flag that raises it.
type LimitError struct {
	Limit string // the Limits field
	Flag  string // the `rejoinder coding import` flag that sets it
	Part  string // the part of the file, when the limit is per part
	Got   int64  // what the file has (at least)
	Max   int64  // the limit
}

// Error names the limit, what the file has, the limit, and the flag that raises it.
func (e *LimitError) Error() string {
	what := ""
	if e.Part != "" {
		what = " in " + e.Part
	}
	return fmt.Sprintf("limit %s exceeded%s: %d, more than %d (raise it with --%s if the file is trusted)", e.Limit, what, e.Got, e.Max, e.Flag)
}

// Is makes errors.Is(err, ErrLimit) true.
func (e *LimitError) Is(target error) bool { return target == ErrLimit }

// checkPackage inspects the workbook's zip directory before excelize reads
// a byte of content: sizes against the limits (Go's zip reader fails on a
// part that inflates beyond its declared size, so declared sizes hold),
// macros and links to other workbooks.
func checkPackage(file string, lim Limits) error {
	info, err := os.Stat(file)
	if err != nil {
		return fmt.Errorf("cannot open the workbook: %w", err)
	}
	if info.Size() > lim.FileBytes {
		return &LimitError{Limit: "FileBytes", Flag: "max-file-mb", Got: info.Size(), Max: lim.FileBytes}
	}
	z, err := zip.OpenReader(file)
	if err != nil {
		return fmt.Errorf("cannot open the workbook: not an .xlsx file (a zip package): %w", err)
	}
	defer z.Close()
	if len(z.File) > lim.Parts {
		return &LimitError{Limit: "Parts", Flag: "max-parts", Got: int64(len(z.File)), Max: int64(lim.Parts)}
	}
	var total int64
	for _, f := range z.File {
		size := int64(min(f.UncompressedSize64, 1<<62))
		if size > lim.PartBytes {
			return &LimitError{Limit: "PartBytes", Flag: "max-part-mb", Part: f.Name, Got: size, Max: lim.PartBytes}
		}
		if total += size; total > lim.UnzippedBytes {
			return &LimitError{Limit: "UnzippedBytes", Flag: "max-unzipped-mb", Got: total, Max: lim.UnzippedBytes}
		}
		name := strings.ToLower(path.Clean(strings.ReplaceAll(f.Name, "\\", "/")))
		switch {
		case path.Base(name) == "vbaproject.bin":
			return fmt.Errorf("%w (%s): rejoinder never runs macros, but imports only plain workbooks; save it as an Excel Workbook (.xlsx) and import that", ErrMacros, f.Name)
		case strings.HasPrefix(name, "xl/externallinks/"):
			return fmt.Errorf("%w (%s): linked values may be stale or missing; break the links (Data > Edit Links > Break Link), save, and import again", ErrExternalLinks, f.Name)
		}
	}
	return nil
}
