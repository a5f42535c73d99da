package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
)

func newCompareCmd() *cobra.Command {
	var dataDir, format string
	var evidence bool
	cmd := &cobra.Command{
		Use:   "compare CASE_A CASE_B",
		Short: "Put two cases side by side",
		Long: `compare prints two cases side by side: accuser, instrument, evidence cited,
accusation date, first-response lag in days, number of responses, the organs
that spoke, the strategies each used, and the strategies they share.
--evidence prints instead, for each response of the two cases, every strategy
with the quotes that evidence it.`,
		Example: `  rejoinder compare prk-park-2018 rus-skripal-2018
  rejoinder compare prk-park-2018 rus-skripal-2018 --format json
  rejoinder compare prk-park-2018 rus-skripal-2018 --evidence --format csv`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			ds, err := loadData(dataDir)
			if err != nil {
				return err
			}
			compare := analysis.CompareCases
			if evidence {
				compare = func(ds *dataset.Dataset, x, y string) (dataframe.DataFrame, error) {
					return analysis.Evidence(ds, x, y)
				}
			}
			df, err := compare(ds, a[0], a[1])
			if err != nil {
				return err
			}
			return exports.WriteFrame(cmd.OutOrStdout(), df, format)
		},
	}
	addResultFlags(cmd, &dataDir, &format)
	cmd.Flags().BoolVar(&evidence, "evidence", false, "list each strategy of each response with the quotes that evidence it")
	return cmd
}

// addResultFlags adds the flags every result-printing command shares.
func addResultFlags(cmd *cobra.Command, dataDir, format *string) {
	cmd.Flags().StringVar(dataDir, "data", "", "directory of YAML records or Parquet files (default: the embedded dataset)")
	cmd.Flags().StringVar(format, "format", exports.FormatTable, "output format: "+strings.Join(exports.Formats, ", "))
}

func checkFormat(format string) error {
	if !slices.Contains(exports.Formats, format) {
		return usageError{fmt.Errorf("unknown --format %q (allowed: %s)", format, strings.Join(exports.Formats, ", "))}
	}
	return nil
}
