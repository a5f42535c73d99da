package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/exports"
)

func newExportCmd() *cobra.Command {
	var dataDir, out, compare string
	cmd := &cobra.Command{
		Use:   "export xlsx|csv --out PATH",
		Short: "Write the dataset as an Excel workbook or as CSV files with a data package",
		Long: `export writes the dataset (the embedded one, or --data DIR) in one form:
  xlsx  the researcher's workbook (--out is the file); --compare A,B picks the
        two cases of its Comparison sheet (the seed pair by default)
  csv   one RFC 4180 CSV file per table plus datapackage.json (--out is a
        directory)`,
		Example: `  rejoinder export xlsx --out rejoinder.xlsx --compare prk-sony-2014,rus-opcw-2018
  rejoinder export csv --data /tmp/syn --out /tmp/syn-csv`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
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
			if a[0] != "xlsx" && a[0] != "csv" {
				return usageError{fmt.Errorf("unknown export format %q (allowed: xlsx, csv)", a[0])}
			}
			ds, err := loadData(dataDir)
			if err != nil {
				return err
			}
			if a[0] == "xlsx" {
				if err := exports.SaveWorkbook(out, ds, opts); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", out)
				return nil
			}
			paths, err := exports.WriteDataPackage(out, ds)
			for _, p := range paths {
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", p)
			}
			return err
		},
	}
	cmd.Flags().StringVar(&dataDir, "data", "", "directory of YAML records or Parquet files (default: the embedded dataset)")
	cmd.Flags().StringVar(&out, "out", "", "output file (xlsx) or directory (csv)")
	cmd.Flags().StringVar(&compare, "compare", "", "xlsx: the two cases of the Comparison sheet, as A,B")
	return cmd
}
