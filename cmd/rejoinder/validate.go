package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/dataset"
)

func newValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate [DIR]",
		Short: "Check records against the codebook and list every problem",
		Long: `validate reads a directory of YAML record files (or Parquet files written by
build) and checks every record against the codebook: allowed codes, country
codes, sources, ids and references, dates. It lists every problem at once,
each with file:line:column, the record, the field, the bad value and what is
allowed, and exits with status 1 if there is any. Without DIR it checks the
embedded dataset.`,
		Example: `  rejoinder validate dataset/records
  rejoinder validate out/`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			dir := ""
			if len(a) == 1 {
				dir = a[0]
			}
			ds, err := loadData(dir)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "valid: %d cases, %d accusations, %d responses, %d quotes, %d sources (dataset %s, codebook %s)\n",
				len(ds.Cases), len(ds.Accusations), len(ds.Responses), len(ds.Quotes()), len(ds.Sources), ds.Meta.Version, ds.Codebook.Version)
			return nil
		},
	}
}

// loadData loads the dataset in dir, or the embedded one when dir is "".
func loadData(dir string) (*dataset.Dataset, error) {
	if dir == "" {
		return dataset.Default()
	}
	return dataset.Load(dir)
}
