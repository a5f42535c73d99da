package analysis

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// Columns read straight from Parquet equal the columns built from the
// records, and every analysis gives the same answer on both.
func TestReadColumnsMatchesRecords(t *testing.T) {
	ds := dataset.MustDefault()
	dir := t.TempDir()
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	fromParquet, err := ReadColumns(dir)
	if err != nil {
		t.Fatal(err)
	}
	fromRecords := ColumnsOf(ds)
	if fromParquet.N != fromRecords.N || !reflect.DeepEqual(fromParquet.Strategies, fromRecords.Strategies) ||
		!reflect.DeepEqual(fromParquet.Evidence, fromRecords.Evidence) || !reflect.DeepEqual(fromParquet.Date, fromRecords.Date) ||
		!reflect.DeepEqual(fromParquet.AccusationDate, fromRecords.AccusationDate) || !reflect.DeepEqual(fromParquet.Accuser.Values, fromRecords.Accuser.Values) {
		t.Fatal("columns differ")
	}
	for name, run := range map[string]func(c *Columns) (string, error){
		"profile": func(c *Columns) (string, error) {
			df, err := c.Profile(ProfileOptions{By: ByYear, Scheme: Scheme4D})
			return df.String() + fmtRecords(df.Records()), err
		},
		"dynamics": func(c *Columns) (string, error) {
			df, err := c.Dynamics(Filter{})
			return fmtRecords(df.Records()), err
		},
		"kwic": func(c *Columns) (string, error) {
			df, err := c.KWIC(KWICOptions{Pattern: "(?i)provocation", Window: 3, Accusations: true})
			return fmtRecords(df.Records()), err
		},
		"nearest": func(c *Columns) (string, error) {
			df, err := c.Nearest("prk-park-2018", Cosine, 3, Filter{})
			return fmtRecords(df.Records()), err
		},
	} {
		a, errA := run(fromParquet)
		b, errB := run(fromRecords)
		if errA != nil || errB != nil || a != b {
			t.Errorf("%s differs: %v %v", name, errA, errB)
		}
	}
}

func fmtRecords(rows [][]string) string {
	s := ""
	for _, r := range rows {
		for _, c := range r {
			s += c + "\t"
		}
		s += "\n"
	}
	return s
}

func TestReadColumnsErrors(t *testing.T) {
	if _, err := ReadColumns(t.TempDir()); err == nil {
		t.Error("empty directory accepted")
	}
	dir := t.TempDir()
	if _, err := dataset.MustDefault().WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	// A file of another table in place of responses has the wrong columns.
	acc, _ := os.ReadFile(filepath.Join(dir, "accusations.parquet"))
	os.WriteFile(filepath.Join(dir, "responses.parquet"), acc, 0o644)
	_, err := ReadColumns(dir)
	var fe *schema.FieldError
	if !errors.As(err, &fe) || !errors.Is(err, schema.ErrMissing) {
		t.Errorf("foreign file: %v", err)
	}
}

func TestReadColumnsRejectsUnknownCodes(t *testing.T) {
	ds := fixture(t)
	ds.Responses[1].Strategies = []string{"denial", "denail"}
	dir := t.TempDir()
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	_, err := ReadColumns(dir)
	var list schema.ErrorList
	if !errors.As(err, &list) || len(list) != 1 || !errors.Is(list[0], schema.ErrUnknownCode) || list[0].Value != "denail" || list[0].Line != 2 {
		t.Errorf("err = %v", err)
	}
}

