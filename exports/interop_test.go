package exports

import (
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/interoptest"
	"github.com/rejoinder/rejoinder/schema"
)

// expectedCells is what a spreadsheet program should show for each data
// sheet, built from the records: the codebook columns (booleans as TRUE or
// FALSE, dates to their precision, lists joined), then for responses the
// lag and the 0/1 strategy columns.
func expectedCells(ds *dataset.Dataset, table string) [][]string {
	cols := ds.Codebook.Columns(table)
	var out [][]string
	c := analysis.ColumnsOf(ds)
	i := 0
	_ = ds.Scan(table, func(row []any) error {
		var rec []string
		for k, col := range cols {
			switch x := row[k].(type) {
			case bool:
				rec = append(rec, strings.ToUpper(strconv.FormatBool(x)))
			case schema.Date:
				if col.Precision {
					rec = append(rec, x.Precision.String())
				} else {
					rec = append(rec, x.String())
				}
			case []string:
				rec = append(rec, strings.Join(x, dataset.ListSeparator))
			default:
				rec = append(rec, fmt.Sprint(x))
			}
		}
		if table == schema.TableResponses {
			lag := ""
			if n, ok := c.Lag(i); ok {
				lag = strconv.Itoa(n)
			}
			rec = append(rec, lag)
			for b := range c.StrategyCodes {
				rec = append(rec, strconv.Itoa(int(c.Strategies[i]>>b&1)))
			}
		}
		out = append(out, rec)
		i++
		return nil
	})
	return out
}

// LibreOffice converts every sheet to CSV headless, and the data sheets'
// values are ours, cell for cell.
func TestLibreOfficeReadsWorkbook(t *testing.T) {
	soffice := interoptest.LibreOffice(t)
	ds := dataset.MustDefault()
	dir := t.TempDir()
	book := filepath.Join(dir, "book.xlsx")
	if err := SaveWorkbook(book, ds, WorkbookOptions{}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", dir, book)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	sheets := map[string]string{schema.TableCases: SheetCases, schema.TableAccusations: SheetAccusations,
		schema.TableResponses: SheetResponses, schema.TableQuotes: SheetQuotes, schema.TableSources: SheetSources}
	for table, sheet := range sheets {
		f, err := os.Open(filepath.Join(dir, "book-"+sheet+".csv"))
		if err != nil {
			t.Fatalf("LibreOffice wrote no CSV for %s: %v", sheet, err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		want := expectedCells(ds, table)
		if len(rows)-1 != len(want) {
			t.Fatalf("%s: LibreOffice reads %d rows, want %d", sheet, len(rows)-1, len(want))
		}
		for r, rec := range want {
			for k, v := range rec {
				if rows[r+1][k] != v {
					t.Errorf("%s row %d column %s: LibreOffice shows %q, want %q", sheet, r+2, rows[0][k], rows[r+1][k], v)
				}
			}
		}
	}
	for _, sheet := range []string{SheetAbout, SheetCodebook, SheetComparison, SheetProfile, SheetSimilarity, SheetDynamics, SheetTimeline, SheetCoOccurs} {
		if info, err := os.Stat(filepath.Join(dir, "book-"+sheet+".csv")); err != nil || info.Size() == 0 {
			t.Errorf("LibreOffice could not convert sheet %s: %v", sheet, err)
		}
	}
}

// pandas (openpyxl) reads each data sheet with dates as datetimes, flags
// as booleans and counts as integers.
func TestPandasReadsWorkbook(t *testing.T) {
	ds := dataset.MustDefault()
	book := filepath.Join(t.TempDir(), "book.xlsx")
	if err := SaveWorkbook(book, ds, WorkbookOptions{}); err != nil {
		t.Fatal(err)
	}
	var got map[string]struct {
		Rows   int
		Dtypes map[string]string
	}
	interoptest.Python(t, "read_workbook.py", []string{"pandas", "openpyxl"}, &got, book)
	checks := []struct{ sheet, col, dtype string }{
		{SheetResponses, "date", "datetime64[ns]"},
		{SheetResponses, "anticipatory", "bool"},
		{SheetResponses, "identity_dispute", "int64"},
		{SheetResponses, "lag_days", "float64"}, // pandas has no integer NaN: unknown lags are blank
		{SheetAccusations, "date", "datetime64[ns]"},
		{SheetSources, "published", "datetime64[ns]"},
		{SheetDynamics, "responses", "int64"},
		{SheetDynamics, "responses_7d", "int64"},
		{SheetTimeline, "lag_days", "int64"},
	}
	for _, c := range checks {
		if d := got[c.sheet].Dtypes[c.col]; d != c.dtype {
			t.Errorf("pandas reads %s.%s as %s, want %s", c.sheet, c.col, d, c.dtype)
		}
	}
	if got[SheetResponses].Rows != len(ds.Responses) || got[SheetQuotes].Rows != len(ds.Quotes()) {
		t.Errorf("pandas rows: responses %d, quotes %d", got[SheetResponses].Rows, got[SheetQuotes].Rows)
	}
}

// DuckDB reads the CSV files with the right types, and Apache Arrow's
// JavaScript implementation reads the Arrow files, with the row counts of
// the dataset. (DuckDB reads the Parquet files in the dataset package's
// test.)
func TestIndependentReadersCSVAndArrow(t *testing.T) {
	ds := dataset.MustDefault()
	dir := t.TempDir()
	csvPaths, err := WriteDataPackage(dir, ds)
	if err != nil {
		t.Fatal(err)
	}
	arrowPaths, err := WriteArrow(dir, ds)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{schema.TableCases: len(ds.Cases), schema.TableAccusations: len(ds.Accusations),
		schema.TableResponses: len(ds.Responses), schema.TableQuotes: len(ds.Quotes()), schema.TableSources: len(ds.Sources)}
	type read map[string]struct {
		Rows    int
		Columns [][2]string
	}
	var csvs, arrows read
	interoptest.RunJSON(t, "read_csv_duckdb.mjs", "@duckdb/node-api", &csvs, csvPaths[:len(dataset.Tables)]...)
	interoptest.RunJSON(t, "read_arrow.mjs", "apache-arrow", &arrows, arrowPaths...)
	for table, n := range want {
		if r := csvs[filepath.Join(dir, CSVFile(table))].Rows; r != n {
			t.Errorf("DuckDB reads %d rows of %s.csv, want %d", r, table, n)
		}
		if r := arrows[filepath.Join(dir, ArrowFile(table))].Rows; r != n {
			t.Errorf("Arrow JS reads %d rows of %s.arrow, want %d", r, table, n)
		}
	}
	types := func(r read, file string) map[string]string {
		m := map[string]string{}
		for _, c := range r[filepath.Join(dir, file)].Columns {
			m[c[0]] = c[1]
		}
		return m
	}
	ct := types(csvs, CSVFile(schema.TableResponses))
	if ct["date"] != "DATE" || ct["anticipatory"] != "BOOLEAN" || ct["strategies"] != "VARCHAR" {
		t.Errorf("DuckDB CSV types: date %s, anticipatory %s, strategies %s", ct["date"], ct["anticipatory"], ct["strategies"])
	}
	at := types(arrows, ArrowFile(schema.TableResponses))
	if at["date"] != "Date32<DAY>" || at["anticipatory"] != "Bool" || !strings.HasPrefix(at["strategies"], "List<") {
		t.Errorf("Arrow JS types: date %s, anticipatory %s, strategies %s", at["date"], at["anticipatory"], at["strategies"])
	}
}
