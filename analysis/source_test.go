package analysis

import (
	"errors"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"

	"github.com/rejoinder/rejoinder/dataset"
)

// Every analysis is one function over a Source: the records, their
// columns and the Parquet files written from them give the same table.
func TestSourcesAgree(t *testing.T) {
	ds := dataset.MustDefault()
	dir := t.TempDir()
	if _, err := ds.WriteParquet(dir); err != nil {
		t.Fatal(err)
	}
	cols := ColumnsOf(ds)
	f := Filter{Responders: []string{"RUS", "PRK"}}
	// call dispatches a Source held as any to a generic analysis.
	call := func(src any, do func(*dataset.Dataset) (dataframe.DataFrame, error), doC func(*Columns) (dataframe.DataFrame, error), doP func(Parquet) (dataframe.DataFrame, error)) (dataframe.DataFrame, error) {
		switch v := src.(type) {
		case *dataset.Dataset:
			return do(v)
		case *Columns:
			return doC(v)
		}
		return doP(src.(Parquet))
	}
	profile := ProfileOptions{By: ByCase, Scheme: Scheme4D, Filter: f}
	cooc := CoOccurrenceOptions{Filter: f, By: ByResponder, With: "denial"}
	kwic := KWICOptions{Pattern: "(?i)provocation", Window: 3, Filter: f}
	cases := map[string]func(any) (dataframe.DataFrame, error){
		"Profile": func(s any) (dataframe.DataFrame, error) {
			return call(s, func(v *dataset.Dataset) (dataframe.DataFrame, error) { return Profile(v, profile) },
				func(v *Columns) (dataframe.DataFrame, error) { return Profile(v, profile) },
				func(v Parquet) (dataframe.DataFrame, error) { return Profile(v, profile) })
		},
		"CoOccurrences": func(s any) (dataframe.DataFrame, error) {
			return call(s, func(v *dataset.Dataset) (dataframe.DataFrame, error) { return CoOccurrences(v, cooc) },
				func(v *Columns) (dataframe.DataFrame, error) { return CoOccurrences(v, cooc) },
				func(v Parquet) (dataframe.DataFrame, error) { return CoOccurrences(v, cooc) })
		},
		"EvidenceStrategies": func(s any) (dataframe.DataFrame, error) {
			return call(s, func(v *dataset.Dataset) (dataframe.DataFrame, error) { return EvidenceStrategies(v, f) },
				func(v *Columns) (dataframe.DataFrame, error) { return EvidenceStrategies(v, f) },
				func(v Parquet) (dataframe.DataFrame, error) { return EvidenceStrategies(v, f) })
		},
		"Dynamics": func(s any) (dataframe.DataFrame, error) {
			return call(s, func(v *dataset.Dataset) (dataframe.DataFrame, error) { return Dynamics(v, f) },
				func(v *Columns) (dataframe.DataFrame, error) { return Dynamics(v, f) },
				func(v Parquet) (dataframe.DataFrame, error) { return Dynamics(v, f) })
		},
		"SimilarityMatrix": func(s any) (dataframe.DataFrame, error) {
			return call(s, func(v *dataset.Dataset) (dataframe.DataFrame, error) { return SimilarityMatrix(v, Cosine, f) },
				func(v *Columns) (dataframe.DataFrame, error) { return SimilarityMatrix(v, Cosine, f) },
				func(v Parquet) (dataframe.DataFrame, error) { return SimilarityMatrix(v, Cosine, f) })
		},
		"Nearest": func(s any) (dataframe.DataFrame, error) {
			return call(s, func(v *dataset.Dataset) (dataframe.DataFrame, error) {
				return Nearest(v, "rus-skripal-2018", Jaccard, 3, f)
			},
				func(v *Columns) (dataframe.DataFrame, error) { return Nearest(v, "rus-skripal-2018", Jaccard, 3, f) },
				func(v Parquet) (dataframe.DataFrame, error) { return Nearest(v, "rus-skripal-2018", Jaccard, 3, f) })
		},
		"ClusterOrder": func(s any) (dataframe.DataFrame, error) {
			return call(s, func(v *dataset.Dataset) (dataframe.DataFrame, error) { return ClusterOrder(v, Jaccard, f) },
				func(v *Columns) (dataframe.DataFrame, error) { return ClusterOrder(v, Jaccard, f) },
				func(v Parquet) (dataframe.DataFrame, error) { return ClusterOrder(v, Jaccard, f) })
		},
		"KWIC": func(s any) (dataframe.DataFrame, error) {
			return call(s, func(v *dataset.Dataset) (dataframe.DataFrame, error) { return KWIC(v, kwic) },
				func(v *Columns) (dataframe.DataFrame, error) { return KWIC(v, kwic) },
				func(v Parquet) (dataframe.DataFrame, error) { return KWIC(v, kwic) })
		},
	}
	for name, g := range cases {
		var got [3]string
		for i, src := range []any{ds, cols, Parquet(dir)} {
			df, err := g(src)
			if err != nil {
				t.Fatalf("%s, source %d: %v", name, i, err)
			}
			if df.Nrow() == 0 {
				t.Errorf("%s, source %d: no rows, the comparison checks nothing", name, i)
			}
			got[i] = df.String() + strings.Join(df.Names(), ",")
		}
		if got[0] != got[1] || got[0] != got[2] {
			t.Errorf("%s differs by source:\nrecords  %s\ncolumns  %s\nparquet  %s", name, got[0], got[1], got[2])
		}
	}
}

