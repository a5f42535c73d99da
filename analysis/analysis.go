package analysis

import (
	"errors"
	"slices"
	"strconv"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/frame"
	"github.com/rejoinder/rejoinder/schema"
)

// ErrBadGrouping is returned for a grouping variable the analysis does not
// know.
var ErrBadGrouping = errors.New("unknown grouping")

// Observed response values from the codebook that the analysis relies on.
const observedResponded = "responded"

// ResponseLag returns the days from the accusation a response answers to
// the response. ok is false when either date is coarser than a day, when
// the response answers no accusation, or when it is anticipatory (made
// before the accusation it anticipates): such a lag is not known, and a
// negative lag would mislead.
func ResponseLag(ds *dataset.Dataset, r *schema.Response) (days int, ok bool) {
	if r.Anticipatory || r.RespondsTo == "" {
		return 0, false
	}
	return lagFrom(ds.Accusation(r.RespondsTo), r)
}

// LagFrom is ResponseLag given the accusation answered (nil when none),
// for callers that look accusations up in an index (dataset.Index) rather
// than scanning the dataset once per response.
func LagFrom(a *schema.Accusation, r *schema.Response) (days int, ok bool) { return lagFrom(a, r) }

// lagFrom is ResponseLag given the accusation answered (nil when none).
func lagFrom(a *schema.Accusation, r *schema.Response) (days int, ok bool) {
	if a == nil || r.Anticipatory || r.RespondsTo == "" {
		return 0, false
	}
	return schema.DaysBetween(a.Date, r.Date)
}

// Responses returns one row per response with its accusation's context and
// one boolean column per strategy code (named after the code, in codebook
// order), the shape most analyses start from.
//
// Columns: response_id, case_id, responds_to, accuser, responder, date,
// date_precision, lag_days (NaN when unknown: gota's median and count take
// NaN in, so summarise it with KnownStats), organ, channel_type,
// observed, anticipatory, verified, n_quotes, strategies (codes joined by
// "; ", as in every frame: see the package's conventions), then the
// strategy columns.
func Responses(ds *dataset.Dataset) (dataframe.DataFrame, error) {
	if err := ds.Complete(); err != nil {
		return dataframe.DataFrame{}, err
	}
	n := len(ds.Responses)
	str := func() []string { return make([]string, n) }
	ids, cases, to, accusers, responders, dates, precisions := str(), str(), str(), str(), str(), str(), str()
	organs, channels, observed, joined := str(), str(), str(), str()
	lags := make([]any, n)
	anticipatory, verified := make([]bool, n), make([]bool, n)
	nQuotes := make([]int, n)
	codes := strategyCodes(ds)
	flags := make([][]bool, len(codes))
	for i := range flags {
		flags[i] = make([]bool, n)
	}
	ix := ds.Index() // one lookup a response: a scan each would be quadratic
	for i := range ds.Responses {
		r := &ds.Responses[i]
		ids[i], cases[i], to[i], responders[i] = r.ResponseID, r.CaseID, r.RespondsTo, r.Responder
		a := ix.Accusation(r.RespondsTo)
		if a != nil {
			accusers[i] = a.Accuser
		}
		dates[i], precisions[i] = r.Date.String(), r.Date.Precision.String()
		if lag, ok := lagFrom(a, r); ok {
			lags[i] = lag
		}
		organs[i], channels[i], observed[i] = r.Organ, r.ChannelType, r.Observed
		anticipatory[i], verified[i], nQuotes[i] = r.Anticipatory, r.Verified, len(r.Quotes)
		joined[i] = dataset.JoinList(r.Strategies)
		for j, code := range codes {
			flags[j][i] = slices.Contains(r.Strategies, code)
		}
	}
	cols := []series.Series{
		series.New(ids, series.String, "response_id"),
		series.New(cases, series.String, "case_id"),
		series.New(to, series.String, "responds_to"),
		series.New(accusers, series.String, "accuser"),
		series.New(responders, series.String, "responder"),
		series.New(dates, series.String, "date"),
		series.New(precisions, series.String, "date_precision"),
		series.New(lags, series.Int, "lag_days"),
		series.New(organs, series.String, "organ"),
		series.New(channels, series.String, "channel_type"),
		series.New(observed, series.String, "observed"),
		series.New(anticipatory, series.Bool, "anticipatory"),
		series.New(verified, series.Bool, "verified"),
		series.New(nQuotes, series.Int, "n_quotes"),
		series.New(joined, series.String, "strategies"),
	}
	for j, code := range codes {
		cols = append(cols, series.New(flags[j], series.Bool, code))
	}
	return frame.New(cols...)
}

func strategyCodes(ds *dataset.Dataset) []string {
	cb := ds.Codebook
	if cb == nil {
		cb = schema.Default()
	}
	return cb.MustVariable(schema.TableResponses, "strategies").Codes()
}

// Groupings accepted by StrategyProfile.
const (
	ByResponder Grouping = "responder"
	ByCase      Grouping = "case"
)

// StrategyProfile counts, for each group of observed responses, how many
// use each strategy and what share of the group's responses that is: the
// strategy-code profile of Profile, for a grouping (ByResponder, ByCase,
// ByAccuser, ByYear or ByInstrument) and no filter.
//
// Columns: the grouping (responder, case_id, ...), strategy, count,
// responses, share; one row per group and strategy, zeros included.
func StrategyProfile(ds *dataset.Dataset, by Grouping) (dataframe.DataFrame, error) {
	return Profile(ds, ProfileOptions{By: by})
}

func itoa(n int) string { return strconv.Itoa(n) }
