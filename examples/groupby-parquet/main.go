// Groupby-parquet runs a group-by of one's own on the Parquet files that
// `rejoinder build` writes: the responses table as a gota DataFrame (the
// columns and types of its Arrow schema, lists joined with "; "), a derived
// column, and gota's GroupBy. It prints, per organ that spoke, the observed
// responses and the mean number of strategies per response, as CSV.
//
//	rejoinder build --out data/ && go run ./examples/groupby-parquet data/
//
// Without an argument it writes the embedded dataset's Parquet files to a
// temporary directory first.
package main

import (
	"log"
	"os"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
)

func main() {
	dir := ""
	if len(os.Args) > 1 {
		dir = os.Args[1]
	} else {
		tmp, err := os.MkdirTemp("", "rejoinder-parquet-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		if _, err := dataset.MustDefault().WriteParquet(tmp); err != nil {
			log.Fatal(err)
		}
		dir = tmp
	}
	responses, err := analysis.TableParquet(dir, "responses")
	if err != nil {
		log.Fatal(err)
	}
	responded := responses.Filter(dataframe.F{Colname: "observed", Comparator: series.Eq, Comparando: "responded"})
	// A derived column: how many strategies each response uses.
	var n []int
	for _, s := range responded.Col("strategies").Records() {
		n = append(n, len(strings.Split(s, dataset.CSVListSeparator)))
	}
	responded = responded.Mutate(series.New(n, series.Int, "n_strategies"))
	byOrgan := responded.GroupBy("organ").Aggregation(
		[]dataframe.AggregationType{dataframe.Aggregation_COUNT, dataframe.Aggregation_MEAN},
		[]string{"response_id", "n_strategies"}).
		Rename("responses", "response_id_COUNT").
		Rename("mean_strategies", "n_strategies_MEAN").
		Arrange(dataframe.Sort("organ"))
	if byOrgan.Err != nil {
		log.Fatal(byOrgan.Err)
	}
	if err := exports.WriteFrame(os.Stdout, byOrgan.Select([]string{"organ", "responses", "mean_strategies"}), exports.FormatCSV); err != nil {
		log.Fatal(err)
	}
}
