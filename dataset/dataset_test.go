package dataset

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/rejoinder/rejoinder/internal/addcase"
	"github.com/rejoinder/rejoinder/schema"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestDefaultLoadsAndValidates(t *testing.T) {
	ds, err := Default()
	if err != nil {
		t.Fatalf("embedded dataset is invalid:\n%v", err)
	}
	if ds.Meta.Version == "" || ds.Meta.Name != "rejoinder" {
		t.Errorf("metadata = %+v", ds.Meta)
	}
	for _, id := range []string{"prk-park-2018", "rus-skripal-2018"} {
		if _, err := ds.Case(id); err != nil {
			t.Errorf("seed case missing: %v", err)
		}
	}
}

func TestDefaultReturnsIndependentCopies(t *testing.T) {
	a, b := MustDefault(), MustDefault()
	a.Responses = a.Responses[:1]
	if len(b.Responses) < 2 {
		t.Fatal("truncating one copy's responses changed another copy")
	}
}

// The Park statement of 2018-09-14, coded from its quotes by two coders
// (codebook 2.0.0): it denies involvement, calls the charges false and a
// smear, disputes that the named man exists, accuses the US, and says the
// charges endanger the summit's joint statement.
func TestParkResponseCoding(t *testing.T) {
	ds := MustDefault()
	r := findResponse(t, ds, "prk-park-2018-r1")
	want := []string{"denial", "evidence_rejection", "smear_framing", "identity_dispute", "counter_accusation", "diplomatic_linkage"}
	if !slices.Equal(r.Strategies, want) {
		t.Errorf("strategies = %v, want %v", r.Strategies, want)
	}
	if r.Date != schema.DayDate(2018, 9, 14) || r.RespondsTo != "prk-park-2018-a1" || r.Speaker != "Han Yong Song" {
		t.Errorf("date %v, responds_to %s, speaker %q", r.Date, r.RespondsTo, r.Speaker)
	}
	if q := r.Quotes[0]; q.Text != "is a non-existent entity" || q.QuoteID != "prk-park-2018-r1-q1" {
		t.Errorf("first quote = %+v", q)
	}
	src := ds.Source(r.Quotes[0].SourceID)
	if src == nil || !strings.Contains(src.URL, "washingtontimes.com/news/2018/sep/14/north-korea-disputes-existence-park-jin-hyok") {
		t.Errorf("first quote's source = %+v", src)
	}
}

func TestSkripalFacts(t *testing.T) {
	ds := MustDefault()
	// Every response record of the case file is loaded (counted from the
	// file, not pinned: silence records may be added).
	if n, want := len(ds.ResponsesOf("rus-skripal-2018")), countRecordFile(t, "records/rus-skripal-2018.yaml")[2]; n != want || n < 16 {
		t.Errorf("Skripal responses = %d, the file holds %d (and the research found 16 at least)", n, want)
	}
	// Peskov rejected Wallace's claim that Putin was ultimately responsible (a5).
	if r := findResponse(t, ds, "rus-skripal-2018-r17"); r.RespondsTo != "rus-skripal-2018-a5" || r.Date != schema.DayDate(2018, 9, 6) {
		t.Errorf("r17 = %s %v", r.RespondsTo, r.Date)
	}
	// Russia expelled 23 British diplomats on 2018-03-17 in answer to the UK's expulsions.
	r := findResponse(t, ds, "rus-skripal-2018-r8")
	if r.Date != schema.DayDate(2018, 3, 17) || !slices.Contains(r.Strategies, "reciprocal_measure") || r.RespondsTo != "rus-skripal-2018-a2" {
		t.Errorf("r8 = %v %v %s", r.Date, r.Strategies, r.RespondsTo)
	}
	// Putin called the two suspects civilians on 2018-09-12.
	r = findResponse(t, ds, "rus-skripal-2018-r15")
	if r.Date != schema.DayDate(2018, 9, 12) || !slices.Contains(r.Strategies, "identity_dispute") || r.Quotes[1].Text != "They are civilians, of course" {
		t.Errorf("r15 = %v %v %q", r.Date, r.Strategies, r.Quotes[1].Text)
	}
	// Peskov's remark came on his call of 2018-03-12 (Reuters); the embassy's
	// "Litvinenko script" tweet three days before the accusation.
	if r := findResponse(t, ds, "rus-skripal-2018-r2"); r.Date != schema.DayDate(2018, 3, 12) {
		t.Errorf("r2 date = %v", r.Date)
	}
	if r := findResponse(t, ds, "rus-skripal-2018-r3"); r.Date != schema.DayDate(2018, 3, 9) || !r.Anticipatory {
		t.Errorf("r3 date = %v, anticipatory %v", r.Date, r.Anticipatory)
	}
}

