package site

import (
	"fmt"
	"math"

	"github.com/rejoinder/rejoinder/coding"
	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/schema"
)

// The bootstrap of the reliability table: the samples and seed DATASET.md
// uses, so that the two report the same intervals.
const (
	bootstrapSamples = 1000
	bootstrapSeed    = 1
)

// reliabilityView is the agreement table of the codebook page: the latest
// round of independent coding.
type reliabilityView struct {
	Round int
	Rows  []reliabilityRow
}

// reliabilityRow is one variable (or strategy code) of the table.
type reliabilityRow struct {
	Variable, Level, Alpha, Interval, Kappa, Agreement string
	Units                                              int
}

// reliabilityOf measures the independent coders' agreement in the latest
// round of codings (the gold coding left out); nil when there are none.
func reliabilityOf(cb *schema.Codebook, codings []coding.Coding) (*reliabilityView, error) {
	var independent []coding.Coding
	for _, c := range codings {
		if c.Coder != exports.GoldCoder {
			independent = append(independent, c)
		}
	}
	rounds := coding.Rounds(independent)
	if len(rounds) == 0 {
		return nil, nil
	}
	v := &reliabilityView{Round: rounds[len(rounds)-1]}
	rows, err := coding.Report(cb, independent, v.Round, bootstrapSamples, bootstrapSeed)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		interval := ""
		if !math.IsNaN(r.Low) && !math.IsNaN(r.High) {
			interval = fmt.Sprintf("%.3f – %.3f", r.Low, r.High)
		}
		v.Rows = append(v.Rows, reliabilityRow{
			Variable: r.Variable, Level: string(r.Level), Alpha: stat(r.Alpha), Interval: interval,
			Kappa: stat(r.Kappa), Agreement: stat(r.Agreement), Units: r.Units,
		})
	}
	return v, nil
}

// stat formats a statistic: three decimals, blank when undefined.
func stat(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return fmt.Sprintf("%.3f", x)
}
