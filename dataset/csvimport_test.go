package dataset_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/schema"
	"github.com/rejoinder/rejoinder/synth"
)

// exportCSV writes ds as `export csv` does into a new directory.
func exportCSV(t testing.TB, ds *dataset.Dataset) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := exports.WriteDataPackage(dir, ds); err != nil {
		t.Fatal(err)
	}
	return dir
}

// sameFiles fails unless every table's Parquet file is byte for byte the
// same in the two directories.
func sameFiles(t testing.TB, got, want string) {
	t.Helper()
	for _, table := range dataset.Tables {
		a, errA := os.ReadFile(filepath.Join(got, dataset.ParquetFile(table)))
		b, errB := os.ReadFile(filepath.Join(want, dataset.ParquetFile(table)))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs from what WriteParquet writes (%d and %d bytes; %v, %v)", dataset.ParquetFile(table), len(a), len(b), errA, errB)
		}
	}
}

// Importing what `export csv` wrote streams the large tables (no fallback
// to the whole read) and gives the files WriteParquet writes for the
// original dataset: the same content hash in every footer, the same
// bytes. The synthetic dataset spans several row groups of responses and
// quotes, so that batches, the quotes' pairing with their units across
// batches and the footers labelled after the fact are all exercised.
func TestImportCSVStreamsWhatBuildWrites(t *testing.T) {
	embedded, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	datasets := map[string]*dataset.Dataset{"embedded": embedded}
	if !testing.Short() {
		big, err := synth.Generate(synth.Options{Cases: 40, Responses: 70000, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		datasets["synthetic"] = big
	}
	for name, ds := range datasets {
		t.Run(name, func(t *testing.T) {
			csvDir, want, got := exportCSV(t, ds), t.TempDir(), t.TempDir()
			if _, err := ds.WriteParquet(want); err != nil {
				t.Fatal(err)
			}
			paths, err := dataset.ImportStreamed(csvDir, got)
			if err != nil {
				t.Fatalf("streamed import: %v", err)
			}
			if len(paths) != len(dataset.Tables) {
				t.Errorf("wrote %v, want one file per table", paths)
			}
			sameFiles(t, got, want)
			back, err := dataset.ReadParquet(got)
			if err != nil {
				t.Fatal(err)
			}
			if back.ContentHash() != ds.ContentHash() {
				t.Error("the imported dataset's content hash differs from the original's")
			}
			if entries, _ := os.ReadDir(got); len(entries) != len(dataset.Tables) {
				t.Errorf("left in the output directory: %v", entries)
			}
			if name == "synthetic" {
				duplicateAcrossBatches(t, ds, csvDir)
			}
		})
	}
}

// duplicateAcrossBatches gives the last response's first quote the id of
// the first response's first quote, in both files, so that the two
// quotes pair with their units in batches far apart: the stream must
// still leave the data to ReadCSV, which reports the duplicate.
func duplicateAcrossBatches(t *testing.T, ds *dataset.Dataset, csvDir string) {
	first, last := ds.Responses[0], ds.Responses[len(ds.Responses)-1]
	if len(first.Quotes) == 0 || len(last.Quotes) == 0 {
		t.Fatal("the first or last synthetic response has no quote")
	}
	from, to := last.Quotes[0].QuoteID, first.Quotes[0].QuoteID
	for _, file := range []string{"quotes.csv", "responses.csv"} {
		p := filepath.Join(csvDir, file)
		b := mustRead(t, p)
		if !bytes.Contains(b, []byte(from)) {
			t.Fatalf("%s does not hold %s", file, from)
		}
		os.WriteFile(p, bytes.ReplaceAll(b, []byte(from), []byte(to)), 0o644)
	}
	if _, err := dataset.ImportStreamed(csvDir, t.TempDir()); !errors.Is(err, dataset.ErrNotStreamable) {
		t.Errorf("streamed a dataset with a quote id twice: %v", err)
	}
	_, got := dataset.ImportCSV(csvDir, t.TempDir())
	_, want := dataset.ReadCSV(csvDir)
	if got == nil || want == nil || got.Error() != want.Error() || !strings.Contains(got.Error(), "duplicate id") {
		t.Errorf("ImportCSV: %v\nReadCSV: %v\nwant the duplicate id reported by both", got, want)
	}
}

// An edit of the minimal dataset's CSV, the problem ReadCSV reports for
// it (if any), and whether the stream should take it.
type csvEdit struct {
	name   string
	file   string
	edit   func(s string) string
	stream bool   // valid and in the order the stream pairs
	want   string // in ReadCSV's error; "" for valid data
}

// Whatever the stream cannot take — a problem anywhere, including the
// rules that span batches and tables, or quotes in another order than
// their units' — ImportCSV leaves to ReadCSV: the same problems, with the
// same positions, or, for valid data, the files WriteParquet writes for
// what ReadCSV read.
func TestImportCSVAgreesWithReadCSV(t *testing.T) {
	ds, err := dataset.Load("testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	firstResponse := ds.Responses[0]
	for _, tc := range []csvEdit{
		{name: "unchanged", file: "responses.csv", edit: func(s string) string { return s }, stream: true},
		{name: "unknown code", file: "responses.csv", edit: func(s string) string {
			return strings.Replace(s, ","+firstResponse.Observed+",", ",respondedd,", 1)
		}, want: `unknown code "respondedd"`},
		{name: "accusation unanswered", file: "responses.csv", edit: func(s string) string {
			return strings.Replace(s, ","+firstResponse.RespondsTo+",", ","+firstResponse.CaseID+"-a99,", -1)
		}, want: "accusation has no response record"},
		{name: "accusation no longer answered", file: "accusations.csv", edit: func(s string) string {
			// A copy of the first accusation under a new id, with no quotes:
			// no response answers it.
			rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			row := slices.Clone(rows[1])
			for i, name := range rows[0] {
				switch name {
				case "accusation_id":
					row[i] = firstResponse.CaseID + "-a99"
				case "quotes":
					row[i] = ""
				}
			}
			var b strings.Builder
			w := csv.NewWriter(&b)
			w.WriteAll(append(rows, row))
			return b.String()
		}, want: "accusation has no response record"},
		{name: "source no longer cited", file: "sources.csv", edit: func(s string) string {
			// A copy of the first source under a new id of its case.
			first := strings.SplitAfter(s, "\n")[1]
			_, rest, _ := strings.Cut(first, ",")
			return s + firstResponse.CaseID + "-s99," + rest
		}, want: "source cited by no record"},
		{name: "quotes out of their units' order", file: "quotes.csv", edit: func(s string) string {
			lines := strings.SplitAfter(s, "\n")
			// The header stays first; the rows go in reverse.
			rows := lines[1 : len(lines)-1]
			for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
				rows[i], rows[j] = rows[j], rows[i]
			}
			return strings.Join(lines, "")
		}},
		{name: "quotes column ReadCSV ignores", file: "responses.csv", edit: func(s string) string {
			var ids []string
			for _, q := range firstResponse.Quotes {
				ids = append(ids, q.QuoteID)
			}
			return strings.Replace(s, ","+dataset.JoinList(ids)+",", ",,", 1)
		}},
		{name: "dangling quote", file: "quotes.csv", edit: func(s string) string {
			return s + firstResponse.CaseID + "-r99-q1," + firstResponse.CaseID + "-r99," + firstResponse.CaseID + ",Words.," + firstResponse.Sources[0] + ",,,\n"
		}, want: "unit_id: refers to an id that does not exist"},
		{name: "broken quoting", file: "quotes.csv", edit: func(s string) string { return s + "\"unterminated\n" }, want: "syntax error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := exportCSV(t, ds)
			p := filepath.Join(dir, tc.file)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if edited := tc.edit(string(b)); edited != string(b) || tc.stream {
				os.WriteFile(p, []byte(edited), 0o644)
			} else {
				t.Fatal("the edit changed nothing")
			}
			_, streamErr := dataset.ImportStreamed(dir, t.TempDir())
			if streamed := streamErr == nil; streamed != tc.stream {
				t.Errorf("streamed: %v (%v), want %v", streamed, streamErr, tc.stream)
			}
			if streamErr != nil && !errors.Is(streamErr, dataset.ErrNotStreamable) {
				t.Errorf("the stream failed with %v, not by leaving the data to ReadCSV", streamErr)
			}
			out := t.TempDir()
			_, got := dataset.ImportCSV(dir, out)
			read, want := dataset.ReadCSV(dir)
			if (got == nil) != (want == nil) || (got != nil && got.Error() != want.Error()) {
				t.Fatalf("ImportCSV: %v\nReadCSV:   %v", got, want)
			}
			if (want == nil) != (tc.want == "") || (want != nil && !strings.Contains(want.Error(), tc.want)) {
				t.Fatalf("ReadCSV: %v, want an error saying %q", want, tc.want)
			}
			if want != nil {
				var list schema.ErrorList
				if !errors.As(got, &list) {
					t.Errorf("ImportCSV's error is a %T, not the problems ReadCSV lists", got)
				}
				return
			}
			wrote := t.TempDir()
			if _, err := read.WriteParquet(wrote); err != nil {
				t.Fatal(err)
			}
			sameFiles(t, out, wrote)
		})
	}
}

// FuzzImportCSV feeds ImportCSV arbitrary responses.csv and quotes.csv
// beside the minimal dataset's other tables: it must agree with ReadCSV,
// refusing the same data with the same problems and writing, for data
// ReadCSV accepts, the files WriteParquet writes for them.
func FuzzImportCSV(f *testing.F) {
	ds, err := dataset.Load("testdata/minimal")
	if err != nil {
		f.Fatal(err)
	}
	seed := exportCSV(f, ds)
	responses, _ := os.ReadFile(filepath.Join(seed, "responses.csv"))
	quotes, _ := os.ReadFile(filepath.Join(seed, "quotes.csv"))
	f.Add(responses, quotes)
	f.Add(responses, []byte(strings.Replace(string(quotes), "\n", "\r\n", -1)))
	f.Add([]byte(strings.Replace(string(responses), "responded", "declined_comment", 1)), quotes)
	f.Fuzz(func(t *testing.T, responses, quotes []byte) {
		dir := t.TempDir()
		for _, table := range dataset.Tables {
			b, err := os.ReadFile(filepath.Join(seed, table+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			switch table {
			case schema.TableResponses:
				b = responses
			case schema.TableQuotes:
				b = quotes
			}
			if err := os.WriteFile(filepath.Join(dir, table+".csv"), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		os.WriteFile(filepath.Join(dir, "datapackage.json"), mustRead(t, filepath.Join(seed, "datapackage.json")), 0o644)
		out := t.TempDir()
		_, got := dataset.ImportCSV(dir, out)
		read, want := dataset.ReadCSV(dir)
		if (got == nil) != (want == nil) || (got != nil && got.Error() != want.Error()) {
			t.Fatalf("ImportCSV: %v\nReadCSV:   %v", got, want)
		}
		if want != nil {
			return
		}
		wrote := t.TempDir()
		if _, err := read.WriteParquet(wrote); err != nil {
			t.Fatal(err)
		}
		sameFiles(t, out, wrote)
	})
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
