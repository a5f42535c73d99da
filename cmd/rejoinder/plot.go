package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"gonum.org/v1/plot/vg"

	"github.com/rejoinder/rejoinder/analysis"
	"github.com/rejoinder/rejoinder/plot"
)

// figures are the kinds `rejoinder plot` draws.
var figures = []string{"profile", "timeline", "similarity", "coverage"}

func newPlotCmd() *cobra.Command {
	var dataDir, out, by, scheme, metric string
	var ff filterFlags
	cmd := &cobra.Command{
		Use:   "plot profile|timeline|similarity --out FILE.png|FILE.svg",
		Short: "Draw a figure: strategy profile, response timeline, similarity heat map or coverage",
		Long: `plot draws a figure for a paper or a slide, as PNG (150 dpi) or SVG by the
extension of --out:

  profile     a bar chart of the share of each responder's observed responses
              using each strategy (--by and --scheme as for 'rejoinder profile')
  timeline    each case's responses at the days from the accusation they answer
  similarity  the case × case similarity heat map, in clustering order
              (--metric jaccard|cosine)
  coverage    each responding state's response records, stacked by what was
              observed (responded, declined to comment, no response found)

Every figure has a title, axis labels and a caption naming the selection and
the dataset and codebook versions. The same data always gives the same file.`,
		Example: `  rejoinder plot profile --out profile.png
  rejoinder plot profile --scheme 4d --out profile-4d.svg
  rejoinder plot timeline --responder RUS --out timeline.png
  rejoinder plot similarity --metric cosine --data out --out similarity.svg
  rejoinder plot coverage --out coverage.png`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			kind := a[0]
			if err := oneOf("figure", kind, figures); err != nil {
				return usageError{fmt.Errorf("unknown figure %q (allowed: %s)", kind, strings.Join(figures, ", "))}
			}
			if out == "" {
				return usageError{errors.New("--out FILE.png or FILE.svg is required")}
			}
			if _, err := plot.FormatOf(out); err != nil {
				return usageError{err}
			}
			if err := oneOf("by", by, analysis.Groupings); err != nil {
				return err
			}
			if err := oneOf("scheme", scheme, analysis.Schemes); err != nil {
				return err
			}
			if err := oneOf("metric", metric, analysis.Metrics); err != nil {
				return err
			}
			f, err := ff.filter()
			if err != nil {
				return err
			}
			d, err := plot.Load(dataDir, f)
			if err != nil {
				return err
			}
			var fig *plot.Figure
			switch kind {
			case "profile":
				fig, err = plot.Profile(d, analysis.ProfileOptions{By: analysis.Grouping(by), Scheme: analysis.Scheme(scheme), Filter: f})
			case "timeline":
				fig, err = plot.Timeline(d, f)
			case "similarity":
				fig, err = plot.Similarity(d, analysis.Metric(metric), f)
			case "coverage":
				fig, err = plot.Coverage(d, f)
			}
			if err != nil {
				return err
			}
			if err := fig.Save(out); err != nil {
				return err
			}
			w, h := fig.Pixels()
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%.1f × %.1f in; %d × %d px as PNG)\n", out, float64(fig.Width/vg.Inch), float64(fig.Height/vg.Inch), w, h)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&dataDir, "data", "", "directory of YAML records or Parquet files (default: the embedded dataset)")
	fl.StringVar(&out, "out", "", "the figure file: .png or .svg")
	fl.StringVar(&by, "by", string(analysis.ByResponder), "profile: grouping, one of "+joinNames(analysis.Groupings))
	fl.StringVar(&scheme, "scheme", string(analysis.SchemeCodes), "profile: categories, one of "+joinNames(analysis.Schemes))
	fl.StringVar(&metric, "metric", string(analysis.Jaccard), "similarity: one of "+joinNames(analysis.Metrics))
	ff.add(cmd)
	return cmd
}