// Facts a reader can look up in the cited sources.
func TestResearchedFacts(t *testing.T) {
	ds := MustDefault()
	// North Korea offered the US a joint investigation of the Sony attack (2014-12-20).
	r := findResponse(t, ds, "prk-sony-2014-r1")
	if r.Date != schema.DayDate(2014, 12, 20) || !slices.Contains(r.Strategies, "joint_investigation_offer") ||
		!strings.Contains(r.Quotes[0].Text, "we propose a joint investigation") {
		t.Errorf("Sony joint investigation offer: %v %v %q", r.Date, r.Strategies, r.Quotes[0].Text)
	}
	// The 2021 indictment of three North Korean hackers drew no response that the research found.
	r = findResponse(t, ds, "prk-rgb-2021-r1")
	if r.Observed != "no_response_found" || len(r.Strategies) != 0 || !r.Date.IsZero() || r.RespondsTo != "prk-rgb-2021-a1" {
		t.Errorf("rgb silence: %+v", r)
	}
	a := ds.Accusation("prk-rgb-2021-a1")
	if a == nil || a.Date != schema.DayDate(2021, 2, 17) || !slices.Contains(a.AccusedPersons, "Park Jin Hyok") {
		t.Errorf("rgb indictment: %+v", a)
	}
	// Responses made before the accusation they anticipate are kept and flagged.
	for _, id := range []string{"prk-sony-2014-r0", "prk-wannacry-2017-r0", "rus-navalny-2020-r0"} {
		if r := findResponse(t, ds, id); !r.Anticipatory {
			t.Errorf("%s is not flagged anticipatory", id)
		}
	}
	// The one doubtful item of the research is marked unverified.
	if r := findResponse(t, ds, "prk-sony-2014-r4"); r.Verified || !r.Date.IsZero() {
		t.Errorf("Sony r4 verified=%v date=%v", r.Verified, r.Date)
	}
	counts := [5]int{len(ds.Cases), len(ds.Accusations), len(ds.Responses), len(ds.Quotes()), len(ds.Sources)}
	if want := countRecordFiles(t, "records"); counts != want {
		t.Errorf("counts (cases, accusations, responses, quotes, sources) = %v, the record files hold %v", counts, want)
	}
}

// A directory with one case more loads with every record of its files.
func TestLoadAddedCase(t *testing.T) {
	dir, err := addcase.Dir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	counts := [5]int{len(ds.Cases), len(ds.Accusations), len(ds.Responses), len(ds.Quotes()), len(ds.Sources)}
	if want := countRecordFiles(t, dir); counts != want {
		t.Errorf("counts (cases, accusations, responses, quotes, sources) = %v, the record files hold %v", counts, want)
	}
	if c, err := ds.Case(addcase.ID); err != nil || c == nil || len(ds.ResponsesOf(addcase.ID)) != len(ds.ResponsesOf(addcase.Template)) {
		t.Errorf("the added case %s is missing or differs from %s", addcase.ID, addcase.Template)
	}
}

