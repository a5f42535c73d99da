package analysis

import (
	"cmp"
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"strconv"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/internal/frame"
	"github.com/rejoinder/rejoinder/schema"
)

// Grouping names how an analysis groups the responses (Profile,
// CoOccurrences): a type of its own, so that a grouping cannot be passed
// where a scheme or a metric is meant. ParseGrouping reads one from text.
type Grouping string

// Groupings for profiles, beside ByResponder and ByCase.
const (
	ByAccuser    Grouping = "accuser"
	ByYear       Grouping = "year"
	ByInstrument Grouping = "instrument"
	ByOrgan      Grouping = "organ"
	ByChannel    Grouping = "channel_type"
)

// Groupings lists every grouping Profile accepts.
var Groupings = []Grouping{ByResponder, ByCase, ByAccuser, ByYear, ByInstrument, ByOrgan, ByChannel}

// ParseGrouping returns the grouping named s, or an ErrBadGrouping error
// that lists the allowed ones.
func ParseGrouping(s string) (Grouping, error) { return parseName(s, Groupings, ErrBadGrouping) }

// Scheme names the categories a profile counts: the codebook's strategy
// codes, or their roll-up to Benoit's families or to the 4D scheme.
// ParseScheme reads one from text.
type Scheme string

// ParseScheme returns the scheme named s, or an ErrBadScheme error that
// lists the allowed ones.
func ParseScheme(s string) (Scheme, error) { return parseName(s, Schemes, ErrBadScheme) }

// parseName finds s among the allowed names of a kind of option.
func parseName[T ~string](s string, allowed []T, kind error) (T, error) {
	if slices.Contains(allowed, T(s)) {
		return T(s), nil
	}
	return "", fmt.Errorf("%w %q (allowed: %s)", kind, s, joinNames(allowed))
}

// joinNames lists option names for a message.
func joinNames[T ~string](names []T) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = string(n)
	}
	return strings.Join(parts, ", ")
}

// Schemes for profiles: the codebook's strategy codes, or their roll-up
// to Benoit's image-repair families or to the 4D scheme.
const (
	SchemeCodes  Scheme = "codes"
	SchemeBenoit Scheme = "benoit"
	Scheme4D     Scheme = "4d"
)

// Schemes lists every scheme Profile accepts.
var Schemes = []Scheme{SchemeCodes, SchemeBenoit, Scheme4D}

