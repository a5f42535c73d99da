package coding

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/rejoinder/rejoinder/reliability"
	"github.com/rejoinder/rejoinder/schema"
)

// PooledSuffix names the row that pools all codes of a multi-label
// variable: "strategies (all codes)".
const PooledSuffix = " (all codes)"

// Group is the codings of one variable with the level and code order the
// codebook gives it.
type Group struct {
	Name    string
	Level   schema.Level
	Order   []string
	Codings []Coding
}

// Groups gathers the codings of one round by variable, in first-seen
// order; each code of a multi-label variable is a nominal (yes/no)
// variable of its own, and all its codes are pooled once more as units
// "unit:code". only, when not empty, keeps one variable (and its codes).
func Groups(cb *schema.Codebook, codings []Coding, round int, only string) []Group {
	byName := map[string]*Group{}
	var order []string
	add := func(name string, c Coding) {
		g := byName[name]
		if g == nil {
			g = &Group{Name: name}
			base, _, multi := strings.Cut(name, ":")
			if pooled, ok := strings.CutSuffix(name, PooledSuffix); ok {
				base, multi = pooled, true
			}
			if v := findVariable(cb, base); v != nil {
				g.Level = v.Level
				if multi {
					g.Level = schema.Nominal // a code is present or not
				} else if v.Level == schema.Ordinal && v.Type == schema.TypeEnum {
					g.Order = v.Codes()
				}
			}
			byName[name] = g
			order = append(order, name)
		}
		g.Codings = append(g.Codings, c)
	}
	for _, c := range codings {
		if c.Round != round || (only != "" && c.Variable != only && !strings.HasPrefix(c.Variable, only+":")) {
			continue
		}
		add(c.Variable, c)
		if base, code, ok := strings.Cut(c.Variable, ":"); ok {
			pooled := c
			pooled.UnitID, pooled.Variable = c.UnitID+":"+code, base+PooledSuffix
			add(pooled.Variable, pooled)
		}
	}
	out := make([]Group, len(order))
	for i, n := range order {
		out[i] = *byName[n]
	}
	return out
}

func findVariable(cb *schema.Codebook, name string) *schema.Variable {
	for _, t := range cb.Tables {
		if v, ok := t.Variable(name); ok {
			return v
		}
	}
	return nil
}

// Row is the reliability of one variable: alpha with its bootstrap
// interval, Cohen's kappa (two coders only), percent agreement and counts.
// Missing measures are NaN.
type Row struct {
	Variable              string
	Level                 schema.Level
	Alpha, Low, High      float64
	Kappa, Agreement      float64
	Units, Coders, Values int
}

// Measure computes a group's reliability at level (the group's own level
// when level is empty).
func Measure(g Group, level schema.Level, samples int, seed uint64) (Row, error) {
	if level == "" {
		level = g.Level
	}
	if level == "" {
		level = schema.Nominal
	}
	res, err := reliability.Alpha(g.Codings, level, g.Order)
	if err != nil && !errors.Is(err, reliability.ErrNoVariation) {
		return Row{}, fmt.Errorf("%s: %w", g.Name, err)
	}
	r := Row{Variable: g.Name, Level: level, Alpha: res.Alpha, Low: math.NaN(), High: math.NaN(), Kappa: math.NaN(),
		Agreement: res.Agreement, Units: res.Units, Coders: res.Coders, Values: res.Values}
	if err != nil {
		r.Alpha = math.NaN()
	}
	if ci, err := reliability.BootstrapAlpha(g.Codings, level, g.Order, samples, seed); err == nil {
		r.Low, r.High = ci.Low, ci.High
	}
	if k, err := reliability.CohenKappa(g.Codings); err == nil {
		r.Kappa = k
	}
	return r, nil
}

// Report measures every variable of one round (see Groups), each at the
// level the codebook gives it.
func Report(cb *schema.Codebook, codings []Coding, round, samples int, seed uint64) ([]Row, error) {
	var rows []Row
	for _, g := range Groups(cb, codings, round, "") {
		r, err := Measure(g, "", samples, seed)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}
