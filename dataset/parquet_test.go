package dataset

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/rejoinder/rejoinder/internal/interoptest"
	"github.com/rejoinder/rejoinder/schema"
)

// withoutPositions returns a copy of the records with every Pos cleared,
// so that datasets read from different files compare equal.
func withoutPositions(r schema.Records) schema.Records {
	clear := func(v reflect.Value) {
		for i := 0; i < v.Len(); i++ {
			row := v.Index(i)
			row.FieldByName("Pos").SetZero()
			if q := row.FieldByName("Quotes"); q.IsValid() {
				qs := reflect.MakeSlice(q.Type(), q.Len(), q.Len())
				reflect.Copy(qs, q)
				for j := 0; j < qs.Len(); j++ {
					qs.Index(j).FieldByName("Pos").SetZero()
				}
				if qs.Len() > 0 {
					row.FieldByName("Quotes").Set(qs)
				}
			}
		}
	}
	out := schema.Records{
		Cases:       append([]schema.Case(nil), r.Cases...),
		Accusations: append([]schema.Accusation(nil), r.Accusations...),
		Responses:   append([]schema.Response(nil), r.Responses...),
		Sources:     append([]schema.Source(nil), r.Sources...),
	}
	clear(reflect.ValueOf(out.Cases))
	clear(reflect.ValueOf(out.Accusations))
	clear(reflect.ValueOf(out.Responses))
	clear(reflect.ValueOf(out.Sources))
	return out
}

func TestParquetRoundTrip(t *testing.T) {
	for _, name := range []string{"embedded", "testdata/minimal"} {
		t.Run(name, func(t *testing.T) {
			var ds *Dataset
			var err error
			if name == "embedded" {
				ds, err = Default()
			} else {
				ds, err = Load(name)
			}
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			paths, err := ds.WriteParquet(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) != len(Tables) {
				t.Fatalf("wrote %d files, want %d", len(paths), len(Tables))
			}
			back, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if back.Meta != ds.Meta {
				t.Errorf("metadata %+v, want %+v", back.Meta, ds.Meta)
			}
			want, got := withoutPositions(ds.Records), withoutPositions(back.Records)
			if !reflect.DeepEqual(got, want) {
				a, _ := json.MarshalIndent(want, "", " ")
				b, _ := json.MarshalIndent(got, "", " ")
				t.Fatalf("round trip changed the records:\nwant %.2000s\ngot  %.2000s", a, b)
			}
			if back.ContentHash() != ds.ContentHash() {
				t.Error("content hash changed in the round trip")
			}
		})
	}
}

func TestParquetDeterministic(t *testing.T) {
	ds := MustDefault()
	a, b := t.TempDir(), t.TempDir()
	if _, err := ds.WriteParquet(a); err != nil {
		t.Fatal(err)
	}
	if _, err := ds.WriteParquet(b); err != nil {
		t.Fatal(err)
	}
	for _, table := range Tables {
		x, _ := os.ReadFile(filepath.Join(a, ParquetFile(table)))
		y, _ := os.ReadFile(filepath.Join(b, ParquetFile(table)))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s: two writes differ (%d and %d bytes)", table, len(x), len(y))
		}
	}
}

func TestParquetMetadataAndTypes(t *testing.T) {
	ds := MustDefault()
	dir := t.TempDir()
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	tbl, kv, err := readTable(filepath.Join(dir, ParquetFile(schema.TableResponses)))
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	if kv[MetaCodebookVersion] != schema.CodebookVersion || kv[MetaDatasetVersion] != ds.Meta.Version || kv[MetaContentHash] != ds.ContentHash() || kv[MetaTable] != "responses" {
		t.Errorf("key-value metadata = %v", kv)
	}
	if int(tbl.NumRows()) != len(ds.Responses) {
		t.Errorf("rows = %d, want %d", tbl.NumRows(), len(ds.Responses))
	}
	// Each key once in the footer (readers differ on which duplicate wins).
	f, err := os.Open(filepath.Join(dir, ParquetFile(schema.TableResponses)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pf, err := file.NewParquetReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	seen := map[string]int{}
	for _, e := range pf.MetaData().KeyValueMetadata() {
		seen[e.Key]++
	}
	for k, n := range seen {
		if n != 1 {
			t.Errorf("key %q appears %d times in the footer", k, n)
		}
	}
	if seen[MetaContentHash] != 1 {
		t.Errorf("footer keys = %v", seen)
	}
	for name, typ := range map[string]string{"date": "date32", "date_precision": "utf8", "strategies": "list<element: utf8>", "anticipatory": "bool"} {
		idx := tbl.Schema().FieldIndices(name)
		if len(idx) != 1 || tbl.Schema().Field(idx[0]).Type.String() != typ {
			t.Errorf("column %s: %v, want type %s", name, idx, typ)
		}
	}
}

func TestReadParquetRejectsDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	if _, err := MustDefault().WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, ParquetFile(schema.TableQuotes))
	os.WriteFile(p, []byte("not parquet"), 0o644)
	if _, err := Load(dir); err == nil {
		t.Fatal("damaged quotes.parquet accepted")
	}
	os.Remove(p)
	if _, err := Load(dir); err == nil {
		t.Fatal("missing quotes.parquet accepted")
	}
}