// countRecordFiles counts the cases, accusations, responses, quotes and
// sources written in a directory's case files with a plain YAML decoder,
// not the loader: the embedded dataset must keep every record its files
// hold, however many cases they are.
func countRecordFiles(t *testing.T, dir string) [5]int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) < 2 {
		t.Fatalf("record files in %s: %v %v", dir, files, err)
	}
	var n [5]int
	for _, f := range files {
		if filepath.Base(f) == MetadataFile {
			continue
		}
		for i, k := range countRecordFile(t, f) {
			n[i] += k
		}
	}
	return n
}

// countRecordFile counts the records written in one case file (see
// countRecordFiles).
func countRecordFile(t *testing.T, f string) [5]int {
	t.Helper()
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	type withQuotes struct {
		Quotes []yaml.Node `yaml:"quotes"`
	}
	var file struct {
		Case        yaml.Node    `yaml:"case"`
		Accusations []withQuotes `yaml:"accusations"`
		Responses   []withQuotes `yaml:"responses"`
		Sources     []yaml.Node  `yaml:"sources"`
	}
	if err := yaml.Unmarshal(b, &file); err != nil {
		t.Fatalf("%s: %v", f, err)
	}
	quotes := 0
	for _, u := range append(file.Accusations, file.Responses...) {
		quotes += len(u.Quotes)
	}
	return [5]int{1, len(file.Accusations), len(file.Responses), quotes, len(file.Sources)}
}

// Every record of the embedded dataset cites a source, every quote links
// to a source of its record, and no reference dangles.
func TestEmbeddedSourcing(t *testing.T) {
	ds := MustDefault()
	for _, a := range ds.Accusations {
		if len(a.Sources) == 0 {
			t.Errorf("%s cites no source", a.AccusationID)
		}
		checkQuotes(t, ds, a.AccusationID, a.Quotes, a.Sources)
	}
	for _, r := range ds.Responses {
		if len(r.Sources) == 0 {
			t.Errorf("%s cites no source", r.ResponseID)
		}
		if r.RespondsTo != "" && ds.Accusation(r.RespondsTo) == nil {
			t.Errorf("%s responds to unknown %s", r.ResponseID, r.RespondsTo)
		}
		checkQuotes(t, ds, r.ResponseID, r.Quotes, r.Sources)
	}
}

func checkQuotes(t *testing.T, ds *Dataset, unit string, qs []schema.Quote, sources []string) {
	t.Helper()
	for _, q := range qs {
		if q.SourceID == "" || !slices.Contains(sources, q.SourceID) || ds.Source(q.SourceID) == nil {
			t.Errorf("%s: quote %q has source %q, not one of the record's %v", unit, q.Text, q.SourceID, sources)
		}
	}
}

func findResponse(t *testing.T, ds *Dataset, id string) *schema.Response {
	t.Helper()
	for i := range ds.Responses {
		if ds.Responses[i].ResponseID == id {
			return &ds.Responses[i]
		}
	}
	t.Fatalf("no response %s", id)
	return nil
}

func TestLoadMinimal(t *testing.T) {
	ds, err := Load("testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Cases) != 2 || len(ds.Accusations) != 2 || len(ds.Responses) != 5 || len(ds.Quotes()) != 6 || len(ds.Sources) != 3 {
		t.Fatalf("counts: %d cases %d accusations %d responses %d quotes %d sources", len(ds.Cases), len(ds.Accusations), len(ds.Responses), len(ds.Quotes()), len(ds.Sources))
	}
	a := ds.Accusations[1]
	if a.CaseID != "tst-beta-2021" || !slices.Equal(a.CoAccusers, []string{"USA", "NLD"}) || a.Date != schema.DayDate(2021, 5, 10) {
		t.Errorf("beta a1 = %+v", a)
	}
	if got := ds.Cases[1].StartDate; got.Precision != schema.PrecisionYear || got.Year != 2021 {
		t.Errorf("year-precision start date = %+v", got)
	}
	if p := ds.Responses[0].Pos.Field("strategies[1]"); p.Line != 41 || p.Column != 24 {
		t.Errorf("position of strategies[1] = %+v, want line 41 col 24", p)
	}
}

