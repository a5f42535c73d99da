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
	"github.com/rejoinder/rejoinder/schema"
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
			var df dataframe.DataFrame
			var err error
			if evidence {
				df, err = caseEvidence(dataDir, a[0], a[1])
			} else {
				df, err = compareCases(dataDir, a[0], a[1])
			}
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

// compareCases compares two cases of the data in dir. From a Parquet
// directory it reads the small tables whole (validated) and, of the
// responses, only the columns the comparison needs, with the checks of
// analysis.ReadColumnsWhere, rather than loading and validating every
// table (the quotes are most of a large directory).
func compareCases(dir, a, b string) (dataframe.DataFrame, error) {
	if !dataset.IsParquetDir(dir) {
		ds, err := loadData(dir)
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		return analysis.CompareCases(ds, a, b)
	}
	small, err := dataset.ReadParquetTables(dir, schema.TableCases, schema.TableAccusations, schema.TableSources)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	c, err := analysis.ReadColumnsWhere(dir, analysis.Filter{Cases: []string{a, b}})
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	return analysis.CompareCasesWith(small, c, a, b)
}

// caseEvidence lists the quotes behind each code of two cases' responses.
func caseEvidence(dir, a, b string) (dataframe.DataFrame, error) {
	ds, err := loadData(dir)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	return analysis.Evidence(ds, a, b)
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
