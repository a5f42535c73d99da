package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/coding"
)

func newCodingCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "coding template|import|reconcile",
		Short: "Hand coders a workbook and take their codings back",
		Long: `coding runs the coding loop in spreadsheets:
  template  writes a workbook for one coder: the text to judge (protected) and
            one column per coded variable with the codebook's codes as
            drop-downs, plus instructions generated from the codebook
  import    checks filled workbooks cell by cell, lists every problem with
            file, sheet, cell, value and allowed values, and adds the codings
            to a long-format Parquet file (unit_id, variable, coder, round,
            value); importing the same file again changes nothing
  reconcile settles the codings into a gold coding by majority vote (ties go
            to an adjudicator's workbook) and lists every disagreement`,
		Example: `  rejoinder coding template --coder alice --out alice.xlsx
  rejoinder coding import alice.xlsx bob.xlsx --out codings.parquet
  rejoinder reliability codings.parquet`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageError{fmt.Errorf("coding needs a subcommand: template or import")}
		},
	}
	cmd.AddCommand(newCodingTemplateCmd(), newCodingImportCmd(), newCodingReconcileCmd())
	return cmd
}

func newCodingTemplateCmd() *cobra.Command {
	var dataDir, coder, table, units, out string
	var round int
	var all, suggestions bool
	cmd := &cobra.Command{
		Use:   "template --coder NAME --out FILE.xlsx",
		Short: "Write a coding workbook for one coder",
		Long: `template writes a coding workbook for one coder: a Coding sheet with the text to
judge (grey, protected) and a drop-down per coded variable, Instructions
generated from the codebook (with the coder's name and what is required), and
hidden sheets the import reads. The model's suggested codes are left out
unless --suggestions: suggestions both coders see inflate their agreement.`,
		Example: "  rejoinder coding template --coder alice --units prk-park-2018-r1,rus-skripal-2018-r15 --out alice.xlsx",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if coder == "" || out == "" {
				return usageError{fmt.Errorf("--coder and --out are required")}
			}
			if all && units != "" {
				return usageError{fmt.Errorf("give --units or --all, not both")}
			}
			ds, err := loadCodingData(dataDir)
			if err != nil {
				return err
			}
			opts := coding.TemplateOptions{Coder: coder, Table: table, Round: round, Suggestions: suggestions}
			if units != "" {
				opts.Units = strings.Split(units, ",")
			}
			if err := coding.SaveTemplate(out, ds, opts); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", out)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&dataDir, "data", "", "directory of YAML records or Parquet files (default: the embedded dataset)")
	fl.StringVar(&coder, "coder", "", "the coder's name")
	fl.StringVar(&table, "table", "responses", "what to code: responses or accusations")
	fl.StringVar(&units, "units", "", "comma-separated ids to code (default: all)")
	fl.BoolVar(&all, "all", false, "code every unit of the table (the default)")
	fl.IntVar(&round, "round", 1, "the coding round")
	fl.BoolVar(&suggestions, "suggestions", false, "show the model's suggested codes, with probabilities, in a column (hidden by default: they inflate agreement)")
	fl.StringVar(&out, "out", "", "the workbook to write")
	return cmd
}

// limitFlags are the flags that set coding.Limits: how big a workbook
// import will read (see README, Resource limits).
type limitFlags struct {
	fileMB, unzippedMB, partMB int64
	parts, rows, columns       int
	cellChars                  int
	sharedStrings              int
}

func (lf *limitFlags) add(cmd *cobra.Command) {
	d := coding.DefaultLimits
	fl := cmd.Flags()
	fl.Int64Var(&lf.fileMB, "max-file-mb", d.FileBytes>>20, "refuse a workbook file larger than this (MB)")
	fl.Int64Var(&lf.unzippedMB, "max-unzipped-mb", d.UnzippedBytes>>20, "refuse a workbook whose parts add up to more than this uncompressed (MB)")
	fl.Int64Var(&lf.partMB, "max-part-mb", d.PartBytes>>20, "refuse a workbook with any one part (sheet, shared strings) larger than this uncompressed (MB)")
	fl.IntVar(&lf.parts, "max-parts", d.Parts, "refuse a workbook of more parts than this")
	fl.IntVar(&lf.rows, "max-rows", d.Rows, "refuse a sheet of more rows than this")
	fl.IntVar(&lf.columns, "max-columns", d.Columns, "refuse a sheet row whose last cell is in a column further right than this")
	fl.IntVar(&lf.cellChars, "max-cell-chars", d.CellChars, "refuse a cell of more characters than this")
	fl.IntVar(&lf.sharedStrings, "max-shared-strings", d.SharedStrings, "refuse a workbook of more shared strings (distinct cell texts) than this")
}

func (lf *limitFlags) limits() (coding.Limits, error) {
	for name, v := range map[string]int64{"max-file-mb": lf.fileMB, "max-unzipped-mb": lf.unzippedMB, "max-part-mb": lf.partMB,
		"max-parts": int64(lf.parts), "max-rows": int64(lf.rows), "max-columns": int64(lf.columns), "max-cell-chars": int64(lf.cellChars), "max-shared-strings": int64(lf.sharedStrings)} {
		if v <= 0 {
			return coding.Limits{}, usageError{fmt.Errorf("--%s must be positive, not %d", name, v)}
		}
	}
	return coding.Limits{FileBytes: lf.fileMB << 20, UnzippedBytes: lf.unzippedMB << 20, PartBytes: lf.partMB << 20,
		Parts: lf.parts, Rows: lf.rows, Columns: lf.columns, CellChars: lf.cellChars, SharedStrings: lf.sharedStrings}, nil
}

func newCodingImportCmd() *cobra.Command {
	var dataDir, out string
	var replace bool
	var lf limitFlags
	var wait time.Duration
	cmd := &cobra.Command{
		Use:   "import FILE.xlsx... --out CODINGS.parquet",
		Short: "Check filled coding workbooks and add their codings to a Parquet file",
		Long: `import checks every cell of filled coding workbooks and adds their codings to a
codings Parquet file. Nothing is stored while any file has a problem: a value
not in the drop-down (any case is accepted), a required cell left empty in a
row the coder coded, a formula in a coded cell, an edited grey column, an
unknown or repeated unit, a blank workbook (no codings at all).

Each coder's codings of a unit in a round come from one file. Two files naming
the same coder for the same units, or a codings file already holding different
codings by that coder for those units, are errors; --replace lets the later
file (or the new import) replace them, and says how many it replaced.
Importing the same file again changes nothing. Two imports into the same file
never interleave: the second waits for the first (--wait). In a row the coder coded, an
empty yes/no column (strategies:denial...) is stored as no: coders mark yes
and leave the rest, and storing the rest as not coded would inflate agreement.
Units left blank and other optional cells left empty are counted on standard
error.`,
		Example: "  rejoinder coding import alice.xlsx bob.xlsx --out codings.parquet\n  rejoinder coding import bob-corrected.xlsx --out codings.parquet --replace",
		Args:    args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, files []string) error {
			if out == "" {
				return usageError{fmt.Errorf("--out is required")}
			}
			lim, err := lf.limits()
			if err != nil {
				return err
			}
			ds, err := loadCodingData(dataDir)
			if err != nil {
				return err
			}
			got, err := coding.ImportFiles(ds, coding.ImportOptions{Limits: lim, Replace: replace}, files...)
			if err != nil {
				return err
			}
			// Read, add and write under the lock: a second import into
			// the same file waits, and neither loses the other's codings.
			lock, err := lockOutput(cmd, out, wait)
			if err != nil {
				return err
			}
			defer lock.Unlock()
			old, err := coding.ReadCodings(out)
			if err != nil {
				return err
			}
			merged, stats, err := coding.Add(old, got.Codings, replace)
			if err != nil {
				return fmt.Errorf("%s: %w", out, err)
			}
			for _, f := range got.Files {
				if w := f.Warning(); w != "" {
					fmt.Fprintln(cmd.ErrOrStderr(), "warning: "+w)
				}
			}
			if err := coding.WriteCodings(out, merged); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "imported %d codings from %d file(s); %s holds %d\n", len(got.Codings), len(files), out, len(merged))
			if n := got.Replaced + stats.Replaced; n > 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "replaced %d earlier codings (--replace)\n", n)
			}
			if stats.Unchanged > 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "%d of them were already there, unchanged\n", stats.Unchanged)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dataDir, "data", "", "the dataset the templates were made from (default: the embedded dataset)")
	cmd.Flags().StringVar(&out, "out", "", "the codings Parquet file to create or add to")
	cmd.Flags().BoolVar(&replace, "replace", false, "let a later file, or this import, replace earlier codings of the same coder, round and unit")
	addWaitFlag(cmd, &wait)
	lf.add(cmd)
	return cmd
}