// The invalid fixture holds one of each problem; all are reported at
// once, with positions, in a stable order (golden file).
func TestLoadInvalidReportsEverything(t *testing.T) {
	_, err := Load("testdata/invalid")
	var list schema.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("err = %v (%T), want schema.ErrorList", err, err)
	}
	kinds := []error{schema.ErrBadActor, schema.ErrBeforeAccusation, schema.ErrUnknownCode, schema.ErrMissingSource,
		schema.ErrDangling, schema.ErrNoStrategy, schema.ErrDuplicateID, schema.ErrBadValue, schema.ErrUnknownField, schema.ErrSyntax}
	for _, k := range kinds {
		if !slices.ContainsFunc(list, func(e *schema.FieldError) bool { return errors.Is(e, k) }) {
			t.Errorf("no %q problem reported", k)
		}
	}
	for _, e := range list {
		if e.File == "" || e.Line == 0 {
			t.Errorf("problem without position: %v", e)
		}
	}
	golden(t, "testdata/invalid.golden", list.Error()+"\n")
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(filepath.Join(dir, "missing")); err == nil {
		t.Error("no error for a missing directory")
	}
	_, err := Load(dir)
	var list schema.ErrorList
	if !errors.As(err, &list) || len(list) != 2 || !errors.Is(list[0], schema.ErrMissing) {
		t.Errorf("empty directory: %v", err)
	}
	f := filepath.Join(dir, "file.yaml")
	os.WriteFile(f, []byte("x: 1"), 0o644)
	if _, err := Load(f); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("file as dir: %v", err)
	}
}