// A Parquet reader that is not arrow-go (DuckDB, through npm's
// @duckdb/node-api) reads our files with the same row counts, types and
// metadata. .ci/run installs it and sets REJOINDER_REQUIRE_INTEROP=1, so
// in CI a missing reader is a failure, not a skip.
func TestDuckDBReadsParquet(t *testing.T) {
	ds := MustDefault()
	dir := t.TempDir()
	paths, err := ds.WriteParquet(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]struct {
		Rows     int
		Columns  [][2]string
		Metadata map[string]string
	}
	interoptest.RunJSON(t, "parquet_counts.mjs", "@duckdb/node-api", &got, paths...)
	want := map[string]int{
		schema.TableCases: len(ds.Cases), schema.TableAccusations: len(ds.Accusations),
		schema.TableResponses: len(ds.Responses), schema.TableQuotes: len(ds.Quotes()), schema.TableSources: len(ds.Sources),
	}
	for _, table := range Tables {
		g := got[filepath.Join(dir, ParquetFile(table))]
		if g.Rows != want[table] || g.Rows == 0 {
			t.Errorf("%s: DuckDB reads %d rows, want %d", table, g.Rows, want[table])
		}
		if g.Metadata[MetaContentHash] != ds.ContentHash() {
			t.Errorf("%s: DuckDB sees content hash %q", table, g.Metadata[MetaContentHash])
		}
		if len(g.Columns) != len(ds.codebook().Columns(table)) {
			t.Errorf("%s: DuckDB sees %d columns, want %d", table, len(g.Columns), len(ds.codebook().Columns(table)))
		}
	}
	types := map[string]string{}
	for _, c := range got[filepath.Join(dir, ParquetFile(schema.TableResponses))].Columns {
		types[c[0]] = c[1]
	}
	if types["date"] != "DATE" || types["strategies"] != "VARCHAR[]" || types["anticipatory"] != "BOOLEAN" {
		t.Errorf("DuckDB types: date %s, strategies %s, anticipatory %s", types["date"], types["strategies"], types["anticipatory"])
	}
}

// Streaming a table from Parquet yields the rows Scan yields in memory.
func TestScanParquetMatchesScan(t *testing.T) {
	ds := MustDefault()
	dir := t.TempDir()
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	rows, kv, err := ParquetInfo(dir)
	if err != nil {
		t.Fatal(err)
	}
	if kv[MetaContentHash] != ds.ContentHash() || MetadataFromParquet(kv) != ds.Meta {
		t.Errorf("metadata: %v", kv)
	}
	for _, table := range Tables {
		var want, got []string
		ds.Scan(table, func(row []any) error { want = append(want, fmt.Sprint(row...)); return nil })
		if err := ScanParquet(dir, table, func(row []any) error { got = append(got, fmt.Sprint(row...)); return nil }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) || rows[table] != len(want) {
			t.Errorf("%s: streamed rows differ from the loaded ones (%d rows, info says %d)", table, len(got), rows[table])
		}
	}
	small, err := ReadParquetTables(dir, "accusations", "sources")
	if err != nil || len(small.Accusations) != len(ds.Accusations) || len(small.Responses) != 0 || small.Meta != ds.Meta {
		t.Errorf("ReadParquetTables: %v", err)
	}
}

