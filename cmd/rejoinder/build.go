package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/internal/outdir"
)

// WorkbookFile is the name of the workbook build writes.
const WorkbookFile = "rejoinder.xlsx"

func newBuildCmd() *cobra.Command {
	var dataDir, outDir, partition string
	var wait time.Duration
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Validate the dataset, then write Parquet, CSV, datapackage.json and the workbook",
		Long: `build validates the dataset and, only if it is valid, writes to the output
directory: one Parquet file per table (cases, accusations, responses, quotes,
sources; zstd, with the codebook and dataset versions and a content hash in
the file metadata), the same tables as CSV with a Frictionless Data Package
descriptor (datapackage.json, generated from the codebook), and the
comparison workbook rejoinder.xlsx. A build is one unit: every output is
written into a hidden directory beside the output directory, which replaces
it in one step when all are complete, so a failed or killed build leaves the
previous outputs intact, never a mix (other files in the output directory
are kept). A second build into the same directory waits for the first
(--wait). Parquet, CSV and JSON output is byte-identical for the same data.

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
			if err := outdir.CheckDir(outDir); err != nil {
				return err
			}
			if err := dataset.RefuseRecordsDir(outDir); err != nil {
				return err
			}
			ds, err := loadData(dataDir)
			if err != nil {
				return err
			}
			lock, err := lockOutput(cmd, outDir, wait)
			if err != nil {
				return err
			}
			defer lock.Unlock()
			var paths []string
			err = outdir.Replace(outDir, func(staging string) error {
				written, err := writeBuild(cmd, ds, staging, keys)
				paths = outdir.Rebase(written, staging, outDir)
				return err
			}, replacedParquet)
			if err != nil {
				return err
			}
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
	addWaitFlag(cmd, &wait)
	cmd.Flags().StringVar(&partition, "partition", "", "split the responses table into Hive partitions by these keys, e.g. responder,year")
	return cmd
}

// writeBuild writes every output of build into dir and returns their
// paths.
func writeBuild(cmd *cobra.Command, ds *dataset.Dataset, dir string, keys []string) ([]string, error) {
	paths, err := ds.WriteParquetPartitioned(dir, keys)
	if err != nil {
		return paths, err
	}
	codings, err := publishedCodings(ds)
	if err != nil {
		return paths, err
	}
	csvPaths, err := exports.WriteDataPackageWith(dir, ds, exports.PackageOptions{Codings: codings})
	paths = append(paths, csvPaths...)
	if err != nil {
		return paths, err
	}
	wbPath := filepath.Join(dir, WorkbookFile)
	opts := exports.WorkbookOptions{Warnings: cmd.ErrOrStderr(), Codings: codings, CodingRound: lastRound(codings)} // cells cut to Excel's limit
	if stderrIsTerminal() {
		opts.Progress = cmd.ErrOrStderr()
	}
	if err := exports.SaveWorkbook(wbPath, ds, opts); err != nil {
		return paths, err
	}
	return append(paths, wbPath), nil
}

// publishedCodings returns the codings published with the embedded
// dataset when ds is it (the same records, by content hash), and none for
// other data, whose codings are their owner's to add.
func publishedCodings(ds *dataset.Dataset) ([]coding.Coding, error) {
	embedded, err := dataset.Default()
	if err != nil || embedded.ContentHash() != ds.ContentHash() {
		return nil, nil
	}
	return coding.Published()
}

// lastRound is the latest coding round of codings (1 when there are none).
func lastRound(codings []coding.Coding) int {
	rounds := coding.Rounds(codings)
	if len(rounds) == 0 {
		return 1
	}
	return rounds[len(rounds)-1]
}
