package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
)

// WorkbookFile is the name of the workbook build writes.
const WorkbookFile = "rejoinder.xlsx"

func newBuildCmd() *cobra.Command {
	var dataDir, outDir, partition string
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
the same data.

--partition responder,year writes the responses instead as a Hive-partitioned
directory, responses/responder=PRK/year=2018/part-0.parquet, which DuckDB,
Spark and BigQuery read as one table and from which rejoinder's analyses
read only the partitions a filter selects. Keys: ` + strings.Join(dataset.PartitionKeys(), ", ") + `.`,
		Example: `  rejoinder build                       # embedded dataset → out/
  rejoinder build --data my-records --out build/
  rejoinder build --partition responder,year --out parts/`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			keys, err := dataset.ParsePartitionKeys(partition)
			if err != nil {
				return usageError{fmt.Errorf("--partition: %w", err)}
			}
			if err := dataset.RefuseRecordsDir(outDir); err != nil {
				return err
			}
			ds, err := loadData(dataDir)
			if err != nil {
				return err
			}
			paths, err := ds.WriteParquetPartitioned(outDir, keys)
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
	cmd.Flags().StringVar(&partition, "partition", "", "split the responses table into Hive partitions by these keys, e.g. responder,year")
	return cmd
}