// CSV written by the export, read back, gives the same dataset; a broken
// cell is reported with its line and column.
func TestReadCSVRoundTrip(t *testing.T) {
	ds := MustDefault()
	dir := t.TempDir()
	// The CSV layout, written here without the exports package (which
	// depends on this one): via Scan, as the exporter does.
	for _, table := range Tables {
		writeTestCSV(t, ds, dir, table)
	}
	back, err := ReadCSV(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(withoutPositions(back.Records), withoutPositions(ds.Records)) {
		t.Fatal("CSV round trip changed the records")
	}
	p := filepath.Join(dir, "responses.csv")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(b, []byte(",2018-09-14,day,"), []byte(",2018-09-31,day,"), 1), 0o644)
	_, err = ReadCSV(dir)
	if err == nil || !strings.Contains(err.Error(), `responses.csv:`) || !strings.Contains(err.Error(), `date: invalid value "2018-09-31"`) {
		t.Errorf("bad date: %v", err)
	}
	// A broken responses header would leave quotes pointing nowhere: the
	// header, the cause, is reported alone, not buried under the dangling
	// quotes that follow from it.
	os.WriteFile(p, bytes.Replace(b, []byte("response_id,"), []byte("responseid,"), 1), 0o644)
	_, err = ReadCSV(dir)
	var list schema.ErrorList
	if !errors.As(err, &list) || !slices.ContainsFunc(list, func(e *schema.FieldError) bool {
		return e.Field == "response_id" && e.Line == 1 && errors.Is(e, schema.ErrMissingColumn)
	}) || strings.Contains(err.Error(), "quotes.csv") || len(list) != 2 {
		t.Errorf("broken header: %v", err)
	}
}

func writeTestCSV(t testing.TB, ds *Dataset, dir, table string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, table+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := csv.NewWriter(f)
	cols := ds.codebook().Columns(table)
	var header []string
	for _, c := range cols {
		header = append(header, c.Field.Name)
	}
	w.Write(header)
	ds.Scan(table, func(row []any) error {
		rec := make([]string, len(row))
		for i, v := range row {
			switch x := v.(type) {
			case string:
				rec[i] = x
			case bool:
				rec[i] = fmt.Sprint(x)
			case []string:
				rec[i] = JoinList(x)
			case schema.Date:
				if cols[i].Precision {
					rec[i] = x.Precision.String()
				} else if !x.IsZero() {
					rec[i] = x.Time().Format("2006-01-02")
				}
			}
		}
		return w.Write(rec)
	})
	w.Flush()
}

func TestListEscaping(t *testing.T) {
	for _, items := range [][]string{{"denial", "identity_dispute"}, {"Gatwick; Heathrow", `a\b`, "x;y"}, {""}, {"; "}} {
		cell := JoinList(items)
		if got := SplitList(cell); !slices.Equal(got, items) {
			t.Errorf("%q -> %q -> %q", items, cell, got)
		}
	}
	if JoinList([]string{"denial", "smear_framing"}) != "denial; smear_framing" {
		t.Error("codes must stay readable")
	}
}

// A corrupt serialized Arrow schema in the footer (ARROW:schema) once
// made the reader allocate whatever size it claimed, a crash no recover
// catches: it is ignored, the codebook fixes the types, and the data read.
func TestReadParquetIgnoresCorruptArrowSchema(t *testing.T) {
	ds := MustDefault()
	dir := t.TempDir()
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, ParquetFile(schema.TableResponses))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The base64 value follows its key; overwrite it in place with
	// same-length garbage that decodes to a nonsense flatbuffer.
	key := []byte("ARROW:schema")
	at := bytes.LastIndex(b, key)
	if at < 0 {
		t.Fatal("no ARROW:schema in the footer")
	}
	value := b[at+len(key)+4:] // thrift: field header and length come before the value
	n := bytes.IndexFunc(value, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '+' || r == '/' || r == '=')
	})
	if n < 100 {
		t.Fatalf("ARROW:schema value not found (%d bytes)", n)
	}
	copy(value[:n], bytes.Repeat([]byte("/w"), n/2))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadParquet(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Responses) != len(ds.Responses) || got.ContentHash() != ds.ContentHash() {
		t.Errorf("read %d responses, hash %s; want %d, %s", len(got.Responses), got.ContentHash(), len(ds.Responses), ds.ContentHash())
	}
}