// A record appended by hand without the ids the loader fills in is
// refused by every analysis, not left out of its counts.
func TestAnalysesRefuseIncompleteRecords(t *testing.T) {
	ds := dataset.MustDefault()
	r := ds.Responses[0]
	r.ResponseID, r.CaseID = "hand-made-r1", ""
	ds.Responses = append(ds.Responses, r)
	for name, run := range map[string]func() error{
		"Profile":       func() error { _, err := Profile(ds, ProfileOptions{}); return err },
		"CoOccurrences": func() error { _, err := CoOccurrences(ds, CoOccurrenceOptions{}); return err },
		"Dynamics":      func() error { _, err := Dynamics(ds, Filter{}); return err },
		"Nearest":       func() error { _, err := Nearest(ds, "rus-skripal-2018", Jaccard, 1, Filter{}); return err },
		"KWIC":          func() error { _, err := KWIC(ds, KWICOptions{Pattern: "x"}); return err },
	} {
		if err := run(); !errors.Is(err, dataset.ErrIncomplete) {
			t.Errorf("%s: %v, want ErrIncomplete", name, err)
		}
	}
	var nilDS *dataset.Dataset
	if _, err := Profile(nilDS, ProfileOptions{}); err == nil {
		t.Error("a nil dataset profiled")
	}
}

func TestParseOptionNames(t *testing.T) {
	if g, err := ParseGrouping("organ"); g != ByOrgan || err != nil {
		t.Errorf("organ: %q %v", g, err)
	}
	if s, err := ParseScheme("4d"); s != Scheme4D || err != nil {
		t.Errorf("4d: %q %v", s, err)
	}
	if m, err := ParseMetric("cosine"); m != Cosine || err != nil {
		t.Errorf("cosine: %q %v", m, err)
	}
	for _, tt := range []struct {
		err  error
		kind error
		want string
	}{
		{func() error { _, err := ParseGrouping("continent"); return err }(), ErrBadGrouping, `"continent" (allowed: responder, case, accuser, year, instrument, organ, channel_type)`},
		{func() error { _, err := ParseScheme("5d"); return err }(), ErrBadScheme, `"5d" (allowed: codes, benoit, 4d)`},
		{func() error { _, err := ParseMetric("dice"); return err }(), ErrBadMetric, `"dice" (allowed: jaccard, cosine)`},
	} {
		if !errors.Is(tt.err, tt.kind) || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("%v, want %v with %s", tt.err, tt.kind, tt.want)
		}
	}
}
