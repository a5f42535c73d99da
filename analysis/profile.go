package analysis

import (
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/dataset"
)

// Groupings for profiles, beside ByResponder and ByCase.
const (
	ByAccuser    = "accuser"
	ByYear       = "year"
	ByInstrument = "instrument"
)

// Groupings lists every grouping Profile accepts.
var Groupings = []string{ByResponder, ByCase, ByAccuser, ByYear, ByInstrument}

// Schemes for profiles: the codebook's strategy codes, or their roll-up
// to Benoit's image-repair families or to the 4D scheme.
const (
	SchemeCodes  = "codes"
	SchemeBenoit = "benoit"
	Scheme4D     = "4d"
)

// Schemes lists every scheme Profile accepts.
var Schemes = []string{SchemeCodes, SchemeBenoit, Scheme4D}

// ProfileOptions says how to profile.
type ProfileOptions struct {
	By     string // one of Groupings; ByResponder when empty
	Scheme string // one of Schemes; SchemeCodes when empty
	Filter Filter
}

// Profile counts, for each group of observed responses, how many use each
// category (a strategy code, a Benoit family or a 4D category) and what
// share of the group that is. A response counts once per category however
// many of its codes fall in it; strategies without a family in the scheme
// do not count towards any. Records of silence do not count.
//
// The result is long: one row per group and category, all categories
// present (zeros included), groups in sorted order (unknown years, "",
// last) and categories in codebook order. Columns: the grouping (responder,
// case_id, accuser, year or instrument), the scheme's category column
// (strategy, benoit_family or four_d), count, responses, share.
func Profile(ds *dataset.Dataset, opts ProfileOptions) (dataframe.DataFrame, error) {
	return ColumnsOf(ds).Profile(opts)
}

// Profile is the columnar form of the package-level Profile.
func (c *Columns) Profile(opts ProfileOptions) (dataframe.DataFrame, error) {
	by, scheme := cmpOr(opts.By, ByResponder), cmpOr(opts.Scheme, SchemeCodes)
	key, keyName, err := c.grouping(by)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	cats, masks, catName, err := c.categories(scheme)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	rows, err := c.Select(opts.Filter)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	// One pass: per group, the number of responses and per-category counts.
	type acc struct {
		total  int
		counts []int
	}
	groups := map[string]*acc{}
	var order []string
	for _, i := range rows {
		if !c.Responded(i) {
			continue
		}
		k := key(i)
		g := groups[k]
		if g == nil {
			g = &acc{counts: make([]int, len(cats))}
			groups[k] = g
			order = append(order, k)
		}
		g.total++
		set := c.Strategies[i]
		for j, m := range masks {
			if set&m != 0 {
				g.counts[j]++
			}
		}
	}
	if len(order) == 0 {
		return dataframe.DataFrame{}, fmt.Errorf("%w (%s): no observed responses", ErrEmptySelection, opts.Filter)
	}
	slices.SortFunc(order, func(a, b string) int {
		if (a == "") != (b == "") {
			if a == "" {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	n := len(order) * len(cats)
	gcol, ccol := make([]string, 0, n), make([]string, 0, n)
	counts, totals := make([]int, 0, n), make([]int, 0, n)
	shares := make([]float64, 0, n)
	for _, k := range order {
		g := groups[k]
		for j, cat := range cats {
			gcol, ccol = append(gcol, k), append(ccol, cat)
			counts, totals = append(counts, g.counts[j]), append(totals, g.total)
			shares = append(shares, float64(g.counts[j])/float64(g.total))
		}
	}
	return newFrame(
		series.New(gcol, series.String, keyName),
		series.New(ccol, series.String, catName),
		series.New(counts, series.Int, "count"),
		series.New(totals, series.Int, "responses"),
		series.New(shares, series.Float, "share"),
	)
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// grouping returns the key function and column name of a grouping.
func (c *Columns) grouping(by string) (func(int) string, string, error) {
	switch by {
	case ByResponder:
		return c.Responder.At, "responder", nil
	case ByCase:
		return c.Case.At, "case_id", nil
	case ByAccuser:
		return c.Accuser.At, "accuser", nil
	case ByInstrument:
		return c.Instrument.At, "instrument", nil
	case ByYear:
		return func(i int) string {
			if !c.Date.Known(i) {
				return ""
			}
			return strconv.Itoa(c.Date.At(i).Year)
		}, "year", nil
	}
	return nil, "", fmt.Errorf("%w %q (allowed: %s)", ErrBadGrouping, by, strings.Join(Groupings, ", "))
}

// ErrBadScheme is returned for an unknown scheme.
var ErrBadScheme = fmt.Errorf("unknown scheme")

// categories returns a scheme's categories, each as a mask over the
// strategy bits, and the name of its column.
func (c *Columns) categories(scheme string) ([]string, []uint32, string, error) {
	strategies := c.cb.Strategies()
	switch scheme {
	case SchemeCodes:
		masks := make([]uint32, len(c.StrategyCodes))
		for i := range masks {
			masks[i] = 1 << i
		}
		return c.StrategyCodes, masks, "strategy", nil
	case SchemeBenoit, Scheme4D:
		families, name := c.cb.BenoitFamilies, "benoit_family"
		if scheme == Scheme4D {
			families, name = c.cb.FourD, "four_d"
		}
		cats := make([]string, len(families))
		masks := make([]uint32, len(families))
		for j, f := range families {
			cats[j] = f.Code
			for i, s := range strategies {
				if (scheme == SchemeBenoit && s.Benoit == f.Code) || (scheme == Scheme4D && s.FourD == f.Code) {
					masks[j] |= 1 << i
				}
			}
		}
		return cats, masks, name, nil
	}
	return nil, nil, "", fmt.Errorf("%w %q (allowed: %s)", ErrBadScheme, scheme, strings.Join(Schemes, ", "))
}

// popcount is the number of strategies in a set.
func popcount(set uint32) int { return bits.OnesCount32(set) }
