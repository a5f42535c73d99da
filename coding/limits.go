package coding

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/rejoinder/rejoinder/dataset"
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
	// Columns bounds a row's width: the column of its last cell. A
	// row with one cell in column XFD is read as 16,384 cells, so a
	// small file of such rows took seconds to read.
	Columns       int
	CellChars     int // characters in one cell (Excel's own maximum is 32,767)
	SharedStrings int // strings in the shared strings part (the workbook's table of cell texts)
}

// DefaultLimits are the limits Import applies.
var DefaultLimits = Limits{
	FileBytes:     100 << 20,
	UnzippedBytes: 1 << 30,
	PartBytes:     512 << 20,
	Parts:         10_000,
	Rows:          1_000_000,
	Columns:       1_024,
	CellChars:     32_767,
	SharedStrings: 5_000_000,
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
		Columns:       int(pick(int64(l.Columns), int64(d.Columns))),
		CellChars:     int(pick(int64(l.CellChars), int64(d.CellChars))),
		SharedStrings: int(pick(int64(l.SharedStrings), int64(d.SharedStrings))),
	}
}

// ErrLimit matches every LimitError (errors.Is).
var ErrLimit = errors.New("resource limit exceeded")

// Kinds of workbook Import refuses whatever their size; test with errors.Is.
var (
	ErrMacros        = errors.New("the workbook contains macros")
	ErrExternalLinks = errors.New("the workbook links to other files")
	// ErrLegacyWorkbook is an old Excel 97-2003 .xls workbook or a
	// password-protected .xlsx: both are OLE2 compound files, not the zip
	// package a coding template is.
	ErrLegacyWorkbook = errors.New("an old Excel 97-2003 .xls workbook or a password-protected (encrypted) workbook")
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

// checkPackage inspects the workbook before excelize reads it: a regular
// file (not a device or a pipe) within the size limit, a zip package (not
// an old .xls or an encrypted file), the sizes its directory declares
// against the limits, macros and links to other workbooks by part name,
// relationship type and content type; then it reads every part through,
// so that a part whose size header lies, or whose data is corrupt, is
// reported as damage rather than read by excelize as an empty part, and
// it counts and measures the shared strings as they stream past.
func checkPackage(file string, lim Limits) error {
	info, err := os.Stat(file)
	if err != nil {
		return fmt.Errorf("cannot open the workbook: %w", err)
	}
	if err := dataset.RefuseIrregular("cannot open the workbook", info.Mode(), "the .xlsx file itself"); err != nil {
		return err
	}
	if info.Size() > lim.FileBytes {
		return &LimitError{Limit: "FileBytes", Flag: "max-file-mb", Got: info.Size(), Max: lim.FileBytes}
	}
	if err := checkSignature(file); err != nil {
		return err
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
		name := partName(f.Name)
		switch {
		case path.Base(name) == "vbaproject.bin":
			return macros(f.Name)
		case strings.HasPrefix(name, "xl/externallinks/"):
			return externalLinks(f.Name)
		}
	}
	// The content types and relationships first: they name the shared
	// strings parts.
	sharedStrings := map[string]bool{"xl/sharedstrings.xml": true}
	parts := make([]string, len(z.File))
	for i, f := range z.File {
		parts[i] = partName(f.Name)
	}
	for _, pass := range []bool{true, false} {
		for _, f := range z.File {
			if isPackageIndex(partName(f.Name)) != pass {
				continue
			}
			if err := checkPackagePart(f, lim, parts, sharedStrings); err != nil {
				return err
			}
		}
	}
	return nil
}

// isPackageIndex reports whether a part is the content types or a
// relationships part: the parts that say what the others are.
func isPackageIndex(name string) bool {
	return name == "[content_types].xml" || strings.HasSuffix(name, ".rels")
}

// partName is a part's name as compared: lower case, forward slashes,
// no leading slash.
func partName(name string) string {
	return strings.TrimPrefix(strings.ToLower(path.Clean("/"+strings.ReplaceAll(name, "\\", "/"))), "/")
}

func macros(part string) error {
	return fmt.Errorf("%w (%s): rejoinder never runs macros, but imports only plain workbooks; save it as an Excel Workbook (.xlsx) and import that", ErrMacros, part)
}

func externalLinks(part string) error {
	return fmt.Errorf("%w (%s): linked values may be stale or missing; break the links (Data > Edit Links > Break Link), save, and import again", ErrExternalLinks, part)
}

// oleSignature begins every OLE2 compound file: an Excel 97-2003 .xls, and
// an .xlsx saved with a password (encrypted inside such a container).
var oleSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// checkSignature recognises an old .xls or an encrypted workbook by its
// first bytes, to say what it is and what to do instead of "not a zip".
func checkSignature(file string) error {
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("cannot open the workbook: %w", err)
	}
	defer f.Close()
	head := make([]byte, len(oleSignature))
	if _, err := io.ReadFull(f, head); err == nil && bytes.Equal(head, oleSignature) {
		return fmt.Errorf("cannot open the workbook: it is %w, not an .xlsx file: open it in Excel or LibreOffice, remove any password, save it as an Excel Workbook (.xlsx) and import that", ErrLegacyWorkbook)
	}
	return nil
}

// Relationship and content types that mark macros or links to other
// workbooks, whatever the part holding them is called.
const (
	relVBAProject   = "/vbaproject"
	relExternalLink = "/externallink"
)

