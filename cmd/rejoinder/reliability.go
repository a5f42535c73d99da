package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/reliability"
	"github.com/rejoinder/rejoinder/schema"
)

func newReliabilityCmd() *cobra.Command {
	var level, variable, format string
	var samples, round int
	var seed uint64
	cmd := &cobra.Command{
		Use:   "reliability [--variable V] [--level L] INPUT...",
		Short: "Agreement between coders: Krippendorff's alpha, Cohen's kappa, percent agreement",
		Long: `reliability measures how far independent coders agree. INPUT is the codings
Parquet (or codings CSV, header unit_id,variable,coder,round,value) file that
'rejoinder coding import' writes (every variable is
measured, at the level the codebook gives it, and the strategies once per code
and once pooled over all codes), or a CSV file in long format with the header
unit,coder,value for one variable (an empty value is missing); several INPUT
files are read as one (one file per coder, say). For each variable it prints Krippendorff's alpha at the chosen level of
measurement with a seeded bootstrap 95% interval (resampling units), Cohen's
kappa when there are exactly two coders, pairwise percent agreement, and the
numbers of pairable units, coders and values. Units coded by one coder only
cannot be compared and are left out. An INPUT must be a regular file (not a
pipe or device); a CSV file over 256 MiB is refused before it is read
(REJOINDER_MAX_RELIABILITY_MB raises the limit).`,
		Example: `  rejoinder reliability codings.parquet
  rejoinder reliability codings-organ.csv
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
			if samples < 0 || samples == 1 {
				return usageError{fmt.Errorf("--bootstrap %d: %w (allowed: 0 for no interval, or 2 or more; 1000 is the default)", samples, reliability.ErrSamples)}
			}
			groups, err := readInputs(inputs, variable, round)
			if err != nil {
				return err
			}
			if len(groups) == 0 {
				return fmt.Errorf("no codings of round %d in %s", round, strings.Join(inputs, ", "))
			}
			var rows []coding.Row
			for _, g := range groups {
				var lvl schema.Level
				if cmd.Flags().Changed("level") {
					lvl = schema.Level(level)
				}
				r, err := coding.Measure(g, lvl, samples, seed)
				if err != nil {
					return err
				}
				rows = append(rows, r)
			}
			df, err := reliabilityFrame(rows)
			if err != nil {
				return err
			}
			return exports.WriteFrame(cmd.OutOrStdout(), df, format)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&level, "level", "nominal", "level of measurement: nominal, ordinal, interval, ratio")
	fl.StringVar(&variable, "variable", "", "the variable coded (a codebook name orders ordinal codes); default: the first file's name")
	fl.StringVar(&format, "format", exports.FormatTable, "output format: "+strings.Join(exports.Formats, ", "))
	fl.IntVar(&samples, "bootstrap", 1000, "bootstrap samples for the alpha interval (0: no interval)")
	fl.Uint64Var(&seed, "seed", 1, "random seed of the bootstrap")
	fl.IntVar(&round, "round", 1, "codings Parquet: the coding round to measure")
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

// isCodingsCSV reports whether a CSV file is a codings file in long
// format (the header coding.CodingsHeader, as the dataset publishes),
// rather than one variable's unit,coder,value.
func isCodingsCSV(path string) bool {
	if !strings.EqualFold(filepath.Ext(path), ".csv") {
		return false
	}
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return false // the CSV reader reports it (opening a FIFO would wait for ever)
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 64)
	n, _ := io.ReadFull(f, head)
	line, _, _ := strings.Cut(strings.TrimPrefix(string(head[:n]), "\ufeff"), "\n")
	return strings.TrimSuffix(line, "\r") == strings.Join(coding.CodingsHeader, ",")
}

// readInputs reads CSV files (one variable, named by --variable or the
// first file) or codings Parquet files (every variable, or --variable
// only), grouped by variable.
func readInputs(inputs []string, variable string, round int) ([]coding.Group, error) {
	cb := schema.Default()
	var groups []coding.Group
	var csvCodings []reliability.Coding
	for _, in := range inputs {
		if strings.HasSuffix(in, ".parquet") || isCodingsCSV(in) {
			cs, err := coding.ReadCodings(in)
			if err != nil {
				return nil, err
			}
			groups = append(groups, coding.Groups(cb, cs, round, variable)...)
			continue
		}
		cs, err := reliability.ReadCSVFile(in)
		if err != nil {
			return nil, err
		}
		csvCodings = append(csvCodings, cs...)
	}
	if len(csvCodings) > 0 {
		g := coding.Group{Name: variable, Codings: csvCodings}
		if g.Name == "" {
			g.Name = strings.TrimSuffix(filepath.Base(inputs[0]), filepath.Ext(inputs[0]))
		}
		if v := findVariable(variable); v != nil {
			g.Level = v.Level
			if v.Level == schema.Ordinal && v.Type == schema.TypeEnum {
				g.Order = v.Codes()
			}
		}
		groups = append(groups, g)
	}
	return groups, nil
}

// reliabilityFrame turns reliability rows into a DataFrame; NaN measures
// become missing values.
func reliabilityFrame(rows []coding.Row) (dataframe.DataFrame, error) {
	na := func(x float64) any {
		if math.IsNaN(x) {
			return nil
		}
		return x
	}
	var names, levels []string
	var alphas, lows, highs, kappas []any
	var agreements []float64
	var units, coders, values []int
	for _, r := range rows {
		names, levels = append(names, r.Variable), append(levels, string(r.Level))
		alphas, lows, highs, kappas = append(alphas, na(r.Alpha)), append(lows, na(r.Low)), append(highs, na(r.High)), append(kappas, na(r.Kappa))
		agreements = append(agreements, r.Agreement)
		units, coders, values = append(units, r.Units), append(coders, r.Coders), append(values, r.Values)
	}
	df := dataframe.New(
		series.New(names, series.String, "variable"),
		series.New(levels, series.String, "level"),
		series.New(alphas, series.Float, "alpha"),
		series.New(lows, series.Float, "alpha_ci_low"),
		series.New(highs, series.Float, "alpha_ci_high"),
		series.New(kappas, series.Float, "cohen_kappa"),
		series.New(agreements, series.Float, "agreement"),
		series.New(units, series.Int, "units"),
		series.New(coders, series.Int, "coders"),
		series.New(values, series.Int, "values"),
	)
	return df, df.Err
}
