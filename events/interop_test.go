package events

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/internal/interoptest"
)

// ourRows returns src's pairs as text rows, as DuckDB's are printed.
func ourRows(t *testing.T, src Source) [][]string {
	t.Helper()
	var rows [][]string
	var cells []any
	err := src.Each(func(p Pair) error {
		cells = p.cells(cells)
		row := make([]string, len(cells))
		for i, c := range cells {
			if c != nil {
				row[i] = fmt.Sprint(c)
			}
		}
		rows = append(rows, row)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// DuckDB runs the SQL `events sql` prints, over the ingested Parquet and
// straight from the GDELT files, on synthetic events (both versions, with
// the fixtures' edge cases), and must find exactly our pairs, in our
// order.
func TestDuckDBFindsTheSamePairs(t *testing.T) {
	raw, dir := t.TempDir(), t.TempDir()
	for _, v := range []Version{V1, V2} {
		g, err := NewGenerator(GenOptions{Seed: uint64(v), Version: v, FirstID: int64(v) * 1000000, Events: 20000, From: DayOf(2017, 11, 1), To: DayOf(2018, 2, 28)})
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Create(filepath.Join(raw, "v"+strconv.Itoa(int(v))+".CSV"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := g.WriteN(f, 20000); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	files := []string{filepath.Join(raw, "v1.CSV"), filepath.Join(raw, "v2.CSV")}
	if _, err := Ingest(files, dir, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	st, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, window := range []int{0, 7, 30} {
		src, _ := st.Pairs(window)
		ours := ourRows(t, src)
		answered := 0
		for _, r := range ours {
			if r[5] != "" {
				answered++
			}
		}
		if answered < 20 && window > 0 {
			t.Fatalf("window %d: only %d answered pairs; the test would prove little", window, answered)
		}
		checkDuckDB(t, "parquet", SQLOptions{Dialect: DialectDuckDB, Window: window, Data: dir}, ours)
	}
	// Straight from the TSV files of each layout (one layout per query),
	// against an ingest of that file alone.
	for _, v := range []Version{V1, V2} {
		one := t.TempDir()
		file := filepath.Join(raw, "v"+strconv.Itoa(int(v))+".CSV")
		if _, err := Ingest([]string{file}, one, IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		st, _ := Load(one)
		src, _ := st.Pairs(30)
		checkDuckDB(t, "tsv v"+strconv.Itoa(int(v)), SQLOptions{Dialect: DialectDuckDB, Window: 30, TSV: file, Version: v}, ourRows(t, src))
	}
}

// What real GDELT 1.0 files hold, through DuckDB: the 57-column backfile
// mixed with 58-column daily lines, lines cut short (which neither
// reader may pad into events), GDELT's own country codes (ROM, MTN for
// ROU, MNE) and an event given twice. The TSV query must find exactly
// the pairs ingest and pairing find, including accusations on 57-column
// lines (the query once skipped them all), and so must the query over
// the ingested Parquet.
func TestDuckDBReadsBothV1Layouts(t *testing.T) {
	g, err := NewGenerator(GenOptions{Seed: 7, Version: V1, FirstID: 1, Events: 20000, From: DayOf(1990, 1, 1), To: DayOf(1990, 4, 30)})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := g.WriteN(&buf, 20000); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	backfile := map[string]bool{} // ids of the 57-column lines
	var out []string
	for i, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != ColumnsV1 {
			out = append(out, l) // the generator's malformed lines, as they are
			continue
		}
		for _, c := range []int{ColActor1CountryCode - 1, ColActor2CountryCode - 1} {
			switch f[c] {
			case "ROU":
				f[c] = "ROM"
			case "MNE":
				f[c] = "MTN"
			}
		}
		switch i % 3 {
		case 0: // the backfile layout: no SOURCEURL
			f = f[:ColumnsV1Backfile]
			backfile[f[0]] = true
		case 1:
			if i%30 == 1 { // cut short: 40 columns
				f = f[:40]
			}
		}
		out = append(out, strings.Join(f, "\t"))
		if i == 5 {
			out = append(out, strings.Join(f, "\t")) // the same event again
		}
	}
	file := filepath.Join(t.TempDir(), "mixed.CSV")
	if err := os.WriteFile(file, []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rep, err := Ingest([]string{file}, dir, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Mapped["ROM"] == 0 || rep.Mapped["MTN"] == 0 {
		t.Fatalf("the test needs events with ROM and MTN: mapped %v", rep.Mapped)
	}
	st, _ := Load(dir)
	src, _ := st.Pairs(30)
	ours := ourRows(t, src)
	fromBackfile := 0
	for _, r := range ours {
		if backfile[r[0]] && r[5] != "" {
			fromBackfile++
		}
	}
	if fromBackfile < 10 {
		t.Fatalf("only %d answered pairs of 57-column accusations; the test would prove little", fromBackfile)
	}
	checkDuckDB(t, "tsv v1 57+58", SQLOptions{Dialect: DialectDuckDB, Window: 30, TSV: file, Version: V1}, ours)
	checkDuckDB(t, "parquet of v1 57+58", SQLOptions{Dialect: DialectDuckDB, Window: 30, Data: dir}, ours)
}

func checkDuckDB(t *testing.T, name string, o SQLOptions, ours [][]string) {
	t.Helper()
	q, err := SQL(o)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "q.sql")
	os.WriteFile(path, []byte(q), 0o644)
	var got struct {
		Columns []string
		Rows    [][]string
	}
	interoptest.RunJSON(t, "duckdb_events.mjs", "@duckdb/node-api", &got, path)
	if !slices.Equal(got.Columns, PairColumns) {
		t.Errorf("%s: DuckDB columns %v", name, got.Columns)
	}
	// Across GDELT versions two events may share an id and a date, which
	// the pairs' order cannot tell apart: such a check compares the rows
	// in any order.
	if strings.HasSuffix(name, "(any order)") {
		ours = slices.Clone(ours)
		for _, rows := range [][][]string{ours, got.Rows} {
			slices.SortFunc(rows, func(a, b []string) int { return slices.Compare(a, b) })
		}
	}
	if len(got.Rows) != len(ours) {
		t.Fatalf("%s window %d: DuckDB %d rows, rejoinder %d", name, o.Window, len(got.Rows), len(ours))
	}
	for i := range ours {
		if !slices.Equal(got.Rows[i], ours[i]) {
			t.Fatalf("%s window %d: row %d differs:\nDuckDB    %v\nrejoinder %v", name, o.Window, i, got.Rows[i], ours[i])
		}
	}
	t.Logf("%s window %d: %d rows equal", name, o.Window, len(ours))
}

// The hand-built fixtures (window edges, reversed dyads, year crossing)
// through DuckDB too.
func TestDuckDBFixtures(t *testing.T) {
	dir := t.TempDir()
	ingestFixtures(t, dir)
	st, _ := Load(dir)
	for _, window := range []int{0, 29, 30} {
		src, _ := st.Pairs(window)
		checkDuckDB(t, "fixtures", SQLOptions{Dialect: DialectDuckDB, Window: window, Data: dir}, ourRows(t, src))
	}
}

// GLOBALEVENTID is unique within a GDELT version only: a 1.0 event and a
// 2.0 event with one id are two events, in ingest and in the SQL over the
// Parquet both keep.
func TestDuckDBKeepsOneIDInTwoVersions(t *testing.T) {
	v2 := strings.Split(fixtureLine(t, map[int]string{ColSQLDate: "20180310"}), "\t")
	v1 := append(slices.Clone(v2[:ColumnsV1-1]), "https://example.org/fixture/v1") // 58 columns, same id 1001
	reply := fixtureLine(t, map[int]string{1: "1002", ColSQLDate: "20180311", ColActor1CountryCode: "RUS", ColActor2CountryCode: "GBR", ColEventCode: "016"})
	src := t.TempDir()
	a := writeFile(t, src, "a.CSV", strings.Join(v2, "\t")+"\n"+reply+"\n")
	b := writeFile(t, src, "b.CSV", strings.Join(v1, "\t")+"\n")
	dir := t.TempDir()
	rep, err := Ingest([]string{a, b}, dir, IngestOptions{})
	if err != nil || rep.Kept != 3 || rep.Duplicates != 0 {
		t.Fatalf("ingest: %+v, %v", rep, err)
	}
	st, _ := Load(dir)
	pairs, _ := st.Pairs(30)
	ours := ourRows(t, pairs)
	if len(ours) != 2 {
		t.Fatalf("%d rows, want the two accusations 1001 answered by 1002", len(ours))
	}
	checkDuckDB(t, "one id in two versions (any order)", SQLOptions{Dialect: DialectDuckDB, Window: 30, Data: dir}, ours)
}
