package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/reliability"
	"github.com/rejoinder/rejoinder/schema"
)

func newReliabilityCmd() *cobra.Command {
	var level, variable, format string
	var samples int
	var seed uint64
	cmd := &cobra.Command{
		Use:   "reliability [--level L] INPUT...",
		Short: "Agreement between coders: Krippendorff's alpha, Cohen's kappa, percent agreement",
		Long: `reliability measures how far independent coders agree on one variable. INPUT is
a CSV file in long format with the header unit,coder,value (one judgement per
row; an empty value is missing); several INPUT files are read as one (one file
per coder, say). It prints Krippendorff's alpha at the chosen level of
measurement with a seeded bootstrap 95% interval (resampling units), Cohen's
kappa when there are exactly two coders, pairwise percent agreement, and the
numbers of pairable units, coders and values. Units coded by one coder only
cannot be compared and are left out.`,
		Example: `  rejoinder reliability codings-organ.csv
  rejoinder reliability --level ordinal --variable evidence_disclosure a.csv b.csv
  rejoinder reliability --level interval --format json lags.csv`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, inputs []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			lvl := schema.Level(level)
			switch lvl {
			case schema.Nominal, schema.Ordinal, schema.Interval, schema.Ratio:
			default:
				return usageError{fmt.Errorf("unknown --level %q (allowed: nominal, ordinal, interval, ratio)", level)}
			}
			var codings []reliability.Coding
			for _, in := range inputs {
				f, err := os.Open(in)
				if err != nil {
					return err
				}
				c, err := reliability.ReadCSV(f, in)
				f.Close()
				if err != nil {
					return err
				}
				codings = append(codings, c...)
			}
			// An ordinal codebook variable brings the order of its codes.
			var order []string
			if variable != "" {
				if v := findVariable(variable); v != nil && v.Type == schema.TypeEnum {
					order = v.Codes()
				}
			} else {
				variable = strings.TrimSuffix(filepath.Base(inputs[0]), filepath.Ext(inputs[0]))
			}
			res, err := reliability.Alpha(codings, lvl, order)
			if err != nil && !errors.Is(err, reliability.ErrNoVariation) {
				return err
			}
			ci, cierr := reliability.BootstrapAlpha(codings, lvl, order, samples, seed)
			kappa, kerr := reliability.CohenKappa(codings)
			na := func(x float64, e error) any {
				if e != nil || math.IsNaN(x) {
					return nil
				}
				return x
			}
			df := dataframe.New(
				series.New([]string{variable}, series.String, "variable"),
				series.New([]string{level}, series.String, "level"),
				series.New([]any{na(res.Alpha, err)}, series.Float, "alpha"),
				series.New([]any{na(ci.Low, cierr)}, series.Float, "alpha_ci_low"),
				series.New([]any{na(ci.High, cierr)}, series.Float, "alpha_ci_high"),
				series.New([]any{na(kappa, kerr)}, series.Float, "cohen_kappa"),
				series.New([]float64{res.Agreement}, series.Float, "agreement"),
				series.New([]int{res.Units}, series.Int, "units"),
				series.New([]int{res.Coders}, series.Int, "coders"),
				series.New([]int{res.Values}, series.Int, "values"),
			)
			if df.Err != nil {
				return df.Err
			}
			if err := exports.WriteFrame(cmd.OutOrStdout(), df, format); err != nil {
				return err
			}
			if errors.Is(err, reliability.ErrNoVariation) {
				fmt.Fprintln(cmd.ErrOrStderr(), "note:", err)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&level, "level", "nominal", "level of measurement: nominal, ordinal, interval, ratio")
	fl.StringVar(&variable, "variable", "", "the variable coded (a codebook name orders ordinal codes); default: the first file's name")
	fl.StringVar(&format, "format", exports.FormatTable, "output format: "+strings.Join(exports.Formats, ", "))
	fl.IntVar(&samples, "bootstrap", 1000, "bootstrap samples for the alpha interval")
	fl.Uint64Var(&seed, "seed", 1, "random seed of the bootstrap")
	return cmd
}

// findVariable looks a variable up by name in any table of the codebook.
func findVariable(name string) *schema.Variable {
	cb := schema.Default()
	for _, t := range cb.Tables {
		if v, ok := t.Variable(name); ok {
			return v
		}
	}
	return nil
}
