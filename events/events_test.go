package events

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rejoinder/rejoinder/dataset"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// readFixture reads every line of a fixture with Reader, returning the
// events and the errors by line.
func readFixture(t *testing.T, name string) ([]Event, map[int64]*ParseError) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewReader(f, name)
	var evs []Event
	errs := map[int64]*ParseError{}
	for {
		e, err := r.Read()
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				errs[pe.Line] = pe
				continue
			}
			if err.Error() == "EOF" {
				return evs, errs
			}
			t.Fatal(err)
		}
		evs = append(evs, e)
	}
}

func TestReadFixtureColumns(t *testing.T) {
	v2, _ := readFixture(t, "v2.tsv")
	v1, _ := readFixture(t, "v1.tsv")
	byID := map[int64]Event{}
	for _, e := range append(v2, v1...) {
		byID[e.ID] = e
	}
	tests := []struct {
		id   int64
		want Event
	}{
		{1001, Event{ID: 1001, Date: DayOf(2018, 3, 4), Actor1Code: "GBRGOV", Actor1Country: "GBR", Actor2Code: "RUSGOV", Actor2Country: "RUS",
			EventCode: "112", QuadClass: 3, Goldstein: -2, NumMentions: 4, NumSources: 2, NumArticles: 4, AvgTone: -3.5,
			SourceURL: "https://example.org/fixture/1001", Version: V2}},
		{1016, Event{ID: 1016, Date: DayOf(2018, 1, 2), Actor1Code: "PRKGOV", Actor1Country: "PRK", Actor2Code: "USAGOV", Actor2Country: "USA",
			EventCode: "011", QuadClass: 3, Goldstein: -2, NumMentions: 4, NumSources: 2, NumArticles: 4, AvgTone: -3.5,
			SourceURL: "https://example.org/fixture/1016", Version: V2}},
		{2001, Event{ID: 2001, Date: DayOf(2013, 4, 1), Actor1Code: "USAGOV", Actor1Country: "USA", Actor2Code: "CHNGOV", Actor2Country: "CHN",
			EventCode: "1125", QuadClass: 3, Goldstein: -2, NumMentions: 4, NumSources: 2, NumArticles: 4, AvgTone: -3.5,
			SourceURL: "https://example.org/fixture/2001", Version: V1}},
		{2003, Event{ID: 2003, Date: DayOf(2001, 1, 1), Actor1Code: "USAGOV", Actor1Country: "USA", Actor2Code: "CHNGOV", Actor2Country: "CHN",
			EventCode: "112", QuadClass: 3, Goldstein: -2, NumMentions: 4, NumSources: 2, NumArticles: 4, AvgTone: -3.5,
			SourceURL: "", Version: V1}}, // the 57-column backfile has no SOURCEURL
	}
	for _, tt := range tests {
		if got := byID[tt.id]; got != tt.want {
			t.Errorf("event %d:\n got %+v\nwant %+v", tt.id, got, tt.want)
		}
	}
	if len(v2) != 14 || len(v1) != 4 {
		t.Errorf("read %d + %d events, want 14 + 4", len(v2), len(v1))
	}
}

