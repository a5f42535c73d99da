package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/outdir"
)

func newImportCmd() *cobra.Command {
	var out, dataDir string
	var wait time.Duration
	cmd := &cobra.Command{
		Use:   "import csv --data DIR --out DIR",
		Short: "Validate CSV tables (as export csv writes them) and write them as Parquet",
		Long: `import csv reads a directory of CSV tables in the layout 'rejoinder export csv'
writes (a researcher's own spreadsheet work, say): cases.csv, accusations.csv,
responses.csv, quotes.csv and sources.csv, with datapackage.json for the
metadata when present. Tables written by 'export csv --excel' carry
excel-csv.json instead: import then removes exactly the apostrophes and
="…" wrappers that export added, so the text comes back as it was. It checks every row against the codebook and reports
every problem with file, line and column; only valid data are written, as
one Parquet file per table, like build, and as one unit: a failed or killed
import leaves the previous files, never a mix. Nothing is dropped on the way: a
header column the table does not have, a column named twice and text that
is not UTF-8 (save the files as UTF-8, not Latin-1) are errors. The CSV directory may also be given
as an argument after csv (import csv DIR), as earlier versions required.`,
		Example: `  rejoinder export csv --out tables/
  # ...edit tables/*.csv in a spreadsheet program...
  rejoinder import csv --data tables/ --out parquet/`,
		Args: args(cobra.RangeArgs(1, 2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			if a[0] != "csv" {
				return usageError{fmt.Errorf("unknown import format %q (allowed: csv)", a[0])}
			}
			dir, err := dataDirArg(dataDir, a[1:])
			if err != nil {
				return err
			}
			if dir == "" {
				return usageError{fmt.Errorf("--data is required: the directory of CSV tables")}
			}
			if out == "" {
				return usageError{fmt.Errorf("--out is required")}
			}
			if err := outdir.CheckDir(out); err != nil {
				return err
			}
			lock, err := lockOutput(cmd, out, wait)
			if err != nil {
				return err
			}
			defer lock.Unlock()
			var paths []string
			err = outdir.Replace(out, func(staging string) error {
				written, err := dataset.ImportCSV(dir, staging)
				paths = outdir.Rebase(written, staging, out)
				return err
			}, replacedParquet)
			if err != nil {
				return err
			}
			for _, p := range paths {
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", p)
			}
			return err
		},
	}
	cmd.Flags().StringVar(&dataDir, "data", "", "the directory of CSV tables to import")
	cmd.Flags().StringVar(&out, "out", "", "the directory to write the Parquet files to")
	addWaitFlag(cmd, &wait)
	return cmd
}