func newCodingReconcileCmd() *cobra.Command {
	var dataDir, out, disagreements string
	var adjudicators []string
	var lf limitFlags
	var round int
	var wait time.Duration
	cmd := &cobra.Command{
		Use:   "reconcile CODINGS.parquet --out GOLD.parquet [--adjudicator FILE.xlsx] [--disagreements FILE.xlsx]",
		Short: "Settle the coders' codings into a gold coding and list the disagreements",
		Long: `reconcile takes, for each unit and variable of a round, the value most coders
gave. A tie goes to the adjudicator's value (a coding workbook filled by the
adjudicator, checked like any other; repeat --adjudicator for one workbook of
responses and one of accusations) and otherwise stays unresolved: listed,
but left out of the gold coding. --disagreements writes a workbook with every
unit and variable where the coders differ, their values side by side. Two
runs writing the same --out never interleave: the second waits for the first
(--wait).`,
		Example: "  rejoinder coding reconcile codings.parquet --adjudicator carol.xlsx --out gold.parquet --disagreements disagreements.xlsx",
		Args:    args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			if out == "" {
				return usageError{fmt.Errorf("--out is required")}
			}
			codings, err := coding.ReadCodings(a[0])
			if err != nil {
				return err
			}
			if len(codings) == 0 {
				return fmt.Errorf("%s: no codings", a[0])
			}
			if rounds := coding.Rounds(codings); !slices.Contains(rounds, round) {
				return fmt.Errorf("%s: no codings of round %d (rounds in the file: %s); choose one with --round", a[0], round, joinInts(rounds))
			}
			var adj []coding.Coding
			if len(adjudicators) > 0 {
				lim, err := lf.limits()
				if err != nil {
					return err
				}
				ds, err := loadCodingData(dataDir)
				if err != nil {
					return err
				}
				// The adjudicator fills only the cells that settle ties.
				got, err := coding.ImportFiles(ds, coding.ImportOptions{Limits: lim, Partial: true}, adjudicators...)
				if err != nil {
					return err
				}
				adj = got.Codings
			}
			gold, diffs := coding.Reconcile(codings, round, adj)
			lock, err := lockOutput(cmd, out, wait)
			if err != nil {
				return err
			}
			defer lock.Unlock()
			if err := coding.WriteCodings(out, gold); err != nil {
				return err
			}
			unresolved := 0
			for _, d := range diffs {
				if d.How == coding.Unresolved {
					unresolved++
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s: %d gold codings; %d disagreements, %d unresolved\n", out, len(gold), len(diffs), unresolved)
			if disagreements != "" {
				if err := coding.SaveDisagreements(disagreements, diffs); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", disagreements)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&dataDir, "data", "", "the dataset the templates were made from (default: the embedded dataset)")
	fl.StringArrayVar(&adjudicators, "adjudicator", nil, "a coding workbook filled by the adjudicator, for ties (only the cells that settle them need filling); repeat for each table")
	fl.StringVar(&out, "out", "", "the gold codings Parquet file to write")
	fl.StringVar(&disagreements, "disagreements", "", "a workbook to write the disagreements to")
	lf.add(cmd)
	fl.IntVar(&round, "round", 1, "the coding round")
	addWaitFlag(cmd, &wait)
	return cmd
}

// joinInts lists numbers for a message: "1, 2".
func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}