func TestReadFixtureErrors(t *testing.T) {
	_, e2 := readFixture(t, "v2.tsv")
	_, e1 := readFixture(t, "v1.tsv")
	tests := []struct {
		errs   map[int64]*ParseError
		line   int64
		column int
		field  string
		err    error
		text   string
	}{
		{e2, 12, 0, "", ErrColumns, "v2.tsv:12: wrong number of tab-separated columns (allowed: 57 or 58 for GDELT 1.0, 61 for GDELT 2.0) (found 60 columns)"},
		{e2, 13, 2, "SQLDATE", ErrDate, `v2.tsv:13: column 2 (SQLDATE) "20180230": not a date (allowed: YYYYMMDD, a day that exists)`},
		{e2, 14, 1, "GLOBALEVENTID", ErrID, `v2.tsv:14: column 1 (GLOBALEVENTID) "abc": not an event id (allowed: an integer, 0 or more)`},
		{e2, 17, 31, "GoldsteinScale", ErrFloat, `v2.tsv:17: column 31 (GoldsteinScale) "x": not a number`},
		{e1, 5, 27, "EventCode", ErrCode, `v1.tsv:5: column 27 (EventCode) "1": not a CAMEO event code (allowed: 2 to 4 digits, e.g. 016, 1125)`},
	}
	if len(e2) != 4 || len(e1) != 1 {
		t.Errorf("%d + %d errors, want 4 + 1", len(e2), len(e1))
	}
	for _, tt := range tests {
		pe := tt.errs[tt.line]
		if pe == nil {
			t.Errorf("line %d: no error", tt.line)
			continue
		}
		if pe.Column != tt.column || pe.Field != tt.field || !errors.Is(pe, tt.err) || pe.Error() != tt.text {
			t.Errorf("line %d: got %d %q %v\n%s", tt.line, pe.Column, pe.Field, pe.Err, pe.Error())
		}
	}
}

func TestColumnNamesMatchNote(t *testing.T) {
	// Positions from docs/notes/gdelt-layout.md.
	for _, tt := range []struct {
		v    Version
		col  int
		name string
	}{
		{V1, 1, "GLOBALEVENTID"}, {V1, 8, "Actor1CountryCode"}, {V1, 18, "Actor2CountryCode"}, {V1, 27, "EventCode"},
		{V1, 35, "AvgTone"}, {V1, 36, "Actor1Geo_Type"}, {V1, 50, "ActionGeo_Type"}, {V1, 57, "DATEADDED"}, {V1, 58, "SOURCEURL"},
		{V2, 36, "Actor1Geo_Type"}, {V2, 40, "Actor1Geo_ADM2Code"}, {V2, 44, "Actor2Geo_Type"}, {V2, 52, "ActionGeo_Type"},
		{V2, 60, "DATEADDED"}, {V2, 61, "SOURCEURL"},
	} {
		names := ColumnNames(tt.v)
		if got := names[tt.col-1]; got != tt.name {
			t.Errorf("v%d column %d = %s, want %s", tt.v, tt.col, got, tt.name)
		}
	}
	if n1, n2 := len(ColumnNames(V1)), len(ColumnNames(V2)); n1 != 58 || n2 != 61 {
		t.Errorf("%d and %d columns, want 58 and 61", n1, n2)
	}
}

