package exports

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/atomicfile"
	"github.com/rejoinder/rejoinder/schema"
)

// ListSeparator joins the values of a multi-valued field in a CSV cell.
//
// Deprecated: use dataset.ListSeparator, the one list separator.
const ListSeparator = dataset.ListSeparator

// DataPackageFile is the descriptor's file name, as the Frictionless
// specification fixes it.
const DataPackageFile = "datapackage.json"

// CSVFile is the file name of a table's CSV file.
func CSVFile(table string) string { return table + ".csv" }

// CSVOptions adjusts CSV output.
type CSVOptions struct {
	// Excel writes for spreadsheet programs: a UTF-8 byte-order mark so
	// Excel reads non-ASCII text correctly, and an apostrophe before any
	// cell that starts with =, +, -, @, tab or carriage return, so that no
	// cell is taken for a formula (as OWASP advises against CSV injection),
	// and text made only of digits — CAMEO codes such as 016 — written as
	// ="016", so that LibreOffice and Excel keep it as the text 016 rather
	// than the number 16 (a different code). Plain CSV has no way to mark
	// a cell as text that either program honours by default: a quoted
	// "016" and LibreOffice's "Format quoted field as text" (off by
	// default) are ignored by Excel, and an apostrophe stays visible in
	// both. The wrapper is a formula whose result is a constant string,
	// built only from digits, so it cannot compute or fetch anything;
	// programs should read the plain CSV and its datapackage.json instead.
	// A cell that starts with an apostrophe gets one more, so that
	// `import csv` can remove exactly what was added (see
	// dataset.EscapeExcelCell and dataset.ExcelCSVFile).
	Excel bool
}