// checkPackagePart reads one part through to its end (the zip reader then
// checks its declared size and checksum). In the content types and the
// relationships it looks for macros and external links, and notes the
// shared strings parts the workbook names; those it checks with
// checkSharedStrings.
func checkPackagePart(f *zip.File, lim Limits, parts []string, sharedStrings map[string]bool) error {
	if sharedStrings[partName(f.Name)] {
		return checkSharedStrings(f, lim)
	}
	rc, err := f.Open()
	if err != nil {
		return damaged(f.Name, err)
	}
	defer rc.Close()
	name := partName(f.Name)
	var r io.Reader = rc
	switch {
	case name == "[content_types].xml":
		err = checkContentTypes(r, f.Name, parts)
	case strings.HasSuffix(name, ".rels"):
		base := path.Dir(path.Dir(name)) // the folder of the part the relationships are of
		err = eachElement(r, func(_ string, attr map[string]string) error {
			typ := strings.ToLower(attr["Type"])
			switch {
			case strings.HasSuffix(typ, relVBAProject):
				return macros(f.Name + ": relationship " + attr["Type"])
			case strings.HasSuffix(typ, relExternalLink) || strings.HasSuffix(typ, "/externallinkpath"):
				return externalLinks(f.Name + ": relationship " + attr["Type"])
			case strings.HasSuffix(typ, "/sharedstrings") && attr["TargetMode"] != "External":
				target := attr["Target"]
				if strings.HasPrefix(target, "/") {
					sharedStrings[partName(target)] = true
				} else {
					sharedStrings[partName(path.Join(base, target))] = true
				}
			}
			return nil
		})
	default:
		_, err = io.Copy(io.Discard, r)
		if err != nil {
			return damaged(f.Name, err)
		}
	}
	if err != nil {
		var le *LimitError
		if errors.Is(err, ErrMacros) || errors.Is(err, ErrExternalLinks) || errors.As(err, &le) {
			return err
		}
		return damaged(f.Name, err)
	}
	// Read what the XML decoder left, so that the checksum is checked.
	if _, err := io.Copy(io.Discard, r); err != nil {
		return damaged(f.Name, err)
	}
	return nil
}

// damaged reports a part the zip reader could not read through: its data
// is corrupt or its size header lies.
func damaged(part string, err error) error {
	return fmt.Errorf("%w: part %s cannot be read (%v); the file was damaged in transfer or by the program that wrote it: ask for a fresh copy, or open it in Excel or LibreOffice and save it again", ErrDamagedWorkbook, part, err)
}

// eachElement streams each XML element's name and attributes to fn and
// stops at fn's first error. Relationship and content-type parts hold
// nothing but such elements.
func eachElement(r io.Reader, fn func(elem string, attr map[string]string) error) error {
	d := xml.NewDecoder(r)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			attr := make(map[string]string, len(se.Attr))
			for _, a := range se.Attr {
				attr[a.Name.Local] = a.Value
			}
			if err := fn(se.Name.Local, attr); err != nil {
				return err
			}
		}
	}
}

// checkContentTypes finds the content type of each part of the package
// (an Override for the part, else the Default for its extension) and
// refuses a VBA project or a macro-enabled workbook whatever the part is
// called. A Default alone is no part: excelize declares one for .bin in
// every workbook.
func checkContentTypes(r io.Reader, file string, parts []string) error {
	defaults, overrides := map[string]string{}, map[string]string{}
	err := eachElement(r, func(elem string, attr map[string]string) error {
		switch elem {
		case "Default":
			defaults[strings.ToLower(attr["Extension"])] = strings.ToLower(attr["ContentType"])
		case "Override":
			overrides[partName(attr["PartName"])] = strings.ToLower(attr["ContentType"])
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, p := range parts {
		typ, ok := overrides[p]
		if !ok {
			typ = defaults[strings.TrimPrefix(path.Ext(p), ".")]
		}
		if strings.Contains(typ, "vbaproject") || strings.Contains(typ, "macroenabled") {
			return macros(fmt.Sprintf("%s: %s has content type %s", file, p, typ))
		}
	}
	return nil
}

// checkSharedStrings streams the shared strings part, counting its
// strings against Limits.SharedStrings and bounding the bytes of any one
// string (<si> element) by what a cell of CellChars characters can take
// in XML, so that neither a huge count nor one enormous string reaches
// excelize, which would hold them all in memory.
func checkSharedStrings(f *zip.File, lim Limits) error {
	rc, err := f.Open()
	if err != nil {
		return damaged(f.Name, err)
	}
	defer rc.Close()
	// A character takes at most 10 bytes escaped (&#x10FFFF;), and rich
	// text adds formatting markup around runs.
	maxSpan := int64(lim.CellChars)*10 + 1<<20
	span := &spanReader{r: rc, max: maxSpan}
	d := xml.NewDecoder(span)
	count := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if errors.Is(err, errSpan) {
			return &LimitError{Limit: "CellChars", Flag: "max-cell-chars",
				Part: fmt.Sprintf("%s (string %d takes more than %d bytes of XML)", f.Name, count, maxSpan),
				Got:  int64(lim.CellChars) + 1, Max: int64(lim.CellChars)}
		}
		if err != nil {
			return damaged(f.Name, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "si" {
			continue
		}
		if count++; count > lim.SharedStrings {
			return &LimitError{Limit: "SharedStrings", Flag: "max-shared-strings", Part: f.Name, Got: int64(count), Max: int64(lim.SharedStrings)}
		}
		span.mark = d.InputOffset()
	}
}

// errSpan is a shared string longer than any cell may be.
var errSpan = errors.New("shared string too long")

// spanReader fails once more than max bytes have been read since mark
// (the start of the current string), so that the XML decoder never
// buffers a string larger than that.
type spanReader struct {
	r         io.Reader
	pos, mark int64
	max       int64
}

func (s *spanReader) Read(p []byte) (int, error) {
	if s.pos-s.mark > s.max {
		return 0, errSpan
	}
	n, err := s.r.Read(p)
	s.pos += int64(n)
	return n, err
}