// ProfileOptions says how to profile.
type ProfileOptions struct {
	By     Grouping // one of Groupings; ByResponder when empty
	Scheme Scheme   // one of Schemes; SchemeCodes when empty
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
//
// From a Parquet source it counts batch by batch as the files are read,
// with flat memory (see the Parquet source's notes in the package doc).
func Profile[S Source](src S, opts ProfileOptions) (dataframe.DataFrame, error) {
	if dir, ok := any(src).(Parquet); ok {
		return profileParquet(string(dir), opts)
	}
	c, err := columnsOf(src, opts.Filter)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	return c.Profile(opts)
}

// Profile profiles the columns.
//
// Deprecated: call analysis.Profile(c, ...) instead: one function serves a
// dataset, its columns and a Parquet directory alike.
func (c *Columns) Profile(opts ProfileOptions) (dataframe.DataFrame, error) {
	by, scheme := cmp.Or(opts.By, ByResponder), cmp.Or(opts.Scheme, SchemeCodes)
	key, keyName, err := c.grouping(by)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	p, err := newProfileCounter(c.cb, scheme, keyName)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	rows, err := c.Select(opts.Filter)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	for _, i := range rows {
		if c.Responded(i) {
			p.add(key(i), c.Strategies[i])
		}
	}
	return p.frame(opts.Filter)
}

// profileCounter counts, per group, the responses and the responses in
// each category: the one pass every profile makes, over the columnar view
// or straight over Parquet batches.
type profileCounter struct {
	cats             []string
	masks            []uint32 // per category, the strategy bits it takes in
	keyName, catName string
	groups           map[string]*profileGroup
}

type profileGroup struct {
	total  int
	counts []int
}

func newProfileCounter(cb *schema.Codebook, scheme Scheme, keyName string) (*profileCounter, error) {
	cats, masks, catName, err := categories(cb, scheme)
	if err != nil {
		return nil, err
	}
	return &profileCounter{cats: cats, masks: masks, keyName: keyName, catName: catName, groups: map[string]*profileGroup{}}, nil
}

// add counts one observed response of group key with strategy set set.
func (p *profileCounter) add(key string, set uint32) {
	g := p.groups[key]
	if g == nil {
		g = &profileGroup{counts: make([]int, len(p.cats))}
		p.groups[strings.Clone(key)] = g // key may point into a reused Arrow buffer
	}
	g.total++
	for j, m := range p.masks {
		if set&m != 0 {
			g.counts[j]++
		}
	}
}

// merge adds another counter's counts (of the same scheme) to p.
func (p *profileCounter) merge(q *profileCounter) {
	for k, h := range q.groups {
		g := p.groups[k]
		if g == nil {
			p.groups[k] = h
			continue
		}
		g.total += h.total
		for j := range g.counts {
			g.counts[j] += h.counts[j]
		}
	}
}

// frame returns the counts as Profile documents them.
func (p *profileCounter) frame(f Filter) (dataframe.DataFrame, error) {
	if len(p.groups) == 0 {
		return dataframe.DataFrame{}, fmt.Errorf("%w (%s): no observed responses", ErrEmptySelection, f)
	}
	order := groupOrder(p.groups)
	n := len(order) * len(p.cats)
	gcol, ccol := make([]string, 0, n), make([]string, 0, n)
	counts, totals := make([]int, 0, n), make([]int, 0, n)
	shares := make([]float64, 0, n)
	for _, k := range order {
		g := p.groups[k]
		for j, cat := range p.cats {
			gcol, ccol = append(gcol, k), append(ccol, cat)
			counts, totals = append(counts, g.counts[j]), append(totals, g.total)
			shares = append(shares, float64(g.counts[j])/float64(g.total))
		}
	}
	return frame.New(
		series.New(gcol, series.String, p.keyName),
		series.New(ccol, series.String, p.catName),
		series.New(counts, series.Int, "count"),
		series.New(totals, series.Int, "responses"),
		series.New(shares, series.Float, "share"),
	)
}

// groupOrder is the order groups are reported in: by key, the unknown
// group "" last.
func groupOrder[V any](groups map[string]V) []string {
	order := slices.Collect(maps.Keys(groups))
	slices.SortFunc(order, func(a, b string) int {
		if (a == "") != (b == "") {
			if a == "" {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	return order
}

// grouping returns the key function and column name of a grouping.
func (c *Columns) grouping(by Grouping) (func(int) string, string, error) {
	switch by {
	case ByResponder:
		return c.Responder.At, "responder", nil
	case ByCase:
		return c.Case.At, "case_id", nil
	case ByAccuser:
		return c.Accuser.At, "accuser", nil
	case ByInstrument:
		return c.Instrument.At, "instrument", nil
	case ByOrgan:
		return c.Organ.At, "organ", nil
	case ByChannel:
		return c.ChannelType.At, "channel_type", nil
	case ByYear:
		return func(i int) string {
			if !c.Date.Known(i) {
				return ""
			}
			return strconv.Itoa(c.Date.At(i).Year)
		}, "year", nil
	}
	return nil, "", fmt.Errorf("%w %q (allowed: %s)", ErrBadGrouping, by, joinNames(Groupings))
}

// ErrBadScheme is returned for an unknown scheme.
var ErrBadScheme = fmt.Errorf("unknown scheme")

// categories returns a scheme's categories, each as a mask over the
// strategy bits (bit i: the codebook's i-th strategy code), and the name
// of its column.
func categories(cb *schema.Codebook, scheme Scheme) ([]string, []uint32, string, error) {
	strategies := cb.Strategies()
	switch scheme {
	case SchemeCodes:
		codes := cb.MustVariable(schema.TableResponses, "strategies").Codes()
		masks := make([]uint32, len(codes))
		for i := range masks {
			masks[i] = 1 << i
		}
		return codes, masks, "strategy", nil
	case SchemeBenoit, Scheme4D:
		families, name := cb.BenoitFamilies, "benoit_family"
		if scheme == Scheme4D {
			families, name = cb.FourD, "four_d"
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
	return nil, nil, "", fmt.Errorf("%w %q (allowed: %s)", ErrBadScheme, scheme, joinNames(Schemes))
}

// popcount is the number of strategies in a set.
func popcount(set uint32) int { return bits.OnesCount32(set) }