// WriteTableCSV writes one table as RFC 4180 CSV (UTF-8, header row,
// columns in codebook order, dates as YYYY-MM-DD with their precision in
// the next column, lists joined by dataset.ListSeparator, booleans as true/false,
// missing values as empty cells).
func WriteTableCSV(w io.Writer, ds *dataset.Dataset, table string, opts ...CSVOptions) error {
	excel := len(opts) > 0 && opts[0].Excel
	if excel {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return err
		}
	}
	cols := ds.Codebook.Columns(table)
	if cols == nil {
		return fmt.Errorf("no table %q", table)
	}
	cw := csv.NewWriter(w)
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.Field.Name
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	err := ds.Scan(table, func(row []any) error {
		for i, c := range cols {
			rec[i] = csvValue(row[i], c.Precision)
			if excel {
				_, text := row[i].(string)
				rec[i] = dataset.EscapeExcelCell(rec[i], text)
			}
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func csvValue(v any, precision bool) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		if x {
			return "true"
		}
		return "false"
	case []string:
		return dataset.JoinList(x)
	case schema.Date:
		if x.IsZero() {
			return ""
		}
		if precision {
			return x.Precision.String()
		}
		return x.Time().Format("2006-01-02")
	}
	return fmt.Sprint(v)
}

// WriteExcelCSV writes every table as CSV for spreadsheet programs (see
// CSVOptions.Excel) into dir and returns the paths. It writes no data
// package, since the apostrophes and ="…" wrappers it adds are not part of
// the data, but the same descriptor as dataset.ExcelCSVFile, which marks
// the tables so that `import csv` undoes the escapes and gives back the
// dataset exactly, metadata included.
func WriteExcelCSV(dir string, ds *dataset.Dataset) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, table := range dataset.Tables {
		p := filepath.Join(dir, CSVFile(table))
		if err := atomicfile.Write(p, func(w io.Writer) error { return WriteTableCSV(w, ds, table, CSVOptions{Excel: true}) }); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	desc, err := json.MarshalIndent(excelDescriptor{
		ExcelCSV: "The tables' cells carry escapes for spreadsheet programs: an apostrophe before a cell that starts with = + - @ tab, CR or an apostrophe, and =\"016\" for text made only of digits. rejoinder import csv removes them; other programs should read a plain export (rejoinder export csv, with datapackage.json).",
		Package:  DataPackage(ds),
	}, "", "  ")
	if err != nil {
		return paths, err
	}
	p := filepath.Join(dir, dataset.ExcelCSVFile)
	err = atomicfile.Write(p, func(w io.Writer) error {
		_, err := w.Write(append(desc, '\n'))
		return err
	})
	return append(paths, p), err
}

// excelDescriptor is dataset.ExcelCSVFile: the data package descriptor
// with a statement of the escapes in the tables' cells.
type excelDescriptor struct {
	ExcelCSV string `json:"rejoinder:excelCSV"`
	Package
}

// WriteDataPackage writes every table as CSV into dir and a Frictionless
// Data Package descriptor (datapackage.json) that describes them. The
// descriptor is generated from the codebook: Table Schema types, enum and
// pattern constraints for codes, required fields, primary and foreign
// keys, and each variable's definition as the field description. Files are
// written atomically and deterministically. It returns the paths written.
func WriteDataPackage(dir string, ds *dataset.Dataset) ([]string, error) {
	return WriteDataPackageWith(dir, ds, PackageOptions{})
}

// PackageOptions adds to a data package what is not a table of the
// dataset.
type PackageOptions struct {
	// Codings, when there are any, are written as codings.csv (long
	// format: unit, variable, coder, round, value) and described as a
	// resource, so that anyone can recompute the coders' agreement.
	Codings []coding.Coding
}

// CodingsFile is the codings' CSV file in a data package.
const CodingsFile = "codings.csv"

// WriteDataPackageWith is WriteDataPackage with the additions opts names.
func WriteDataPackageWith(dir string, ds *dataset.Dataset, opts PackageOptions) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, table := range dataset.Tables {
		p := filepath.Join(dir, CSVFile(table))
		if err := atomicfile.Write(p, func(w io.Writer) error { return WriteTableCSV(w, ds, table) }); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	// Plain tables replace any written with --excel: their marker would
	// make import csv remove apostrophes that are now text.
	if err := os.Remove(filepath.Join(dir, dataset.ExcelCSVFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return paths, err
	}
	pkg := DataPackage(ds)
	if len(opts.Codings) > 0 {
		p := filepath.Join(dir, CodingsFile)
		if err := atomicfile.Write(p, func(w io.Writer) error { return coding.WriteCodingsCSV(w, opts.Codings) }); err != nil {
			return paths, err
		}
		paths = append(paths, p)
		pkg.Resources = append(pkg.Resources, codingsResource(ds.Codebook))
	} else if err := os.Remove(filepath.Join(dir, CodingsFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return paths, err // a package without codings must not keep an old file
	}
	desc, err := json.MarshalIndent(pkg, "", "  ")
	if err != nil {
		return paths, err
	}
	p := filepath.Join(dir, DataPackageFile)
	err = atomicfile.Write(p, func(w io.Writer) error {
		_, err := w.Write(append(desc, '\n'))
		return err
	})
	return append(paths, p), err
}

// Package is a Frictionless Data Package descriptor (v1).
type Package struct {
	Profile     string     `json:"profile"`
	Name        string     `json:"name"`
	Title       string     `json:"title"`
	Description string     `json:"description"`
	Version     string     `json:"version"`
	Homepage    string     `json:"homepage,omitempty"`
	Licenses    []License  `json:"licenses"`
	Sources     []Source   `json:"sources"`
	Keywords    []string   `json:"keywords"`
	Citation    string     `json:"rejoinder:citation"`
	Codebook    string     `json:"rejoinder:codebookVersion"`
	ContentHash string     `json:"rejoinder:contentSHA256"`
	Resources   []Resource `json:"resources"`
}

// License is a data package licence.
type License struct {
	Name  string `json:"name"`
	Path  string `json:"path,omitempty"`
	Title string `json:"title,omitempty"`
}

// Source is a data package source.
type Source struct {
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

// Resource is one tabular data resource.
type Resource struct {
	Profile     string `json:"profile"`
	Name        string `json:"name"`
	Path        string `json:"path"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Format      string `json:"format"`
	MediaType   string `json:"mediatype"`
	Encoding    string `json:"encoding"`
	// Dialect states the CSV dialect, so that no reader guesses it: a
	// reader that sniffs the delimiter (datapackage-js does) can take the
	// "; " inside a text field for the delimiter.
	Dialect Dialect     `json:"dialect"`
	Schema  TableSchema `json:"schema"`
}

// Dialect is a Frictionless CSV Dialect: comma-separated, fields with a
// comma, quote or line break double-quoted, a quote doubled, a header row.
type Dialect struct {
	Delimiter   string `json:"delimiter"`
	QuoteChar   string `json:"quoteChar"`
	DoubleQuote bool   `json:"doubleQuote"`
	Header      bool   `json:"header"`
}

// csvDialect is the dialect our CSV writers write (encoding/csv's).
var csvDialect = Dialect{Delimiter: ",", QuoteChar: "\"", DoubleQuote: true, Header: true}

// TableSchema is a Frictionless Table Schema.
type TableSchema struct {
	Fields        []SchemaField `json:"fields"`
	PrimaryKey    []string      `json:"primaryKey"`
	ForeignKeys   []ForeignKey  `json:"foreignKeys,omitempty"`
	MissingValues []string      `json:"missingValues"`
}

// SchemaField is one field of a Table Schema.
type SchemaField struct {
	Name        string       `json:"name"`
	Type        string       `json:"type"`
	Format      string       `json:"format,omitempty"`
	Description string       `json:"description"`
	Constraints *Constraints `json:"constraints,omitempty"`
}

// Constraints restrict a field's values.
type Constraints struct {
	Required bool     `json:"required,omitempty"`
	Unique   bool     `json:"unique,omitempty"`
	Enum     []string `json:"enum,omitempty"`
	Pattern  string   `json:"pattern,omitempty"`
}

// ForeignKey ties fields to another resource's key.
type ForeignKey struct {
	Fields    []string  `json:"fields"`
	Reference Reference `json:"reference"`
}

// Reference is the target of a foreign key.
type Reference struct {
	Resource string   `json:"resource"`
	Fields   []string `json:"fields"`
}

var licenseURLs = map[string][2]string{
	"CC-BY-4.0": {"https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0"},
	"CC0-1.0":   {"https://creativecommons.org/publicdomain/zero/1.0/", "CC0 1.0"},
}

// DataPackage builds the descriptor for the dataset from the codebook.
func DataPackage(ds *dataset.Dataset) Package {
	cb := ds.Codebook
	lic := License{Name: ds.Meta.License}
	if u, ok := licenseURLs[ds.Meta.License]; ok {
		lic.Path, lic.Title = u[0], u[1]
	}
	pkg := Package{
		Profile: "tabular-data-package", Name: ds.Meta.Name, Title: ds.Meta.Title, Description: ds.Meta.Description,
		Version: ds.Meta.Version, Homepage: ds.Meta.Homepage, Licenses: []License{lic},
		Sources:     []Source{{Title: fmt.Sprintf("%d news reports, official statements and court documents, listed with URLs in the sources resource", len(ds.Sources))}},
		Keywords:    []string{"accusation", "denial", "attribution", "state responses", "political communication"},
		Citation:    ds.Meta.Citation,
		Codebook:    cb.Version,
		ContentHash: ds.ContentHash(),
	}
	for _, table := range dataset.Tables {
		t, _ := cb.Table(table)
		res := Resource{
			Profile: "tabular-data-resource", Name: table, Path: CSVFile(table), Title: table,
			Description: "One row is " + t.Unit + ".", Format: "csv", MediaType: "text/csv", Encoding: "utf-8", Dialect: csvDialect,
			Schema: TableSchema{PrimaryKey: []string{t.Key}, MissingValues: []string{""}},
		}
		for _, c := range cb.Columns(table) {
			res.Schema.Fields = append(res.Schema.Fields, schemaField(c, t.Key))
			v := c.Variable
			if c.Precision || v.Type != schema.TypeRef || v.List || !slices.Contains(dataset.Tables, v.Ref) {
				continue // list references and the quotes' either-or unit_id cannot be foreign keys
			}
			target, _ := cb.Table(v.Ref)
			res.Schema.ForeignKeys = append(res.Schema.ForeignKeys, ForeignKey{
				Fields: []string{v.Name}, Reference: Reference{Resource: v.Ref, Fields: []string{target.Key}}})
		}
		pkg.Resources = append(pkg.Resources, res)
	}
	return pkg
}

// codingsResource describes codings.csv: one coder's value of one coded
// variable of one unit in one round.
func codingsResource(cb *schema.Codebook) Resource {
	field := func(name, typ, desc string) SchemaField {
		return SchemaField{Name: name, Type: typ, Description: desc, Constraints: &Constraints{Required: name != "value"}}
	}
	return Resource{
		Profile: "tabular-data-resource", Name: "codings", Path: CodingsFile, Title: "codings",
		Description: "One row is one coder's value of one coded variable of one accusation or response in one coding round, " +
			"from rejoinder's coding templates (codebook " + cb.Version + "). Multi-label variables are one yes/no row per code " +
			"(strategies:denial). The records hold the adjudicated values.",
		Format: "csv", MediaType: "text/csv", Encoding: "utf-8", Dialect: csvDialect,
		Schema: TableSchema{
			Fields: []SchemaField{
				field("unit_id", "string", "The accusation or response coded."),
				field("variable", "string", "The coded variable, or variable:code for one code of a multi-label variable."),
				field("coder", "string", "Who coded."),
				field("round", "integer", "The coding round."),
				field("value", "string", "The code given; yes or no for one code of a multi-label variable; empty when not coded."),
			},
			PrimaryKey: []string{"unit_id", "variable", "coder", "round"}, MissingValues: []string{""},
		},
	}
}

// schemaField maps one column to a Table Schema field.
func schemaField(c schema.Column, key string) SchemaField {
	v := c.Variable
	f := SchemaField{Name: c.Field.Name, Type: "string", Description: v.Definition}
	cons := &Constraints{Required: v.Required && !c.Precision}
	switch {
	case c.Precision:
		f.Description = "Precision of " + v.Name + ": day, month or year; the date column holds the first day of the period."
		cons.Enum = []string{"day", "month", "year"}
	case v.List:
		f.Description += " Values are separated by \"" + dataset.ListSeparator + "\"; a \";\" or \"\\\" inside a value is escaped with a backslash."
		if p := itemPattern(v); p != "" {
			cons.Pattern = "(" + p + ")(" + regexp.QuoteMeta(dataset.ListSeparator) + "(" + p + "))*"
		}
	case v.Type == schema.TypeDate:
		f.Type, f.Format = "date", "default"
	case v.Type == schema.TypeBool:
		f.Type = "boolean"
	case v.Type == schema.TypeInt:
		f.Type = "integer"
	case v.Type == schema.TypeURL:
		f.Format = "uri"
	case v.Type == schema.TypeEnum:
		cons.Enum = v.Codes()
	default:
		cons.Pattern = itemPattern(v)
	}
	if v.Name == key && !c.Precision {
		cons.Unique = true
	}
	if cons.Pattern != "" {
		// Anchored explicitly: the specification implies a whole-value match,
		// but datapackage-js tests patterns unanchored.
		cons.Pattern = "^(" + cons.Pattern + ")$"
	}
	if cons.Required || cons.Unique || cons.Enum != nil || cons.Pattern != "" {
		f.Constraints = cons
	}
	return f
}

// itemPattern is a regular expression for one value of the variable, or
// "" when any text is allowed.
func itemPattern(v *schema.Variable) string {
	switch v.Type {
	case schema.TypeEnum:
		codes := make([]string, len(v.Values))
		for i, c := range v.Codes() {
			codes[i] = regexp.QuoteMeta(c)
		}
		return strings.Join(codes, "|")
	case schema.TypeID, schema.TypeRef:
		return "[a-z0-9]+(-[a-z0-9]+)*"
	case schema.TypeCountry:
		return "[A-Z]{3}"
	case schema.TypeActor:
		return "[A-Z]{3}|" + strings.Join(schema.BodyCodes(), "|")
	case schema.TypeCAMEO:
		return "[0-9]{2,4}"
	case schema.TypeLanguage:
		return "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"
	}
	return ""
}