func TestCaseFileNamedAfterCase(t *testing.T) {
	dir := t.TempDir()
	copyFile(t, "testdata/minimal/dataset.yaml", filepath.Join(dir, "dataset.yaml"))
	copyFile(t, "testdata/minimal/tst-beta-2021.yaml", filepath.Join(dir, "other-name.yaml"))
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "other-name.yaml:3:12: cases tst-beta-2021: case_id: inconsistent with another field") {
		t.Errorf("err = %v", err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A bad version in dataset.yaml is reported at the file's path, not at
// a bare "dataset.yaml" that could be anywhere.
func TestBadVersionNamesItsFile(t *testing.T) {
	dir := t.TempDir()
	files, _ := filepath.Glob("testdata/minimal/*.yaml")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(f) == MetadataFile {
			b = regexp.MustCompile(`(?m)^version: .*$`).ReplaceAll(b, []byte("version: one"))
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Load(dir)
	var list schema.ErrorList
	if !errors.As(err, &list) || len(list) != 1 || list[0].File != filepath.Join(dir, MetadataFile) || list[0].Field != "version" || list[0].Value != "one" {
		t.Errorf("err = %v", err)
	}
}

// A case waiting for its coding round loads for the coding commands
// (LoadUncoded) and is refused by Load, which names every blank coded
// variable; a wrong code is refused by both.
func TestLoadUncoded(t *testing.T) {
	ds, err := LoadUncoded("testdata/uncoded")
	if err != nil {
		t.Fatalf("LoadUncoded: %v", err)
	}
	if len(ds.Cases) != 2 || len(ds.Responses) != 4 {
		t.Fatalf("loaded %d cases, %d responses; want 2, 4", len(ds.Cases), len(ds.Responses))
	}
	_, err = Load("testdata/uncoded")
	var list schema.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Load: %v, want the blank coded variables listed", err)
	}
	var blank []string
	for _, p := range list {
		if p.Err != schema.ErrMissing {
			t.Errorf("Load: unexpected problem %v", p)
			continue
		}
		blank = append(blank, p.ID+"."+p.Field)
	}
	want := []string{"tst-beta-2021-a1.accuser_organ", "tst-beta-2021-a1.instrument", "tst-beta-2021-a1.evidence_disclosure",
		"tst-beta-2021-r1.organ", "tst-beta-2021-r1.observed", "tst-beta-2021-r3.observed", "tst-beta-2021-r3.organ"}
	slices.Sort(blank)
	slices.Sort(want)
	if !slices.Equal(blank, want) {
		t.Errorf("Load reported blank %v, want %v", blank, want)
	}

	dir := t.TempDir()
	for _, name := range []string{"dataset.yaml", "tst-alpha-2020.yaml", "tst-beta-2021.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata/uncoded", name))
		if err != nil {
			t.Fatal(err)
		}
		if name == "tst-beta-2021.yaml" {
			data = bytes.Replace(data, []byte("  verified: true\n- response_id: tst-beta-2021-r3"), []byte("  verified: true\n  organ: ministry\n- response_id: tst-beta-2021-r3"), 1)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err = LoadUncoded(dir)
	if !errors.As(err, &list) || len(list) != 1 || list[0].Err != schema.ErrUnknownCode || list[0].Value != "ministry" {
		t.Errorf("LoadUncoded with organ: ministry = %v, want the unknown code alone", err)
	}
}

// Default's copies share nothing a caller can change: editing one copy's
// strategies, quotes, sources or codebook leaves the next copy intact.
func TestDefaultCopiesAreDeep(t *testing.T) {
	a := MustDefault()
	var r *schema.Response
	for i := range a.Responses {
		if len(a.Responses[i].Strategies) > 0 && len(a.Responses[i].Quotes) > 0 {
			r = &a.Responses[i]
			break
		}
	}
	id, strategy, quote, source := r.ResponseID, r.Strategies[0], r.Quotes[0].Text, r.Sources[0]
	code := a.Codebook.Strategies()[0].Code
	r.Strategies[0], r.Quotes[0].Text, r.Sources[0] = "changed", "changed", "changed"
	a.Codebook.MustVariable(schema.TableResponses, "strategies").Values[0].Code = "changed"

	b := MustDefault()
	for _, s := range b.Responses {
		if s.ResponseID == id && (s.Strategies[0] != strategy || s.Quotes[0].Text != quote || s.Sources[0] != source) {
			t.Errorf("%s in the next copy: %q, %q, %q", id, s.Strategies[0], s.Quotes[0].Text, s.Sources[0])
		}
	}
	if got := b.Codebook.Strategies()[0].Code; got != code {
		t.Errorf("the next copy's codebook has %q", got)
	}
}

// The index finds what the scanning lookups find, for every id, and nil
// for an unknown one.
func TestIndexAgreesWithLookups(t *testing.T) {
	ds := MustDefault()
	ix := ds.Index()
	for _, a := range ds.Accusations {
		if ix.Accusation(a.AccusationID) != ds.Accusation(a.AccusationID) {
			t.Errorf("accusation %s", a.AccusationID)
		}
	}
	for i, r := range ds.Responses {
		if got := ix.Response(r.ResponseID); got != ds.Response(r.ResponseID) || got != &ds.Responses[i] {
			t.Errorf("response %s", r.ResponseID)
		}
	}
	for _, s := range ds.Sources {
		if ix.Source(s.SourceID) != ds.Source(s.SourceID) {
			t.Errorf("source %s", s.SourceID)
		}
	}
	for _, c := range ds.Cases {
		want, _ := ds.Case(c.CaseID)
		if ix.Case(c.CaseID) != want || !slices.Equal(ix.AccusationsOf(c.CaseID), ds.AccusationsOf(c.CaseID)) ||
			!slices.Equal(ix.ResponsesOf(c.CaseID), ds.ResponsesOf(c.CaseID)) {
			t.Errorf("case %s", c.CaseID)
		}
	}
	if ix.Accusation("nope") != nil || ix.Case("nope") != nil || ix.Source("nope") != nil || ix.ResponsesOf("nope") != nil ||
		ix.Response("nope") != nil || ds.Response("nope") != nil {
		t.Error("an unknown id found something")
	}
}
