package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/dataset"
)

func newValidateCmd() *cobra.Command {
	var dataDir string
	var uncoded bool
	cmd := &cobra.Command{
		Use:   "validate [--data DIR] [--uncoded]",
		Short: "Check records against the codebook and list every problem",
		Long: `validate reads a directory of YAML record files (*.yaml or *.yml, in
subdirectories too; any other file there is an error, hidden files aside), or
the Parquet files written by build, and checks every record against the codebook: allowed codes, country
codes, sources, ids and references, dates. It lists every problem at once,
each with file:line:column, the record, the field, the bad value and what is
allowed, and exits with status 1 if there is any. Without --data it checks
the embedded dataset. The directory may also be given as an argument
(validate DIR), as earlier versions required. With --uncoded, a record may
leave blank the variables the coders fill in (a case added for a coding
round, as the coding commands read it); every other rule still holds.`,
		Example: `  rejoinder validate --data dataset/records
  rejoinder validate --data out/
  rejoinder validate --data staging/records --uncoded`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			dir, err := dataDirArg(dataDir, a)
			if err != nil {
				return err
			}
			load := loadData
			if uncoded {
				load = loadCodingData
			}
			ds, err := load(dir)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "valid: %d cases, %d accusations, %d responses, %d quotes, %d sources (dataset %s, codebook %s)\n",
				len(ds.Cases), len(ds.Accusations), len(ds.Responses), len(ds.Quotes()), len(ds.Sources), ds.Meta.Version, ds.Codebook.Version)
			return nil
		},
	}
	cmd.Flags().StringVar(&dataDir, "data", "", "directory of YAML records or Parquet files (default: the embedded dataset)")
	cmd.Flags().BoolVar(&uncoded, "uncoded", false, "allow blank coded variables (records waiting for their coding round)")
	return cmd
}

// dataDirArg reconciles --data with a directory given as the positional
// argument (the older form, kept working): either may be used, both only
// when they name the same directory.
func dataDirArg(flag string, positional []string) (string, error) {
	if len(positional) == 0 {
		return flag, nil
	}
	dir := positional[0]
	if flag != "" && filepath.Clean(flag) != filepath.Clean(dir) {
		return "", usageError{fmt.Errorf("two data directories: --data %q and argument %q (give one)", flag, dir)}
	}
	return dir, nil
}

// loadData loads the dataset in dir, or the embedded one when dir is "".
// loadCodingData reads the dataset a coding command works on: records
// whose coded variables may still be blank (dataset.LoadUncoded).
func loadCodingData(dir string) (*dataset.Dataset, error) {
	if dir == "" {
		return dataset.Default()
	}
	return dataset.LoadUncoded(dir)
}

func loadData(dir string) (*dataset.Dataset, error) {
	if dir == "" {
		return dataset.Default()
	}
	return dataset.Load(dir)
}