// A footer whose column chunk claims gigabytes (found by fuzzing: a 20 KB
// file made the reader allocate 5 GB) is refused before any allocation.
func TestReadParquetRefusesOversizedChunks(t *testing.T) {
	b, err := os.ReadFile("testdata/fuzz/FuzzReadParquet/4749d22160bb2473")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	data, err := strconv.Unquote(strings.TrimSuffix(strings.TrimSpace(s[strings.Index(s, "[]byte(")+len("[]byte("):]), ")"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, ParquetFile(schema.TableResponses))
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	err = ScanColumns(path, schema.TableResponses, []string{"response_id"}, func([]arrow.Array, int, int) error { return nil })
	if !errors.Is(err, ErrDamagedParquet) || !strings.Contains(err.Error(), "claims") || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v", err)
	}
}

// Parquet that DuckDB writes (every column and list element nullable,
// lists of "element") is read like ours when it holds the same values:
// the same dataset, the same content hash, through Load and through the
// streaming ScanParquet. A null where the codebook has none (a list item,
// a boolean, a key) is refused with file, row and column, not read as ""
// or false. Goes through interoptest, so CI requires DuckDB.
func TestReadParquetWrittenByDuckDB(t *testing.T) {
	ds := MustDefault()
	src := t.TempDir()
	if _, err := ds.WriteParquet(src); err != nil {
		t.Fatal(err)
	}
	// rows numbers the rows in file order, so a case can pick one.
	const rows = "(SELECT *, row_number() OVER () AS rn FROM src)"
	for _, tc := range []struct {
		name, override string
		field          string // "" when the copy must read back equal
		row            int    // 0 for a problem with the whole column
		err            error
		want           string
	}{
		{name: "plain copy"},
		{name: "null list item", field: "strategies", row: 2,
			override: "responses=SELECT * EXCLUDE (rn) REPLACE (CASE WHEN rn = 2 THEN list_append(strategies, NULL) ELSE strategies END AS strategies) FROM " + rows,
			err:      schema.ErrMissing, want: ": row 2: "},
		{name: "null boolean", field: "anticipatory", row: 3,
			override: "responses=SELECT * EXCLUDE (rn) REPLACE (CASE WHEN rn = 3 THEN NULL ELSE anticipatory END AS anticipatory) FROM " + rows,
			err:      schema.ErrMissing, want: ": row 3: "},
		{name: "null key", field: "source_id", row: 1,
			override: "sources=SELECT * EXCLUDE (rn) REPLACE (CASE WHEN rn = 1 THEN NULL ELSE source_id END AS source_id) FROM " + rows,
			err:      schema.ErrMissing, want: ": row 1: "},
		// Equivalence is no licence for another type.
		{name: "list of numbers", field: "strategies",
			override: "responses=SELECT * REPLACE (list_transform(strategies, x -> length(x)) AS strategies) FROM src",
			err:      schema.ErrBadValue, want: `invalid value "list<element: int64, nullable>": column has the wrong type (allowed: a list of utf8, its element named item or element, with no nulls)`},
		{name: "text for a boolean", field: "anticipatory",
			override: "responses=SELECT * REPLACE (anticipatory::VARCHAR AS anticipatory) FROM src",
			err:      schema.ErrBadValue, want: `invalid value "utf8": column has the wrong type (allowed: bool)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			args := []string{src, out}
			if tc.override != "" {
				args = append(args, tc.override)
			}
			var got map[string]struct{ Rows int }
			interoptest.RunJSON(t, "duckdb_copy_parquet.mjs", "@duckdb/node-api", &got, args...)
			if got[schema.TableResponses].Rows != len(ds.Responses) {
				t.Fatalf("DuckDB wrote %d responses, want %d", got[schema.TableResponses].Rows, len(ds.Responses))
			}
			back, err := Load(out)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("DuckDB's copy refused: %v", err)
				}
				if back.ContentHash() != ds.ContentHash() {
					t.Errorf("DuckDB's copy reads back with content hash %s, want %s", back.ContentHash(), ds.ContentHash())
				}
				var streamed int
				if err := ScanParquet(out, schema.TableResponses, func([]any) error { streamed++; return nil }); err != nil || streamed != len(ds.Responses) {
					t.Errorf("ScanParquet: %d rows, %v; want %d rows", streamed, err, len(ds.Responses))
				}
				return
			}
			var fe *schema.FieldError
			if !errors.As(err, &fe) || !errors.Is(err, tc.err) || fe.Field != tc.field || fe.Line != tc.row || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v; want %v in %s at row %d, saying %q", err, tc.err, tc.field, tc.row, tc.want)
			}
		})
	}
}

// Text that is not UTF-8 in a Parquet string column (a Latin-1 é, 0xE9,
// here) is refused by every reader with file, row, column and the byte,
// as DuckDB refuses it, rather than copied on.
func TestReadParquetRejectsInvalidUTF8(t *testing.T) {
	ds := MustDefault()
	bad := *ds
	bad.Cases = slices.Clone(ds.Cases)
	bad.Cases[1].Title = "Caf\xe9 " + bad.Cases[1].Title
	dir := t.TempDir()
	if _, err := bad.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	check := func(what string, err error) {
		t.Helper()
		var fe *schema.FieldError
		if !errors.As(err, &fe) || !errors.Is(err, schema.ErrBadValue) || fe.Field != "title" || fe.Line != 2 ||
			!strings.Contains(err.Error(), "0xE9") || !strings.Contains(err.Error(), "UTF-8") {
			t.Errorf("%s: err = %v; want title at row 2, byte 0xE9 not UTF-8", what, err)
		}
	}
	_, err := Load(dir)
	check("Load", err)
	check("ScanParquet", ScanParquet(dir, schema.TableCases, func([]any) error { return nil }))
}

// duckDBStyleCopy rewrites each table of src into dst the way DuckDB,
// Spark and pyarrow write Parquet: every column nullable, and each list's
// element nullable and named "element". Pure Go, so the check runs where
// DuckDB is not installed too.
func duckDBStyleCopy(t testing.TB, src, dst string) {
	t.Helper()
	for _, table := range Tables {
		tbl, _, err := readTable(filepath.Join(src, ParquetFile(table)))
		if err != nil {
			t.Fatal(err)
		}
		var fields []arrow.Field
		var cols []arrow.Array
		for i, f := range tbl.Schema().Fields() {
			a, err := array.Concatenate(tbl.Column(i).Data().Chunks(), memory.DefaultAllocator)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := f.Type.(*arrow.ListType); ok {
				f.Type = arrow.ListOfField(arrow.Field{Name: "element", Type: arrow.BinaryTypes.String, Nullable: true})
				d := a.Data()
				a = array.MakeFromData(array.NewData(f.Type, d.Len(), d.Buffers(), d.Children(), d.NullN(), d.Offset()))
			}
			f.Nullable = true
			fields = append(fields, f)
			cols = append(cols, a)
		}
		tbl.Release()
		rec := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(cols[0].Len()))
		out, err := os.Create(filepath.Join(dst, ParquetFile(table)))
		if err != nil {
			t.Fatal(err)
		}
		w, err := pqarrow.NewFileWriter(rec.Schema(), out, nil, pqarrow.DefaultWriterProps())
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// The same as TestReadParquetWrittenByDuckDB's plain copy, without
// DuckDB: a file whose columns and list elements are all nullable, but
// hold no null, reads back as the same dataset, whole and streamed.
func TestReadParquetWithNullableListElements(t *testing.T) {
	ds := MustDefault()
	src, dst := t.TempDir(), t.TempDir()
	if _, err := ds.WriteParquet(src); err != nil {
		t.Fatal(err)
	}
	duckDBStyleCopy(t, src, dst)
	back, err := Load(dst)
	if err != nil {
		t.Fatalf("nullable copy refused: %v", err)
	}
	if back.ContentHash() != ds.ContentHash() {
		t.Errorf("nullable copy reads back with content hash %s, want %s", back.ContentHash(), ds.ContentHash())
	}
	var streamed int
	if err := ScanParquet(dst, schema.TableResponses, func([]any) error { streamed++; return nil }); err != nil || streamed != len(ds.Responses) {
		t.Errorf("ScanParquet: %d rows, %v; want %d rows", streamed, err, len(ds.Responses))
	}
}
