package analysis

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/frame"
	"github.com/rejoinder/rejoinder/internal/interoptest"
)

func TestKnownStatsSkipsUnknown(t *testing.T) {
	nan := math.NaN()
	df, err := frame.New(
		series.New([]string{"USA", "USA", "USA", "USA", "GBR", "GBR", "DEU"}, series.String, "accuser"),
		series.New([]float64{1, nan, 3, 100, nan, 4, nan}, series.Float, "lag_days"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := KnownStats(df, "lag_days", "accuser")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		accuser                string
		known, unknown         int
		median, mean, min, max float64
	}{
		{"DEU", 0, 1, nan, nan, nan, nan},
		{"GBR", 1, 1, 4, 4, 4, 4},
		{"USA", 3, 1, 3, 104.0 / 3, 1, 100}, // gota's own median of this group: 51.5
	}
	if got.Nrow() != len(tests) {
		t.Fatalf("%d groups:\n%v", got.Nrow(), got)
	}
	same := func(a, b float64) bool { return (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) < 1e-9 }
	for i, tt := range tests {
		row := []float64{got.Col("median").Elem(i).Float(), got.Col("mean").Elem(i).Float(), got.Col("min").Elem(i).Float(), got.Col("max").Elem(i).Float()}
		known, _ := got.Col("known").Elem(i).Int()
		unknown, _ := got.Col("unknown").Elem(i).Int()
		if got.Col("accuser").Elem(i).String() != tt.accuser || known != tt.known || unknown != tt.unknown ||
			!same(row[0], tt.median) || !same(row[1], tt.mean) || !same(row[2], tt.min) || !same(row[3], tt.max) {
			t.Errorf("row %d: %s known %d unknown %d %v; want %+v", i, got.Col("accuser").Elem(i), known, unknown, row, tt)
		}
	}
	if _, err := KnownStats(df, "lag", "accuser"); err == nil {
		t.Error("a missing column was accepted")
	}
	if _, err := KnownStats(df, "accuser"); err == nil {
		t.Error("a text column was accepted")
	}
}

// The median lag by accuser agrees with DuckDB's over the same responses,
// written to CSV with the unknown lags as empty fields.
func TestKnownStatsMatchesDuckDB(t *testing.T) {
	ds := dataset.MustDefault()
	df, err := Responses(ds)
	if err != nil {
		t.Fatal(err)
	}
	got, err := KnownStats(df, "lag_days", "accuser")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "lags.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"accuser", "lag_days"})
	lags, nan := df.Col("lag_days").Float(), df.Col("lag_days").IsNaN()
	for i, a := range df.Col("accuser").Records() {
		v := ""
		if !nan[i] && !math.IsNaN(lags[i]) {
			v = strconv.FormatFloat(lags[i], 'f', -1, 64)
		}
		w.Write([]string{a, v})
	}
	w.Flush()
	f.Close()
	var peer []struct {
		Key    string   `json:"key"`
		Known  int      `json:"known"`
		Median *float64 `json:"median"`
		Mean   *float64 `json:"mean"`
	}
	interoptest.RunJSON(t, "duckdb_known_stats.mjs", "@duckdb/node-api", &peer, path, "accuser", "lag_days")
	if len(peer) != got.Nrow() {
		t.Fatalf("DuckDB has %d groups, KnownStats %d", len(peer), got.Nrow())
	}
	for i, p := range peer {
		known, _ := got.Col("known").Elem(i).Int()
		median, mean := got.Col("median").Elem(i).Float(), got.Col("mean").Elem(i).Float()
		if got.Col("accuser").Elem(i).String() != p.Key || known != p.Known ||
			(p.Median == nil) != math.IsNaN(median) || (p.Median != nil && math.Abs(*p.Median-median) > 1e-9) ||
			(p.Mean != nil && math.Abs(*p.Mean-mean) > 1e-9) {
			t.Errorf("group %d: KnownStats %s known %d median %v mean %v; DuckDB %+v", i, got.Col("accuser").Elem(i), known, median, mean, p)
		}
	}
}
