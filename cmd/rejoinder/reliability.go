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
Parquet file that 'rejoinder coding import' writes (every variable is
measured, at the level the codebook gives it, and the strategies once per code
and once pooled over all codes), or a CSV file in long format with the header
unit,coder,value for one variable (an empty value is missing); several INPUT
files are read as one (one file per coder, say). For each variable it prints Krippendorff's alpha at the chosen level of
measurement with a seeded bootstrap 95% interval (resampling units), Cohen's
kappa when there are exactly two coders, pairwise percent agreement, and the
numbers of pairable units, coders and values. Units coded by one coder only
cannot be compared and are left out.`,
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
			groups, err := readInputs(inputs, variable, round)
			if err != nil {
				return err
			}
			if len(groups) == 0 {
				return fmt.Errorf("no codings of round %d in %s", round, strings.Join(inputs, ", "))
			}
			var names, levels []string
			var alphas, lows, highs, kappas []any
			var agreements []float64
			var units, coders, values []int
			na := func(x float64, e error) any {
				if e != nil || math.IsNaN(x) {
					return nil
				}
				return x
			}
			for _, g := range groups {
				lvl := schema.Level(level)
				if !cmd.Flags().Changed("level") && g.level != "" {
					lvl = g.level
				}
				switch lvl {
				case schema.Nominal, schema.Ordinal, schema.Interval, schema.Ratio:
				default:
					return usageError{fmt.Errorf("unknown --level %q (allowed: nominal, ordinal, interval, ratio)", lvl)}
				}
				res, err := reliability.Alpha(g.codings, lvl, g.order)
				if err != nil && !errors.Is(err, reliability.ErrNoVariation) {
					return fmt.Errorf("%s: %w", g.name, err)
				}
				ci, cierr := reliability.BootstrapAlpha(g.codings, lvl, g.order, samples, seed)
				kappa, kerr := reliability.CohenKappa(g.codings)
				names, levels = append(names, g.name), append(levels, string(lvl))
				alphas, lows, highs = append(alphas, na(res.Alpha, err)), append(lows, na(ci.Low, cierr)), append(highs, na(ci.High, cierr))
				kappas, agreements = append(kappas, na(kappa, kerr)), append(agreements, res.Agreement)
				units, coders, values = append(units, res.Units), append(coders, res.Coders), append(values, res.Values)
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
			if df.Err != nil {
				return df.Err
			}
			if err := exports.WriteFrame(cmd.OutOrStdout(), df, format); err != nil {
				return err
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

// group is the codings of one variable, with its level and code order.
type group struct {
	name    string
	level   schema.Level
	order   []string
	codings []reliability.Coding
}

// readInputs reads CSV files (one variable, named by --variable or the
// first file) or codings Parquet files (every variable, or --variable
// only), grouped by variable in a stable order.
func readInputs(inputs []string, variable string, round int) ([]group, error) {
	byName := map[string]*group{}
	var order []string
	add := func(name string, c reliability.Coding) {
		g := byName[name]
		if g == nil {
			g = &group{name: name}
			base, _, multi := strings.Cut(name, ":")
			if name == "strategies (all codes)" {
				base, multi = "strategies", true
			}
			if v := findVariable(base); v != nil {
				g.level = v.Level
				if multi {
					g.level = schema.Nominal // a code is present or not
				} else if v.Level == schema.Ordinal && v.Type == schema.TypeEnum {
					g.order = v.Codes()
				}
			}
			byName[name] = g
			order = append(order, name)
		}
		g.codings = append(g.codings, c)
	}
	for _, in := range inputs {
		if strings.HasSuffix(in, ".parquet") {
			cs, err := coding.ReadCodings(in)
			if err != nil {
				return nil, err
			}
			for _, c := range cs {
				if c.Round != round || (variable != "" && c.Variable != variable && !strings.HasPrefix(c.Variable, variable+":")) {
					continue
				}
				rc := reliability.Coding{Unit: c.UnitID, Coder: c.Coder, Value: c.Value}
				add(c.Variable, rc)
				if base, code, ok := strings.Cut(c.Variable, ":"); ok {
					add(base+" (all codes)", reliability.Coding{Unit: c.UnitID + ":" + code, Coder: c.Coder, Value: c.Value})
				}
			}
			continue
		}
		f, err := os.Open(in)
		if err != nil {
			return nil, err
		}
		cs, err := reliability.ReadCSV(f, in)
		f.Close()
		if err != nil {
			return nil, err
		}
		name := variable
		if name == "" {
			name = strings.TrimSuffix(filepath.Base(inputs[0]), filepath.Ext(inputs[0]))
		}
		for _, c := range cs {
			add(name, c)
		}
	}
	out := make([]group, len(order))
	for i, n := range order {
		out[i] = *byName[n]
	}
	return out, nil
}
