package main

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/schema"
	"github.com/rejoinder/rejoinder/suggest"
)

// filterFlags are the selection flags every analysis command shares.
type filterFlags struct {
	responders, accusers, cases, instruments []string
	strategies, organs, channels, observed   []string
	from, to                                 string
	verified                                 bool
}

func (ff *filterFlags) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringSliceVar(&ff.responders, "responder", nil, "only responses by these states (ISO3, comma-separated)")
	fl.StringSliceVar(&ff.accusers, "accuser", nil, "only responses to accusations by these states (ISO3)")
	fl.StringSliceVar(&ff.cases, "case", nil, "only these cases (ids)")
	fl.StringSliceVar(&ff.instruments, "instrument", nil, "only responses to accusations of these instruments")
	fl.StringVar(&ff.from, "from", "", "only responses dated on or after (YYYY-MM-DD, YYYY-MM or YYYY)")
	fl.StringVar(&ff.to, "to", "", "only responses dated on or before (YYYY-MM-DD, YYYY-MM or YYYY)")
	fl.BoolVar(&ff.verified, "verified", false, "only responses marked verified")
	fl.StringSliceVar(&ff.strategies, "strategy", nil, "only responses that use any of these strategy codes")
	fl.StringSliceVar(&ff.organs, "organ", nil, "only responses by these organs (codes)")
	fl.StringSliceVar(&ff.channels, "channel-type", nil, "only responses through these kinds of channel (channel_type codes)")
	fl.StringSliceVar(&ff.observed, "observed", nil, "only responses with these observed codes (responded, declined_comment, no_response_found)")
}

func (ff *filterFlags) filter() (analysis.Filter, error) {
	f := analysis.Filter{Responders: ff.responders, Accusers: ff.accusers, Cases: ff.cases, Instruments: ff.instruments, Verified: ff.verified,
		Strategies: ff.strategies, Organs: ff.organs, Channels: ff.channels, Observed: ff.observed}
	var err error
	if f.From, err = schema.ParseDate(ff.from); err != nil {
		return f, usageError{fmt.Errorf("--from: %w", err)}
	}
	if f.To, err = schema.ParseDate(ff.to); err != nil {
		return f, usageError{fmt.Errorf("--to: %w", err)}
	}
	return f, nil
}

// analysisCmd builds a result-printing command: load the data, make the
// filter, compute a DataFrame, print it in the chosen format. An analysis
// that can run straight over Parquet batches passes streamed, which then
// serves Parquet data instead of loading the columnar view.
func analysisCmd(use, short, long, example string, nargs cobra.PositionalArgs,
	setup func(*cobra.Command), compute func(c *analysis.Columns, f analysis.Filter, args []string) (dataframe.DataFrame, error),
	streamed ...func(dir string, f analysis.Filter, args []string) (dataframe.DataFrame, error)) *cobra.Command {
	var dataDir, format string
	var ff filterFlags
	cmd := &cobra.Command{
		Use: use, Short: short, Long: long, Example: example, Args: args(nargs),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			f, err := ff.filter()
			if err != nil {
				return err
			}
			// The analyses read Parquet columns directly: refuse files of
			// different builds here, as every loader does.
			if dataset.IsParquetDir(dataDir) {
				if err := dataset.CheckSameBuild(dataDir); err != nil {
					return err
				}
			}
			var df dataframe.DataFrame
			if len(streamed) > 0 && dataset.IsParquetDir(dataDir) && !suggestedData {
				df, err = streamed[0](dataDir, f, a)
			} else {
				var c *analysis.Columns
				if c, err = loadColumns(dataDir, f); err == nil {
					df, err = compute(c, f, a)
				}
			}
			if err != nil {
				return err
			}
			return exports.WriteFrame(cmd.OutOrStdout(), df, format)
		},
	}
	addResultFlags(cmd, &dataDir, &format)
	ff.add(cmd)
	if setup != nil {
		setup(cmd)
	}
	return cmd
}

// loadColumns gives the analyses their columnar view: read straight from
// Parquet files when dir holds them (only the needed columns), else built
// from the loaded and validated records. From a partitioned Parquet
// dataset only the partitions the filter can select are read.
func loadColumns(dir string, f analysis.Filter) (*analysis.Columns, error) {
	if dataset.IsParquetDir(dir) && !suggestedData {
		return analysis.ReadColumnsWhere(dir, f)
	}
	ds, err := loadData(dir)
	if err != nil {
		return nil, err
	}
	if suggestedData {
		if ds, err = suggest.Apply(ds); err != nil {
			return nil, err
		}
	}
	return analysis.ColumnsOf(ds), nil
}