// A partitioned responses table gives the same analyses as one file, and
// a filter on a partition key opens only the partitions it selects.
func TestReadColumnsPartitioned(t *testing.T) {
	ds := dataset.MustDefault()
	plain, parts := t.TempDir(), t.TempDir()
	if _, err := ds.WriteParquet(plain); err != nil {
		t.Fatal(err)
	}
	if _, err := ds.WriteParquetPartitioned(parts, []string{"responder", dataset.PartitionYear}); err != nil {
		t.Fatal(err)
	}
	for _, opts := range []ProfileOptions{
		{By: ByResponder},
		{By: ByYear, Scheme: SchemeBenoit},
		{By: ByCase, Filter: Filter{Responders: []string{"RUS"}}},
		{By: ByYear, Filter: Filter{From: schema.DayDate(2018, 1, 1), To: schema.DayDate(2018, 12, 31)}},
	} {
		a, err := ReadColumnsWhere(plain, opts.Filter)
		if err != nil {
			t.Fatal(err)
		}
		b, err := ReadColumnsWhere(parts, opts.Filter)
		if err != nil {
			t.Fatal(err)
		}
		dfA, errA := a.Profile(opts)
		dfB, errB := b.Profile(opts)
		if errA != nil || errB != nil || fmtRecords(dfA.Records()) != fmtRecords(dfB.Records()) {
			t.Errorf("%+v: partitioned profile differs (%v, %v)", opts, errA, errB)
		}
	}

	// The filter prunes what is counted, not what is checked: every
	// partition is validated (as validate would), so a spoiled partition
	// the filter excludes is still reported.
	files, err := dataset.TableFiles(parts, schema.TableResponses)
	if err != nil {
		t.Fatal(err)
	}
	spoiled := ""
	for _, f := range files {
		if f.Vals["responder"] != "PRK" && spoiled == "" {
			spoiled = f.Path
			if err := os.WriteFile(f.Path, []byte("not parquet"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := ReadColumnsWhere(parts, Filter{Responders: []string{"PRK"}}); err == nil || !strings.Contains(err.Error(), spoiled) {
		t.Errorf("a PRK filter over a spoiled %s: %v, want the file reported", spoiled, err)
	}
	if _, err := ReadColumns(parts); err == nil {
		t.Error("reading every partition ignored a spoiled file")
	}
	// Undated responses sit under year=__HIVE_DEFAULT_PARTITION__; a date
	// range skips them, no range keeps them.
	if p := (dataset.Partition{Vals: map[string]string{"year": ""}}); partitionMayHold(p, Filter{From: schema.DayDate(2018, 1, 1)}) || !partitionMayHold(p, Filter{}) {
		t.Error("undated partition pruned wrongly")
	}
}

// KWIC over Parquet checks the quotes it reads with validate's rules: a
// quote whose text validate rejects (leading white space) or whose source
// is no source is refused. On partitions a filter prunes, the quotes of
// the pruned responses still refer to real units: the result equals the
// one-file reading.
func TestKWICParquetChecksTheQuotes(t *testing.T) {
	ds := dataset.MustDefault()
	plain, parts := t.TempDir(), t.TempDir()
	if _, err := ds.WriteParquet(plain); err != nil {
		t.Fatal(err)
	}
	if _, err := ds.WriteParquetPartitioned(parts, []string{"responder"}); err != nil {
		t.Fatal(err)
	}
	opts := KWICOptions{Pattern: "(?i)provocation", Window: 3, Filter: Filter{Responders: []string{"RUS"}}, Accusations: true}
	var got []string
	for _, dir := range []string{plain, parts} {
		c, err := ReadColumnsWhere(dir, opts.Filter)
		if err != nil {
			t.Fatal(err)
		}
		df, err := c.KWIC(opts)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		got = append(got, fmtRecords(df.Records()))
	}
	if got[0] != got[1] || strings.Count(got[0], "\n") < 2 {
		t.Errorf("KWIC over partitions pruned by a filter:\n%s\nwant\n%s", got[1], got[0])
	}

	for _, tt := range []struct {
		name  string
		spoil func(q *schema.Quote)
		kind  error
	}{
		{"text with leading white space", func(q *schema.Quote) { q.Text = " " + q.Text }, schema.ErrBadValue},
		{"a source that is no source", func(q *schema.Quote) { q.SourceID = "tst-c1-2020-s9" }, schema.ErrDangling},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds := fixture(t)
			tt.spoil(&ds.Responses[0].Quotes[0])
			dir := t.TempDir()
			if _, err := ds.WriteParquet(dir); err != nil {
				t.Fatal(err)
			}
			if _, err := dataset.ReadParquet(dir); !hasKind(err, tt.kind, "") {
				t.Fatalf("validate's reader: %v, want %v", err, tt.kind)
			}
			c, err := ReadColumns(dir)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.KWIC(KWICOptions{Pattern: "."}); !hasKind(err, tt.kind, "") {
				t.Errorf("KWIC: %v, want %v", err, tt.kind)
			}
		})
	}
}
