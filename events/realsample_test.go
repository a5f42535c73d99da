package events

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// realSample is what the columns of the real rows under testdata/real
// say ingest must do with one GDELT version's lines.
type realSample struct {
	lines       int64
	kept        int64
	accusations map[string]bool // GLOBALEVENTIDs of the kept accusations
}

// The real GDELT rows kept under testdata/real (see PROVENANCE.md there):
// every line parses; ingest keeps exactly the lines of the code set
// between two different states, as read here straight from the columns;
// each kept accusation is listed by events pairs; and events pairs, the
// DuckDB SQL over the tab-separated files and the DuckDB SQL over the
// Parquet give the same rows (checkRealGDELT).
func TestRealGDELTSample(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "real", "*.CSV"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no real GDELT sample under testdata/real (%v)", err)
	}
	want := map[Version]*realSample{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			cols := strings.Split(line, "\t")
			v := versionOf(len(cols))
			if v == 0 {
				t.Fatalf("%s:%d: %d columns, not a GDELT event line", p, i+1, len(cols))
			}
			if want[v] == nil {
				want[v] = &realSample{accusations: map[string]bool{}}
			}
			w := want[v]
			w.lines++
			s1, s2, code := State(cols[ColActor1CountryCode-1]), State(cols[ColActor2CountryCode-1]), cols[ColEventCode-1]
			if InCodeSet(code) && s1 != "" && s2 != "" && s1 != s2 {
				w.kept++
				if IsAccusation(code) {
					w.accusations[cols[0]] = true
				}
			}
		}
	}
	found := checkRealGDELT(t, paths)
	pairs := 0
	for v, w := range want {
		got, ok := found[v]
		if !ok {
			t.Errorf("GDELT %d: no files found by layout", v)
			continue
		}
		if got.rep.Lines != w.lines || got.rep.Malformed != 0 || got.rep.Kept != w.kept || got.rep.Duplicates != 0 {
			t.Errorf("GDELT %d: %d lines, %d kept, %d malformed, %d duplicates; want %d lines, %d kept, none malformed or repeated (problems %v)",
				v, got.rep.Lines, got.rep.Kept, got.rep.Malformed, got.rep.Duplicates, w.lines, w.kept, got.rep.Problems)
		}
		listed := map[string]bool{}
		for _, row := range got.pairs {
			listed[row[0]] = true
		}
		if !maps.Equal(listed, w.accusations) {
			t.Errorf("GDELT %d: pairs list accusations %v, want %v", v, slices.Sorted(maps.Keys(listed)), slices.Sorted(maps.Keys(w.accusations)))
		}
		pairs += len(got.pairs)
	}
	if pairs == 0 {
		t.Fatal("the real sample holds no accusation between states: the pairing checks compared nothing")
	}
	checkBackfileLayout(t, found[V1])
}

// checkBackfileLayout cuts the real 58-column lines to GDELT 1.0's
// 57-column backfile layout (SOURCEURL dropped, in a temporary copy: no
// real backfile lines of checkable origin are kept) and requires ingest
// and both DuckDB queries to find the same pairs in them as in the
// 58-column lines.
func checkBackfileLayout(t *testing.T, v1 realLayout) {
	t.Helper()
	if len(v1.pairs) == 0 {
		t.Fatal("no accusation in the real 58-column sample: the backfile check would compare nothing")
	}
	var cut []string
	for _, f := range v1.files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			cols := strings.Split(line, "\t")
			if len(cols) != ColumnsV1 {
				t.Fatalf("%s: a line of %d columns, want %d", f, len(cols), ColumnsV1)
			}
			b.WriteString(strings.Join(cols[:ColumnsV1Backfile], "\t") + "\n")
		}
		p := filepath.Join(t.TempDir(), "backfile-"+filepath.Base(f))
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		cut = append(cut, p)
	}
	got := checkRealGDELT(t, cut)[V1]
	if got.rep == nil || got.rep.Kept != v1.rep.Kept || !slices.EqualFunc(got.pairs, v1.pairs, slices.Equal) {
		t.Errorf("57-column copies: %v pairs, want the 58-column lines' %v", got.pairs, v1.pairs)
	}
}