func checkProfileFlags(by, scheme string) error {
	if err := oneOf("by", by, analysis.Groupings); err != nil {
		return err
	}
	return oneOf("scheme", scheme, analysis.Schemes)
}

func oneOf[T ~string](flag, v string, allowed []T) error {
	if !slices.Contains(allowed, T(v)) {
		return usageError{fmt.Errorf("unknown --%s %q (allowed: %s)", flag, v, joinNames(allowed))}
	}
	return nil
}

// joinNames lists the names a flag allows.
func joinNames[T ~string](names []T) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = string(n)
	}
	return strings.Join(parts, ", ")
}

func newProfileCmd() *cobra.Command {
	var by, scheme string
	var suggested bool
	cmd := analysisCmd("profile",
		"Count and share of responses using each strategy, per group",
		`profile counts, for each group of observed responses (by responder, case,
accuser, year or instrument), how many use each strategy and what share of
the group that is. --scheme benoit or 4d rolls the codes up to Benoit's
image-repair families or the 4D scheme (dismiss, distort, distract, dismay).`,
		`  rejoinder profile --by responder
  rejoinder profile --by year --scheme 4d --format csv
  rejoinder profile --by case --responder RUS --from 2018`,
		cobra.NoArgs,
		func(cmd *cobra.Command) {
			cmd.Flags().StringVar(&by, "by", string(analysis.ByResponder), "grouping: "+joinNames(analysis.Groupings))
			cmd.Flags().StringVar(&scheme, "scheme", string(analysis.SchemeCodes), "categories: "+joinNames(analysis.Schemes))
		},
		func(c *analysis.Columns, f analysis.Filter, _ []string) (dataframe.DataFrame, error) {
			if err := checkProfileFlags(by, scheme); err != nil {
				return dataframe.DataFrame{}, err
			}
			df, err := analysis.Profile(c, analysis.ProfileOptions{By: analysis.Grouping(by), Scheme: analysis.Scheme(scheme), Filter: f})
			if err != nil || !suggestedData {
				return df, err
			}
			label := make([]string, df.Nrow())
			for i := range label {
				label[i] = "suggested"
			}
			df = df.Mutate(series.New(label, series.String, "codes_from"))
			return df, df.Err
		},
		// From Parquet, counted batch by batch: memory stays flat.
		func(dir string, f analysis.Filter, _ []string) (dataframe.DataFrame, error) {
			if err := checkProfileFlags(by, scheme); err != nil {
				return dataframe.DataFrame{}, err
			}
			return analysis.Profile(analysis.Parquet(dir), analysis.ProfileOptions{By: analysis.Grouping(by), Scheme: analysis.Scheme(scheme), Filter: f})
		})
	cmd.Flags().BoolVar(&suggested, "suggested", false, "profile the model's suggested codes instead of the coded ones (each case by a model fitted without it; a labelled variant)")
	run := cmd.RunE
	cmd.RunE = func(cmd *cobra.Command, a []string) error {
		if !suggested {
			return run(cmd, a)
		}
		// The suggested variant: same profile over the coder's suggestions,
		// with every row saying where its codes came from.
		suggestedData = true
		defer func() { suggestedData = false }()
		fmt.Fprintln(cmd.ErrOrStderr(), "note: codes suggested by the model from the quotes (each case by a model fitted without it), not coded by people")
		return run(cmd, a)
	}
	return cmd
}

// suggestedData makes loadColumns replace coded strategies by suggested
// ones (profile --suggested).
var suggestedData bool

func newSimilarCmd() *cobra.Command {
	var top int
	var metric string
	var matrix, order bool
	return analysisCmd("similar [CASE]",
		"Cases most like a case, the similarity matrix, or the clustering order",
		`similar CASE lists the cases whose responses used the most similar
strategies: Jaccard similarity of the strategy sets (default) or cosine of
the strategy profiles. --matrix prints the whole case × case matrix and
--order the order of average-linkage hierarchical clustering.`,
		`  rejoinder similar rus-skripal-2018 --top 3
  rejoinder similar --matrix --metric cosine --format csv
  rejoinder similar --order`,
		cobra.MaximumNArgs(1),
		func(cmd *cobra.Command) {
			cmd.Flags().IntVar(&top, "top", 5, "how many cases to list")
			cmd.Flags().StringVar(&metric, "metric", string(analysis.Jaccard), "similarity: "+joinNames(analysis.Metrics))
			cmd.Flags().BoolVar(&matrix, "matrix", false, "print the case × case matrix")
			cmd.Flags().BoolVar(&order, "order", false, "print the hierarchical-clustering order")
		},
		func(c *analysis.Columns, f analysis.Filter, a []string) (dataframe.DataFrame, error) {
			if err := oneOf("metric", metric, analysis.Metrics); err != nil {
				return dataframe.DataFrame{}, err
			}
			switch {
			case matrix && order, (matrix || order) && len(a) == 1, !matrix && !order && len(a) == 0:
				return dataframe.DataFrame{}, usageError{fmt.Errorf("give a CASE, or --matrix, or --order")}
			case matrix:
				return analysis.SimilarityMatrix(c, analysis.Metric(metric), f)
			case order:
				return analysis.ClusterOrder(c, analysis.Metric(metric), f)
			}
			if top < 1 {
				return dataframe.DataFrame{}, usageError{fmt.Errorf("--top must be at least 1")}
			}
			return analysis.Nearest(c, a[0], analysis.Metric(metric), top, f)
		})
}