func TestResponseType(t *testing.T) {
	for _, tt := range []struct{ code, want string }{
		{"016", TypeDenial}, {"011", TypeNonDenial}, {"174", TypeExpulsion}, {"112", TypeCounterAccusation},
		{"1121", TypeCounterAccusation}, {"1125", TypeCounterAccusation}, {"1126", ""}, {"130", TypeThreat},
		{"138", TypeThreat}, {"1384", TypeThreat}, {"13", ""}, {"13a", ""}, {"140", ""}, {"010", ""}, {"0160", ""},
		{"111", ""}, {"", ""}, {"11", ""},
	} {
		if got := ResponseType(tt.code); got != tt.want {
			t.Errorf("ResponseType(%q) = %q, want %q", tt.code, got, tt.want)
		}
		if got := responseTypeOf([]byte(tt.code)); got != tt.want {
			t.Errorf("responseTypeOf(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
	for _, c := range AccusationCodes {
		if !IsAccusation(c) {
			t.Errorf("IsAccusation(%s) false", c)
		}
	}
}

// The response types named after strategies are the codebook's codes for
// those CAMEO codes.
func TestResponseTypesMatchCodebook(t *testing.T) {
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	v := ds.Codebook.MustVariable("responses", "strategies")
	for typ, code := range map[string]string{TypeDenial: "016", TypeNonDenial: "011", TypeCounterAccusation: "112", TypeThreat: "130"} {
		val, ok := v.Value(typ)
		if !ok || val.CAMEO != code || ResponseType(code) != typ {
			t.Errorf("%s: codebook CAMEO %q, want %s", typ, val.CAMEO, code)
		}
	}
}

func TestDayOf(t *testing.T) {
	for d := time.Date(1899, 12, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2101; d = d.AddDate(0, 0, 17) {
		got := DayOf(d.Year(), d.Month(), d.Day())
		if want := Day(d.Unix() / 86400); got != want || got.String() != d.Format(time.DateOnly) {
			t.Fatalf("DayOf(%s) = %d (%s), want %d", d.Format(time.DateOnly), got, got, want)
		}
	}
	if !IsState("RUS") || IsState("EUR") || IsState("rus") || IsState("RU") {
		t.Error("IsState")
	}
}

// zipFixture copies a fixture into a zip archive, as GDELT ships files.
func zipFixture(t *testing.T, name, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create(name)
	w.Write(data)
	zw.Close()
	path := filepath.Join(dir, name+".zip")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// ingestFixtures ingests v2.tsv (plain) and v1.tsv (zipped) into dir.
func ingestFixtures(t *testing.T, dir string) *IngestReport {
	t.Helper()
	z := zipFixture(t, "v1.tsv", t.TempDir())
	rep, err := Ingest([]string{filepath.Join("testdata", "v2.tsv"), z}, dir, IngestOptions{RowGroup: 2})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestIngest(t *testing.T) {
	dir := t.TempDir()
	rep := ingestFixtures(t, dir)
	if rep.Lines != 23 || rep.Kept != 14 || rep.Malformed != 5 || len(rep.Files) != 2 {
		t.Errorf("report: %d lines, %d kept, %d malformed, %d files; want 23, 14, 5, 2", rep.Lines, rep.Kept, rep.Malformed, len(rep.Files))
	}
	if f := rep.Files[1]; !strings.HasSuffix(f.Name, "v1.tsv.zip!v1.tsv") || f.Lines != 5 || f.Kept != 4 || f.Malformed != 1 {
		t.Errorf("zip member stats %+v", f)
	}
	var where []string
	for _, p := range rep.Problems {
		where = append(where, filepath.Base(p.File)+":"+itoa(int(p.Line))+":"+itoa(p.Column))
	}
	if want := []string{"v2.tsv:12:0", "v2.tsv:13:2", "v2.tsv:14:1", "v2.tsv:17:31", "v1.tsv.zip!v1.tsv:5:27"}; !slices.Equal(where, want) {
		t.Errorf("problems at %v, want %v", where, want)
	}
	var years []string
	for _, p := range rep.Paths {
		years = append(years, filepath.Base(filepath.Dir(p)))
	}
	if want := []string{"year=2001", "year=2013", "year=2017", "year=2018"}; !slices.Equal(years, want) {
		t.Errorf("partitions %v, want %v", years, want)
	}
	report, err := os.ReadFile(filepath.Join(dir, MalformedFile))
	if err != nil || !strings.Contains(string(report), "v2.tsv,17,31,GoldsteinScale,x,not a number") {
		t.Errorf("malformed.csv: %v\n%s", err, report)
	}
	st, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Len() != 14 {
		t.Errorf("loaded %d events, want 14", st.Len())
	}
	// Ingesting events already in the table adds nothing: they are
	// counted as duplicates.
	data, _ := os.ReadFile(filepath.Join("testdata", "v1.tsv"))
	clean := filepath.Join(t.TempDir(), "clean.tsv")
	lines := strings.SplitAfter(string(data), "\n")
	os.WriteFile(clean, []byte(strings.Join(lines[:4], "")), 0o644)
	again, err := Ingest([]string{clean}, dir, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := Load(dir); st.Len() != 14 || again.Existing != 14 || again.Kept != 0 || again.Duplicates != 4 {
		t.Errorf("after adding the same events: %d events, report %+v; want 14 events, 14 existing, 0 kept, 4 duplicates", st.Len(), again)
	}
	// With Replace, a clean ingest replaces the table and drops the stale report.
	if _, err := Ingest([]string{clean}, dir, IngestOptions{Replace: true}); err != nil {
		t.Fatal(err)
	}
	if st, _ := Load(dir); st.Len() != 4 {
		t.Errorf("after re-ingest %d events, want 4", st.Len())
	}
	if _, err := os.Stat(filepath.Join(dir, MalformedFile)); err == nil {
		t.Error("a stale malformed.csv remains")
	}
}

func TestIngestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	ingestFixtures(t, a)
	ingestFixtures(t, b)
	for _, y := range []string{"2001", "2013", "2017", "2018"} {
		rel := filepath.Join(Table, "year="+y, dataset.PartitionFile)
		x, err1 := os.ReadFile(filepath.Join(a, rel))
		z, err2 := os.ReadFile(filepath.Join(b, rel))
		if err1 != nil || err2 != nil || !bytes.Equal(x, z) {
			t.Errorf("%s differs between runs (%v, %v)", rel, err1, err2)
		}
	}
}

func TestIngestMissingFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := Ingest([]string{filepath.Join(dir, "nope.CSV")}, dir, IngestOptions{}); err == nil {
		t.Error("no error for a missing file")
	}
	if HasEvents(dir) {
		t.Error("a failed ingest left an event table")
	}
}

// pairRows returns src's rows as "acc>resp:lag:type" strings.
func pairRows(t *testing.T, src Source) []string {
	t.Helper()
	var out []string
	err := src.Each(func(p Pair) error {
		s := itoa(int(p.Accusation.ID)) + ">"
		if p.Answered {
			s += itoa(int(p.Response.ID)) + ":" + itoa(p.Lag) + ":" + p.Type
		}
		out = append(out, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPairs(t *testing.T) {
	dir := t.TempDir()
	ingestFixtures(t, dir)
	st, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		window int
		want   []string
	}{
		{30, []string{
			"2003>2004:14:threat_warning",
			"2001>2002:4:denial",
			"1015>1016:2:non_denial",
			"1001>1002:0:denial", "1001>1004:9:counter_accusation", "1001>1005:30:threat_warning",
			"1003>1004:1:counter_accusation", "1003>1005:22:threat_warning", "1003>1006:23:expulsion",
			"1004>",
		}},
		{29, []string{ // 1005 is 30 days after 1001: out
			"2003>2004:14:threat_warning", "2001>2002:4:denial", "1015>1016:2:non_denial",
			"1001>1002:0:denial", "1001>1004:9:counter_accusation",
			"1003>1004:1:counter_accusation", "1003>1005:22:threat_warning", "1003>1006:23:expulsion", "1004>",
		}},
		{0, []string{"2003>", "2001>", "1015>", "1001>1002:0:denial", "1003>", "1004>"}},
	}
	for _, tt := range tests {
		src, err := st.Pairs(tt.window)
		if err != nil {
			t.Fatal(err)
		}
		if got := pairRows(t, src); !slices.Equal(got, tt.want) {
			t.Errorf("window %d:\n got %q\nwant %q", tt.window, got, tt.want)
		}
	}
	if _, err := st.Pairs(-1); !errors.Is(err, ErrWindow) {
		t.Errorf("window -1: %v", err)
	}
}

func TestWritePairsGolden(t *testing.T) {
	dir := t.TempDir()
	ingestFixtures(t, dir)
	st, _ := Load(dir)
	src, _ := st.Pairs(30)
	for _, format := range []string{FormatCSV, FormatJSON, FormatTable} {
		var buf bytes.Buffer
		n, err := WritePairs(&buf, src, format)
		if err != nil || n != 10 {
			t.Fatalf("%s: %d rows, %v", format, n, err)
		}
		golden := filepath.Join("testdata", "pairs."+format+".golden")
		if *update {
			os.WriteFile(golden, buf.Bytes(), 0o644)
		}
		want, err := os.ReadFile(golden)
		if err != nil || !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s output differs from %s (go test ./events -update to rewrite):\n%s", format, golden, buf.String())
		}
	}
}

func TestSummarize(t *testing.T) {
	dir := t.TempDir()
	ingestFixtures(t, dir)
	st, _ := Load(dir)
	src, _ := st.Tallies(30)
	df, err := Summarize(src, ByDyad)
	if err != nil {
		t.Fatal(err)
	}
	// GBR→RUS: 1001 (3 responses, first lag 0) and 1003 (3, first lag 1).
	row := func(col string, i int) string { return df.Col(col).Elem(i).String() }
	if row("accuser", 0) != "GBR" || row("accused", 0) != "RUS" || row("accusations", 0) != "2" || row("answered", 0) != "2" ||
		row("responses", 0) != "6" || row("median_first_lag_days", 0) != "0.500000" || row("counter_accusation", 0) != "2" ||
		row("threat_warning", 0) != "2" || row("expulsion", 0) != "1" || row("denial", 0) != "1" {
		t.Errorf("GBR→RUS row:\n%v", df)
	}
	if df.Nrow() != 4 {
		t.Errorf("%d dyads, want 4 (GBR→RUS, RUS→GBR, USA→CHN, USA→PRK)", df.Nrow())
	}
	years, err := Summarize(src, ByYear)
	if err != nil {
		t.Fatal(err)
	}
	if got := years.Col("year").Records(); !slices.Equal(got, []string{"2001", "2013", "2017", "2018"}) {
		t.Errorf("years %v", got)
	}
	if got := years.Col("answered_share").Records(); got[3] != "0.666667" {
		t.Errorf("2018 answered share %v, want 2/3", got)
	}
	if _, err := Summarize(src, "month"); err == nil {
		t.Error("no error for an unknown grouping")
	}
}

func TestMatchCases(t *testing.T) {
	dir := t.TempDir()
	ingestFixtures(t, dir)
	st, _ := Load(dir)
	src, _ := st.Pairs(30)
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	df, err := MatchCases(src, ds, 3)
	if err != nil {
		t.Fatal(err)
	}
	ids := df.Col("accusation_id").Records()
	i := slices.Index(ids, "rus-skripal-2018-a1") // GBR→RUS 2018-03-12: event 1003 matches, 1001 (03-04) does not
	if i < 0 {
		t.Fatal("no row for rus-skripal-2018-a1")
	}
	get := func(col string) string { return df.Col(col).Elem(i).String() }
	for col, want := range map[string]string{
		"matched_on": "2018-03-09 to 2018-03-15", "event_accusations": "1", "event_answered": "1", "event_responses": "3",
		"event_first_response": "2018-03-13", "event_first_lag_days": "1", "event_counter_accusation": "1",
		"event_threat_warning": "1", "event_expulsion": "1", "event_denial": "0",
	} {
		if got := get(col); got != want {
			t.Errorf("%s = %s, want %s", col, got, want)
		}
	}
	j := slices.Index(ids, "prk-park-2018-a1") // no USA→PRK event near 2018-09-06
	if got := df.Col("event_accusations").Elem(j).String(); got != "0" {
		t.Errorf("prk-park-2018-a1 event_accusations = %s, want 0", got)
	}
	if df.Nrow() != len(ds.Accusations) {
		t.Errorf("%d rows, want one per curated accusation (%d)", df.Nrow(), len(ds.Accusations))
	}
}

// A line with no end (here 3 MiB) is one malformed line, read past
// without holding it: the next line is read as usual.
func TestReadLineTooLong(t *testing.T) {
	good, err := os.ReadFile("testdata/v2.tsv")
	if err != nil {
		t.Fatal(err)
	}
	first := good[:bytes.IndexByte(good, '\n')+1]
	in := append(bytes.Repeat([]byte("x\t"), 3<<19), '\n')
	r := NewReader(bytes.NewReader(append(in, first...)), "long.tsv")
	_, err = r.Read()
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, ErrLineTooLong) || pe.Line != 1 || pe.File != "long.tsv" {
		t.Fatalf("long line: %v", err)
	}
	if len(r.buf) > MaxLineBytes+(1<<20) {
		t.Errorf("held %d bytes of the long line", len(r.buf))
	}
	if e, err := r.Read(); err != nil || e.ID != 1001 || r.Line != 2 {
		t.Errorf("next line: %+v, %v (line %d)", e, err, r.Line)
	}
}
