package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/exports"
)

// WorkbookFile is the name of the workbook build writes.
const WorkbookFile = "rejoinder.xlsx"

func newBuildCmd() *cobra.Command {
	var dataDir, outDir string
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Validate the dataset, then write Parquet, CSV, datapackage.json and the workbook",
		Long: `build validates the dataset and, only if it is valid, writes to the output
directory: one Parquet file per table (cases, accusations, responses, quotes,
sources; zstd, with the codebook and dataset versions and a content hash in
the file metadata), the same tables as CSV with a Frictionless Data Package
descriptor (datapackage.json, generated from the codebook), and the
comparison workbook rejoinder.xlsx. Each file is
written to a temporary name and renamed, so an interrupted build leaves the
previous outputs intact. Parquet, CSV and JSON output is byte-identical for
the same data.`,
		Example: `  rejoinder build                       # embedded dataset → out/
  rejoinder build --data my-records --out build/`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ds, err := loadData(dataDir)
			if err != nil {
				return err
			}
			paths, err := ds.WriteParquet(outDir)
			if err != nil {
				return err
			}
			csvPaths, err := exports.WriteDataPackage(outDir, ds)
			if err != nil {
				return err
			}
			paths = append(paths, csvPaths...)
			wbPath := filepath.Join(outDir, WorkbookFile)
			var opts exports.WorkbookOptions
			if stderrIsTerminal() {
				opts.Progress = cmd.ErrOrStderr()
			}
			if err := exports.SaveWorkbook(wbPath, ds, opts); err != nil {
				return err
			}
			paths = append(paths, wbPath)
			for _, p := range paths {
				info, err := os.Stat(p)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (%d bytes)\n", p, info.Size())
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dataDir, "data", "", "directory of YAML records or Parquet files (default: the embedded dataset)")
	cmd.Flags().StringVar(&outDir, "out", "out", "output directory")
	return cmd
}
