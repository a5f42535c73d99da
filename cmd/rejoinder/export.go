package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
)

func newExportCmd() *cobra.Command {
	var dataDir, out, compare, codingsFile string
	var excel bool
	var wait time.Duration
	cmd := &cobra.Command{
		Use:   "export xlsx|csv|arrow --out PATH",
		Short: "Write the dataset as an Excel workbook, CSV files or Arrow files",
		Long: `export writes the dataset (the embedded one, or --data DIR) in one form:
  xlsx   the researcher's workbook (--out is the file); --compare A,B picks the
         two cases of its Comparison sheet (the seed pair by default)
  csv    one RFC 4180 CSV file per table (UTF-8) plus datapackage.json (--out is
         a directory); --excel writes for spreadsheet programs: a byte-order
         mark, an apostrophe before any cell that starts with =, +, -, @, tab
         or CR, and text made of digits (CAMEO codes such as 016) as ="016" so
         that it stays text, and an apostrophe before a cell that starts with
         one; instead of a data package it writes excel-csv.json, so that
         import csv removes exactly what was added
  arrow  one Arrow IPC file (Feather v2) per table, for R, pandas or polars
Output bytes are the same for the same data (set SOURCE_DATE_EPOCH to fix the
workbook's timestamps too). Large workbooks show progress on a terminal. Two
exports to the same --out never interleave: the second waits for the first
(--wait).`,
		Example: `  rejoinder export xlsx --out rejoinder.xlsx --compare prk-sony-2014,rus-opcw-2018
  rejoinder export csv --excel --out csv-for-excel/
  rejoinder export arrow --data /tmp/syn --out /tmp/syn-arrow`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) (err error) {
			if out == "" {
				return usageError{fmt.Errorf("--out is required")}
			}
			var opts exports.WorkbookOptions
			if compare != "" {
				pair := strings.Split(compare, ",")
				if len(pair) != 2 || pair[0] == "" || pair[1] == "" {
					return usageError{fmt.Errorf("--compare takes two case ids separated by a comma, not %q", compare)}
				}
				opts.Compare = [2]string{pair[0], pair[1]}
			}
			if a[0] != "xlsx" && a[0] != "csv" && a[0] != "arrow" {
				return usageError{fmt.Errorf("unknown export format %q (allowed: xlsx, csv, arrow)", a[0])}
			}
			if excel && a[0] != "csv" {
				return usageError{fmt.Errorf("--excel goes with csv")}
			}
			if stderrIsTerminal() {
				opts.Progress = cmd.ErrOrStderr()
			}
			opts.Warnings = cmd.ErrOrStderr() // cells cut to Excel's limit
			if codingsFile != "" {
				if a[0] != "xlsx" {
					return usageError{fmt.Errorf("--codings goes with xlsx")}
				}
				if opts.Codings, err = coding.ReadCodings(codingsFile); err != nil {
					return err
				}
				if len(opts.Codings) == 0 {
					return fmt.Errorf("%s: no codings", codingsFile)
				}
			}
			if a[0] == "xlsx" && dataset.IsParquetDir(dataDir) {
				lock, err := lockOutput(cmd, out, wait)
				if err != nil {
					return err
				}
				defer lock.Unlock()
				// Stream the big tables: memory stays flat however many rows.
				if err := exports.SaveWorkbookFromParquet(out, dataDir, opts); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", out)
				return nil
			}
			ds, err := loadData(dataDir)
			if err != nil {
				return err
			}
			var published []coding.Coding // the embedded dataset's codings, as build ships them
			if codingsFile == "" {
				if published, err = publishedCodings(ds); err != nil {
					return err
				}
				if a[0] == "xlsx" && len(published) > 0 {
					opts.Codings, opts.CodingRound = published, lastRound(published)
				}
			}
			lock, err := lockOutput(cmd, out, wait)
			if err != nil {
				return err
			}
			defer lock.Unlock()
			var paths []string
			switch {
			case a[0] == "xlsx":
				if err = exports.SaveWorkbook(out, ds, opts); err == nil {
					paths = []string{out}
				}
			case a[0] == "arrow":
				paths, err = exports.WriteArrow(out, ds)
			case excel:
				paths, err = exports.WriteExcelCSV(out, ds)
			default:
				paths, err = exports.WriteDataPackageWith(out, ds, exports.PackageOptions{Codings: published})
			}
			for _, p := range paths {
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", p)
			}
			return err
		},
	}
	cmd.Flags().StringVar(&dataDir, "data", "", "directory of YAML records or Parquet files (default: the embedded dataset)")
	cmd.Flags().StringVar(&out, "out", "", "output file (xlsx) or directory (csv)")
	cmd.Flags().StringVar(&compare, "compare", "", "xlsx: the two cases of the Comparison sheet, as A,B")
	cmd.Flags().StringVar(&codingsFile, "codings", "", "xlsx: a codings file (rejoinder coding import) for a Reliability sheet (default for the embedded dataset: its published codings)")
	addWaitFlag(cmd, &wait)
	cmd.Flags().BoolVar(&excel, "excel", false, "csv: write for spreadsheet programs (BOM, formula-like cells prefixed with ', codes such as 016 as =\"016\")")
	return cmd
}

// stderrIsTerminal reports whether standard error is a terminal, where
// progress messages help; in pipes and logs they would be noise.
func stderrIsTerminal() bool {
	info, err := os.Stderr.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
