package events

import (
	"archive/zip"
	"bytes"
	"errors"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// fixtureLine returns line 1 of testdata/v2.tsv (1001, 2018-03-04,
// GBR→RUS, 112) with the given columns (1-based) replaced.
func fixtureLine(t *testing.T, set map[int]string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "v2.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Split(strings.SplitN(string(data), "\n", 2)[0], "\t")
	for c, v := range set {
		f[c-1] = v
	}
	return strings.Join(f, "\t")
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// GLOBALEVENTID 0 is a real event (the first row of GDELT's 1979
// backfile): parsed, ingested and imported like any other.
func TestEventIDZero(t *testing.T) {
	zero := fixtureLine(t, map[int]string{ColGlobalEventID: "0"})
	e, err := ParseLine([]byte(zero))
	if err != nil || e.ID != 0 || e.Actor1Country != "GBR" {
		t.Fatalf("ParseLine: %+v, %v", e, err)
	}
	dir := t.TempDir()
	rep, err := Ingest([]string{writeFile(t, t.TempDir(), "zero.CSV", zero+"\n")}, dir, IngestOptions{})
	if err != nil || rep.Kept != 1 || rep.Malformed != 0 {
		t.Fatalf("ingest: %+v, %v", rep, err)
	}
	header := strings.Join(PairColumns, ",")
	pairs := writeFile(t, t.TempDir(), "p.csv", header+"\n0,2018-03-04,GBR,RUS,112,,,,,,,\n")
	if n, err := Import([]string{pairs}, t.TempDir(), 30); err != nil || n != 1 {
		t.Errorf("import of accusation 0: %d rows, %v", n, err)
	}
	if _, err := ParseLine([]byte(fixtureLine(t, map[int]string{ColGlobalEventID: "-1"}))); !errors.Is(err, ErrID) {
		t.Errorf("id -1: %v", err)
	}
}

// GDELT's own codes of states (ROM, MTN, TMP, IMY) are kept and written
// as ISO codes; codes that name no state are dropped and counted by code.
func TestIngestMapsGDELTCountryCodes(t *testing.T) {
	lines := []string{
		fixtureLine(t, map[int]string{1: "1", ColActor1CountryCode: "ROM"}),                              // kept as ROU→RUS
		fixtureLine(t, map[int]string{1: "2", ColActor1CountryCode: "RUS", ColActor2CountryCode: "MTN"}), // kept as RUS→MNE
		fixtureLine(t, map[int]string{1: "3", ColActor1CountryCode: "TMP", ColActor2CountryCode: "IMY"}), // kept as TLS→IMN
		fixtureLine(t, map[int]string{1: "4", ColActor1CountryCode: "EUR"}),                              // region: dropped
		fixtureLine(t, map[int]string{1: "5", ColActor1CountryCode: "WSB", ColActor2CountryCode: "AFR"}),
		fixtureLine(t, map[int]string{1: "6", ColActor1CountryCode: ""}),                         // no country: not counted
		fixtureLine(t, map[int]string{1: "7", ColActor1CountryCode: "EUR", ColEventCode: "043"}), // not a code of the set
	}
	dir := t.TempDir()
	rep, err := Ingest([]string{writeFile(t, t.TempDir(), "c.CSV", strings.Join(lines, "\n")+"\n")}, dir, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int64{"ROM": 1, "MTN": 1, "TMP": 1, "IMY": 1}; !maps.Equal(rep.Mapped, want) {
		t.Errorf("mapped %v, want %v", rep.Mapped, want)
	}
	if want := map[string]int64{"EUR": 1, "WSB": 1, "AFR": 1}; !maps.Equal(rep.Unmapped, want) {
		t.Errorf("unmapped %v, want %v", rep.Unmapped, want)
	}
	st, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var dyads []string
	for _, e := range st.evs {
		dyads = append(dyads, st.countries[e.a1]+">"+st.countries[e.a2])
	}
	if want := []string{"ROU>RUS", "RUS>MNE", "TLS>IMN"}; !slices.Equal(dyads, want) {
		t.Errorf("stored dyads %v, want %v", dyads, want)
	}
}

// The same events given twice (a file plain and zipped, or a line
// repeated) are kept once and the repeats counted: the pairs are those of
// one copy.
func TestIngestDropsRepeatedEvents(t *testing.T) {
	once := t.TempDir()
	single, err := Ingest([]string{filepath.Join("testdata", "v2.tsv")}, once, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	twice := t.TempDir()
	rep, err := Ingest([]string{filepath.Join("testdata", "v2.tsv"), zipFixture(t, "v2.tsv", t.TempDir())}, twice, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kept != single.Kept || rep.Duplicates != single.Kept || rep.Files[1].Duplicates != single.Kept {
		t.Errorf("twice: kept %d, duplicates %d; want %d and %d", rep.Kept, rep.Duplicates, single.Kept, single.Kept)
	}
	a, _ := Load(once)
	b, _ := Load(twice)
	pa, _ := a.Pairs(30)
	pb, _ := b.Pairs(30)
	if x, y := pairRows(t, pa), pairRows(t, pb); !slices.Equal(x, y) {
		t.Errorf("pairs of the doubled input\n%q\nwant\n%q", y, x)
	}
}

// Input without one well-formed line (random bytes, a text file, an empty
// zip member) is refused, and the table already there is left as it was;
// Replace never empties a table.
func TestIngestNeverEmptiesTheTable(t *testing.T) {
	dir := t.TempDir()
	ingestFixtures(t, dir)
	before, _ := Load(dir)
	src := t.TempDir()
	noise := make([]byte, 64<<10)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(r.IntN(256))
	}
	var empty bytes.Buffer
	zw := zip.NewWriter(&empty)
	zw.Create("20180101.export.CSV")
	zw.Close()
	inputs := map[string]string{
		"random bytes": writeFile(t, src, "noise.bin", string(noise)),
		"a text file":  writeFile(t, src, "notes.txt", "these are\nnot GDELT events\n"),
		"empty member": writeFile(t, src, "empty.zip", empty.String()),
		"empty file":   writeFile(t, src, "empty.CSV", ""),
	}
	for name, path := range inputs {
		for _, replace := range []bool{false, true} {
			_, err := Ingest([]string{path}, dir, IngestOptions{Replace: replace})
			if !errors.Is(err, ErrNoEvents) || !strings.Contains(err.Error(), path) {
				t.Errorf("%s (replace %v): %v, want ErrNoEvents naming the file", name, replace, err)
			}
		}
	}
	// Well-formed lines of which the filter keeps none.
	none := writeFile(t, src, "none.CSV", fixtureLine(t, map[int]string{ColEventCode: "043"})+"\n")
	if _, err := Ingest([]string{none}, dir, IngestOptions{Replace: true}); !errors.Is(err, ErrWouldEmpty) {
		t.Errorf("replace with nothing kept: %v, want ErrWouldEmpty", err)
	}
	after, err := Load(dir)
	if err != nil || after.Len() != before.Len() {
		t.Fatalf("table changed: %d events before, %d after (%v)", before.Len(), after.Len(), err)
	}
	if rep, err := Ingest([]string{none}, dir, IngestOptions{}); err != nil || rep.Existing != int64(before.Len()) {
		t.Errorf("adding nothing to the table: %+v, %v", rep, err)
	}
}

// The input limits stop a run while it streams, with ErrLimit, and leave
// the table as it was: a zip bomb of newlines (by ratio, and by the
// malformed-line bound), too many lines, too many bytes.
func TestIngestLimits(t *testing.T) {
	dir := t.TempDir()
	ingestFixtures(t, dir)
	before, _ := Load(dir)
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("bomb.export.CSV")
	nl := bytes.Repeat([]byte("\n"), 1<<20)
	for range 64 {
		w.Write(nl)
	}
	zw.Close()
	src := t.TempDir()
	bombPath := writeFile(t, src, "bomb.zip", bomb.String())
	v2 := filepath.Join("testdata", "v2.tsv")
	tests := []struct {
		name  string
		path  string
		opts  IngestOptions
		words string
	}{
		{"ratio", bombPath, IngestOptions{MaxMalformed: -1}, "--max-ratio"},
		{"malformed lines", bombPath, IngestOptions{MaxRatio: 1e6}, "more than 100000 malformed lines"},
		{"lines", v2, IngestOptions{MaxLines: 5}, "more than 5 lines"},
		{"bytes", v2, IngestOptions{MaxBytes: 100}, "--max-bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Ingest([]string{tt.path}, dir, tt.opts)
			if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), tt.words) {
				t.Errorf("got %v, want ErrLimit saying %q", err, tt.words)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v to stop", d)
			}
		})
	}
	if after, _ := Load(dir); after.Len() != before.Len() {
		t.Errorf("table changed: %d events, was %d", after.Len(), before.Len())
	}
}

// Progress reports lines as well as bytes, ending with all of them.
func TestIngestProgressCountsLines(t *testing.T) {
	var last Progress
	_, err := Ingest([]string{filepath.Join("testdata", "v2.tsv")}, t.TempDir(), IngestOptions{Progress: func(p Progress) { last = p }})
	if err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(filepath.Join("testdata", "v2.tsv"))
	if last.Lines != 18 || last.Bytes != info.Size() || last.Total != info.Size() {
		t.Errorf("last progress %+v, want 18 lines and %d bytes", last, info.Size())
	}
}

// Summaries count without listing: Store.Tallies agrees with counting the
// listed pairs (Source.Tallies) on generated events for several windows,
// and summarises a dyad of 30,000 accusations and 30,000 responses on
// one day (900 million pairs, which listing would take many minutes to
// enumerate) in seconds.
func TestTalliesCountWithoutListing(t *testing.T) {
	g, err := NewGenerator(GenOptions{Seed: 3, Version: V2, FirstID: 1, Events: 20000, From: DayOf(2017, 1, 1), To: DayOf(2017, 6, 30)})
	if err != nil {
		t.Fatal(err)
	}
	raw := filepath.Join(t.TempDir(), "g.CSV")
	f, _ := os.Create(raw)
	g.WriteN(f, 20000)
	f.Close()
	dir := t.TempDir()
	if _, err := Ingest([]string{raw}, dir, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	st, _ := Load(dir)
	for _, window := range []int{0, 7, 30} {
		src, _ := st.Pairs(window)
		tal, _ := st.Tallies(window)
		for _, by := range []string{ByDyad, ByYear} {
			x, _ := Summarize(src.Tallies(), by)
			y, _ := Summarize(tal, by)
			if x.String() != y.String() || x.Nrow() == 0 {
				t.Errorf("window %d by %s:\nlisted\n%v\ncounted\n%v", window, by, x, y)
			}
		}
		n, _ := tal.Rows()
		if rows := int64(len(pairRows(t, src))); n != rows {
			t.Errorf("window %d: Rows %d, listed %d", window, n, rows)
		}
	}

	const k = 30000
	big := &Store{countries: []string{"GBR", "RUS"}, codes: []string{"112", "016"}}
	for i := range k {
		big.evs = append(big.evs, storedEvent{id: int64(i), day: DayOf(2018, 3, 4), a1: 0, a2: 1, code: 0})
	}
	for i := range k {
		big.evs = append(big.evs, storedEvent{id: int64(k + i), day: DayOf(2018, 3, 4), a1: 1, a2: 0, code: 1})
	}
	done := make(chan error, 1)
	var df string
	go func() {
		tal, _ := big.Tallies(30)
		d, err := Summarize(tal, ByDyad)
		df = d.String()
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil || !strings.Contains(df, "GBR") || !strings.Contains(df, "900000000") {
			t.Errorf("%v\n%s", err, df)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("summarising a dyad of many pairs took over 30 s: it lists them")
	}
}
