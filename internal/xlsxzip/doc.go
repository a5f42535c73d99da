// Package xlsxzip is the zip writer every rejoinder workbook is saved
// through (the researcher's workbook in exports and the coding templates
// in coding). excelize writes each worksheet's <dimension ref="A1"/>
// whatever the sheet holds, and readers that trust it — openpyxl with
// read_only=True, the usual way to read a big workbook — then see one
// row and one column and no error. The writer here replaces that
// element with the sheet's real used range as the archive is written,
// drops the filterMode="true" excelize sets on a sheet whose filter hides
// nothing, and makes a scatter chart's x values a numeric reference
// (excelize writes a string reference, which Excel may plot as 1..n).
// It also writes the entries sorted by name (excelize emits them in map
// order), so the same workbook gives the same bytes, and it can splice
// streamed rows into a sheet whose XML excelize wrote with a header only.
//
// # Where it fits
//
// xlsxzip sits under exports and coding, next to excelize; it imports
// nothing of rejoinder's. [Save] is the entry point:
//
//	f := excelize.NewFile()
//	// ... fill f ...
//	err := xlsxzip.Save(f, w, nil)
package xlsxzip