func newDynamicsCmd() *cobra.Command {
	return analysisCmd("dynamics [CASE]",
		"How fast and in what order the accused answered, per case",
		`dynamics prints, per case, the lag from the accusation to the first response,
how many responses and which strategies came within 1, 7 and 30 days, and
when the first threat and the first reciprocal measure came. Lags are known
only between dates exact to the day.`,
		`  rejoinder dynamics
  rejoinder dynamics rus-skripal-2018 --format json`,
		cobra.MaximumNArgs(1), nil,
		func(c *analysis.Columns, f analysis.Filter, a []string) (dataframe.DataFrame, error) {
			if len(a) == 1 {
				f.Cases = append(f.Cases, a[0])
			}
			return analysis.Dynamics(c, f)
		})
}

func newKWICCmd() *cobra.Command {
	var window int
	var caseSensitive, accusations bool
	var codes []string
	return analysisCmd("kwic PATTERN",
		"Keyword in context: every match of a pattern in the quotes",
		`kwic searches the quotes for a regular expression (Go RE2 syntax) and prints
each match with the words around it, the ids of its quote, record, case
and source, and the strategies the quote evidences (codes). Matching ignores
case unless --case-sensitive; --code keeps the quotes that evidence a strategy.`,
		`  rejoinder kwic 'non-?existent|nonentity'
  rejoinder kwic provocation --window 8 --responder RUS
  rejoinder kwic . --code identity_dispute --window 12
  rejoinder kwic 'show us the evidence' --format csv`,
		cobra.ExactArgs(1),
		func(cmd *cobra.Command) {
			cmd.Flags().IntVar(&window, "window", 5, "words of context on each side")
			cmd.Flags().BoolVar(&caseSensitive, "case-sensitive", false, "match case exactly")
			cmd.Flags().BoolVar(&accusations, "accusations", false, "also search the accusations' key quotes")
			cmd.Flags().StringSliceVar(&codes, "code", nil, "only quotes that evidence these strategies (comma-separated codes)")
			// A pattern that is not a regular expression, or a code the
			// codebook lacks, is a mistake on the command line: said
			// before any data is read.
			cmd.PreRunE = func(_ *cobra.Command, a []string) error {
				if err := checkStrategyCodes("--code", codes); err != nil {
					return err
				}
				return checkPattern(a[0])
			}
		},
		func(c *analysis.Columns, f analysis.Filter, a []string) (dataframe.DataFrame, error) {
			pattern := a[0]
			if !caseSensitive {
				pattern = "(?i)" + pattern
			}
			if window < 0 {
				return dataframe.DataFrame{}, usageError{fmt.Errorf("--window must not be negative")}
			}
			return analysis.KWIC(c, analysis.KWICOptions{Pattern: pattern, Window: window, Filter: f, Accusations: accusations, Codes: codes})
		})
}

// checkStrategyCodes makes a flag's unknown strategy code a usage error
// naming the nearest codes and every allowed one.
func checkStrategyCodes(flag string, codes []string) error {
	allowed := schema.Default().MustVariable(schema.TableResponses, "strategies").Codes()
	for _, c := range codes {
		if !slices.Contains(allowed, c) {
			hint := schema.DidYouMean(c, allowed)
			if hint != "" {
				hint = ": " + hint
			}
			return usageError{fmt.Errorf("%s: unknown strategy %q%s (allowed: %s)", flag, c, hint, strings.Join(allowed, ", "))}
		}
	}
	return nil
}

// checkPattern makes an invalid kwic PATTERN a usage error naming the
// pattern as the user typed it and what is wrong with it.
func checkPattern(pattern string) error {
	_, err := regexp.Compile(pattern)
	if err == nil {
		return nil
	}
	var se *syntax.Error
	if errors.As(err, &se) {
		err = fmt.Errorf("%s: %q", se.Code, se.Expr)
	}
	return usageError{fmt.Errorf("invalid PATTERN %q: %v (allowed: a Go RE2 regular expression, https://golang.org/s/re2syntax)", pattern, err)}
}
