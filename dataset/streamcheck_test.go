package dataset

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/schema"
)

// ValidateStreamed keeps hashes and bit sets instead of the records, yet
// finds exactly the problems that reading the whole directory finds
// (ReadParquet validates the records as build does): same table, id,
// field, value and kind for each spoilt dataset, whether the rows come in
// one batch or in many (an id repeated across batches).
func TestValidateStreamedFindsWhatReadParquetFinds(t *testing.T) {
	firstQuoted := func(ds *Dataset) *schema.Response {
		for i := range ds.Responses {
			if r := &ds.Responses[i]; r.Observed == "responded" && len(r.Quotes) > 0 {
				r.Quotes = slices.Clone(r.Quotes)
				return r
			}
		}
		t.Fatal("no responded response with a quote")
		return nil
	}
	for _, c := range []struct {
		name  string
		spoil func(ds *Dataset)
		kinds []error
		// ambiguous is a kind of problem left out of the comparison: the
		// quotes of an id used twice belong to either response, and
		// ReadParquet gives them all to the first.
		ambiguous error
	}{
		{"a response id twice", func(ds *Dataset) {
			last := &ds.Responses[len(ds.Responses)-1] // in another batch than the first
			last.ResponseID = ds.Responses[0].ResponseID
			last.Quotes = slices.Clone(last.Quotes)
			for i := range last.Quotes {
				q := &last.Quotes[i]
				q.UnitID, q.QuoteID = last.ResponseID, fmt.Sprintf("%s-q%d", last.ResponseID, 10+i)
			}
		}, []error{schema.ErrDuplicateID}, schema.ErrUnevidenced},
		{"a quote id twice", func(ds *Dataset) {
			r := firstQuoted(ds)
			dup := r.Quotes[0]
			dup.Text = "Another passage."
			r.Quotes = append(r.Quotes, dup)
		}, []error{schema.ErrDuplicateID}, nil},
		{"a quote of a source its response does not cite", func(ds *Dataset) {
			r := firstQuoted(ds)
			for _, s := range ds.Sources {
				if !slices.Contains(r.Sources, s.SourceID) {
					r.Quotes[0].SourceID = s.SourceID
					return
				}
			}
		}, nil, nil},
		{"a strategy no quote evidences", func(ds *Dataset) {
			r := firstQuoted(ds)
			for j := range r.Quotes {
				r.Quotes[j].Codes = slices.DeleteFunc(slices.Clone(r.Quotes[j].Codes), func(c string) bool { return c == r.Strategies[0] })
			}
		}, []error{schema.ErrUnevidenced}, nil},
		{"a quote naming a strategy its response lacks", func(ds *Dataset) {
			r := firstQuoted(ds)
			for _, c := range ds.codebook().MustVariable(schema.TableResponses, "strategies").Codes() {
				if !slices.Contains(r.Strategies, c) {
					r.Quotes[0].Codes = append(slices.Clone(r.Quotes[0].Codes), c)
					return
				}
			}
		}, nil, nil},
		{"an unknown strategy", func(ds *Dataset) {
			r := firstQuoted(ds)
			r.Strategies = append(slices.Clone(r.Strategies), "evidence_rejektion")
		}, []error{schema.ErrUnknownCode}, nil},
		{"an accusation nobody answers", func(ds *Dataset) {
			a := ds.Accusations[len(ds.Accusations)-1].AccusationID
			ds.Responses = slices.DeleteFunc(ds.Responses, func(r schema.Response) bool { return r.RespondsTo == a })
		}, []error{schema.ErrUnanswered}, nil},
	} {
		for _, batch := range []int{streamBatch, 50} {
			t.Run(fmt.Sprintf("%s/batches of %d", c.name, batch), func(t *testing.T) {
				defer func(n int) { streamBatch = n }(streamBatch)
				streamBatch = batch
				ds := MustDefault()
				ds.Responses = slices.Clone(ds.Responses)
				c.spoil(ds)
				dir := t.TempDir()
				if _, err := ds.WriteParquet(dir); err != nil {
					t.Fatal(err)
				}
				_, whole := ReadParquet(dir)
				small, err := ReadParquetTables(dir, schema.TableCases, schema.TableAccusations, schema.TableSources)
				if err != nil {
					t.Fatal(err)
				}
				streamed := ValidateStreamed(dir, small)
				want, got := problemKeys(t, whole), problemKeys(t, streamed)
				if c.ambiguous != nil {
					ambiguous := func(k string) bool { return strings.HasSuffix(k, " "+c.ambiguous.Error()) }
					want, got = slices.DeleteFunc(want, ambiguous), slices.DeleteFunc(got, ambiguous)
				}
				if len(want) == 0 {
					t.Fatal("reading the whole directory finds nothing wrong: the spoiler spoils nothing")
				}
				if !slices.Equal(got, want) {
					t.Errorf("ValidateStreamed finds\n%q\nReadParquet finds\n%q", got, want)
				}
				for _, kind := range c.kinds {
					if !slices.ContainsFunc(got, func(k string) bool { return strings.HasSuffix(k, " "+kind.Error()) }) {
						t.Errorf("no %v among %q", kind, got)
					}
				}
			})
		}
	}
}

// problemKeys lists the table, id, field, value and kind of each problem
// in err, sorted.
func problemKeys(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var list schema.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("not a list of problems: %v", err)
	}
	var keys []string
	for _, p := range list {
		keys = append(keys, fmt.Sprintf("%s %s %s %q %v", p.Table, p.ID, p.Field, p.Value, p.Err))
	}
	slices.Sort(keys)
	return keys
}
