package coding

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// formulaCells returns the cells of a sheet that hold a formula. Reading
// row by row gives a formula cell's cached result (or nothing, when the
// file was saved without one), so a formula typed into a coded cell would
// pass for a code or vanish; this scans the sheet's XML for <f> elements
// instead, as a stream (memory holds the cells found, at most
// maxProblems+1).
func formulaCells(file, sheet string, lim Limits) (map[string]bool, error) {
	z, err := zip.OpenReader(file)
	if err != nil {
		return nil, fmt.Errorf("cannot open the workbook: %w", err)
	}
	defer z.Close()
	part, err := sheetPart(&z.Reader, sheet)
	if err != nil {
		return nil, err
	}
	zf := findPart(&z.Reader, part)
	if zf == nil {
		return nil, fmt.Errorf("cannot read the sheet: no part %s in the workbook", part)
	}
	// Most filled templates hold no formula: a byte search, much faster
	// than parsing, finds that out before the parse is needed.
	if maybe, err := mayHoldFormulas(zf, lim); err != nil || !maybe {
		return nil, err
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("cannot read the sheet: %w", err)
	}
	defer rc.Close()
	found := map[string]bool{}
	d := xml.NewDecoder(io.LimitReader(rc, lim.PartBytes))
	row, col := 0, 0
	cell := ""
	for len(found) <= maxProblems {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read the sheet: %w", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch el.Name.Local {
		case "row":
			row, col = row+1, 0
			if r := attr(el, "r"); r != "" {
				fmt.Sscan(r, &row)
			}
			if row > lim.Rows {
				return found, nil // reading the rows reports the limit
			}
		case "c":
			col++
			cell = attr(el, "r")
			if cell != "" {
				if c, r, err := excelize.CellNameToCoordinates(cell); err == nil {
					col, row = c, r
				}
			} else {
				cell = cellName(col, row)
			}
		case "f":
			found[cell] = true
		}
	}
	return found, nil
}

// mayHoldFormulas reports whether a sheet part may hold an <f> element
// (with or without a namespace prefix): false means it certainly does not.
func mayHoldFormulas(zf *zip.File, lim Limits) (bool, error) {
	rc, err := zf.Open()
	if err != nil {
		return false, fmt.Errorf("cannot read the sheet: %w", err)
	}
	defer rc.Close()
	return holdsFormulaTag(io.LimitReader(rc, lim.PartBytes))
}

// holdsFormulaTag reports whether r holds the start of an <f> element.
func holdsFormulaTag(r io.Reader) (bool, error) {
	buf := make([]byte, 1<<16)
	carry := 0 // bytes kept from the last read, so a tag split between reads is seen
	for {
		n, err := r.Read(buf[carry:])
		chunk := buf[:carry+n]
		for _, tag := range [][]byte{[]byte("<f>"), []byte("<f "), []byte("<f/"), []byte(":f>"), []byte(":f "), []byte(":f/")} {
			if bytes.Contains(chunk, tag) {
				return true, nil
			}
		}
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("cannot read the sheet: %w", err)
		}
		carry = copy(buf, chunk[max(len(chunk)-2, 0):])
	}
}

// attr returns an element's attribute by local name.
func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// sheetPart finds the zip part of a sheet by its name, through the
// workbook and its relationships (a sheet's part need not be named after
// it, or be in sheet order).
func sheetPart(z *zip.Reader, sheet string) (string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"id,attr"` // r:id, in whichever namespace
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	const book = "xl/workbook.xml"
	if err := decodePart(z, book, &wb); err != nil {
		return "", err
	}
	if err := decodePart(z, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", err
	}
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.ID {
				if strings.HasPrefix(r.Target, "/") {
					return strings.TrimPrefix(r.Target, "/"), nil
				}
				return path.Join(path.Dir(book), r.Target), nil
			}
		}
	}
	return "", fmt.Errorf("cannot read the sheet: the workbook does not say where sheet %q is", sheet)
}

// findPart returns a zip part by name, ignoring case (as Excel does).
func findPart(z *zip.Reader, name string) *zip.File {
	for _, f := range z.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// decodePart decodes an XML part of the workbook into v.
func decodePart(z *zip.Reader, name string, v any) error {
	f := findPart(z, name)
	if f == nil {
		return fmt.Errorf("cannot read the workbook: no part %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("cannot read the workbook: %w", err)
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return fmt.Errorf("cannot read the workbook: %s: %w", name, err)
	}
	return nil
}
