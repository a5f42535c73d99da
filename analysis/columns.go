package analysis

import (
	"errors"
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"strings"
	"sync"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// Columns is a columnar view of the responses, each joined to the
// accusation it answers: the input of the heavy analyses. Strings that
// repeat (states, codes) are dictionary-coded, and a response's strategies
// and its accusation's evidence are bit sets over the codebook's codes, so
// that grouping a million responses is a pass over small integers rather
// than a gota GroupBy.
type Columns struct {
	N int // number of responses

	ResponseID  []string
	Case        Dict
	Responder   Dict
	Accuser     Dict // of the accusation answered ("" when none)
	Instrument  Dict
	Organ       Dict
	ChannelType Dict
	Observed    Dict

	Date           DateColumn // of the response
	AccusationDate DateColumn // of the accusation answered
	Anticipatory   []bool
	Verified       []bool
	Strategies     []uint32 // bit i: StrategyCodes[i]
	Evidence       []uint32 // bit i: EvidenceCodes[i], of the accusation answered

	StrategyCodes []string
	EvidenceCodes []string

	cb *schema.Codebook
	// The quotes are gathered from the dataset only when KWIC first needs
	// them; profiles and similarity never pay for them.
	ds  *dataset.Dataset
	dir string // Parquet directory, for ReadColumns
	// ids of the cases and accusations read from dir, against which
	// the quotes' references are checked.
	ids        map[string]map[string]bool
	pruned     []dataset.Partition // responses' partitions a filter pruned
	quotesOnce sync.Once
	quotes     []quoteRow
	quotesErr  error
}

// DateColumn stores dates compactly: days since 1970-01-01 and precision.
type DateColumn struct {
	Days      []int32
	Precision []schema.Precision
}

func newDateColumn(n int) DateColumn {
	return DateColumn{Days: make([]int32, n), Precision: make([]schema.Precision, n)}
}

func (d *DateColumn) set(i int, v schema.Date) {
	d.Days[i], d.Precision[i] = v.DaysSinceEpoch(), v.Precision
}

// At returns row i's date.
func (d *DateColumn) At(i int) schema.Date {
	return schema.DateFromEpochDays(d.Days[i], d.Precision[i])
}

// Known reports whether row i has a date.
func (d *DateColumn) Known(i int) bool { return d.Precision[i] != schema.PrecisionNone }

type quoteRow struct {
	id, unit, caseID, sourceID, text string
	response                         int32  // row of the response; -1 for an accusation's quote
	codes                            string // the strategies the quote evidences, joined by "; "
}

// Dict is a dictionary-coded string column: row i holds Values[Codes[i]].
type Dict struct {
	Codes  []int32
	Values []string
	index  map[string]int32
}

// Add appends a value and returns its code.
func (d *Dict) Add(v string) int32 {
	if d.index == nil {
		d.index = map[string]int32{}
	}
	if n := len(d.Codes); n > 0 && d.Values[d.Codes[n-1]] == v {
		d.Codes = append(d.Codes, d.Codes[n-1]) // runs are common: a case's responses come together
		return d.Codes[n-1]
	}
	c, ok := d.index[v]
	if !ok {
		c = int32(len(d.Values))
		d.index[v] = c
		d.Values = append(d.Values, v)
	}
	d.Codes = append(d.Codes, c)
	return c
}

// At returns row i's value.
func (d *Dict) At(i int) string { return d.Values[d.Codes[i]] }

// ColumnsOf builds the columnar view of a dataset's responses.
func ColumnsOf(ds *dataset.Dataset) *Columns {
	cb := ds.Codebook
	if cb == nil {
		cb = schema.Default()
	}
	c := &Columns{cb: cb, N: len(ds.Responses), ds: ds}
	c.StrategyCodes = cb.MustVariable(schema.TableResponses, "strategies").Codes()
	c.EvidenceCodes = cb.MustVariable(schema.TableAccusations, "evidence_cited").Codes()
	strategyBit := bitIndex(c.StrategyCodes)
	evidenceBit := bitIndex(c.EvidenceCodes)
	type accInfo struct {
		accuser, instrument string
		date                schema.Date
		evidence            uint32
	}
	accusations := make(map[string]accInfo, len(ds.Accusations))
	for _, a := range ds.Accusations {
		info := accInfo{accuser: a.Accuser, instrument: a.Instrument, date: a.Date}
		for _, e := range a.EvidenceCited {
			info.evidence |= evidenceBit[e]
		}
		accusations[a.AccusationID] = info
	}
	n := c.N
	c.ResponseID = make([]string, n)
	for _, d := range []*Dict{&c.Case, &c.Responder, &c.Accuser, &c.Instrument, &c.Organ, &c.ChannelType, &c.Observed} {
		d.Codes = make([]int32, 0, n)
	}
	c.Date, c.AccusationDate = newDateColumn(n), newDateColumn(n)
	c.Anticipatory, c.Verified = make([]bool, n), make([]bool, n)
	c.Strategies, c.Evidence = make([]uint32, n), make([]uint32, n)
	lastTo, last := "\x00", accInfo{}
	for i := range ds.Responses {
		r := &ds.Responses[i]
		c.ResponseID[i] = r.ResponseID
		c.Case.Add(r.CaseID)
		c.Responder.Add(r.Responder)
		c.Organ.Add(r.Organ)
		c.ChannelType.Add(r.ChannelType)
		c.Observed.Add(r.Observed)
		c.Date.set(i, r.Date)
		c.Anticipatory[i], c.Verified[i] = r.Anticipatory, r.Verified
		for _, s := range r.Strategies {
			c.Strategies[i] |= strategyBit[s]
		}
		if r.RespondsTo != lastTo {
			lastTo, last = r.RespondsTo, accusations[r.RespondsTo]
		}
		c.Accuser.Add(last.accuser)
		c.Instrument.Add(last.instrument)
		c.AccusationDate.set(i, last.date)
		c.Evidence[i] = last.evidence
	}
	return c
}

// quoteRows gathers the quotes once, from the dataset or the Parquet
// directory the columns came from.
func (c *Columns) quoteRows() ([]quoteRow, error) {
	c.quotesOnce.Do(func() {
		rowOf := make(map[string]int32, c.N)
		for i, id := range c.ResponseID {
			rowOf[id] = int32(i)
		}
		if c.dir != "" {
			c.quotes, c.quotesErr = readQuotes(c.dir, rowOf, c.ids, c.pruned)
			return
		}
		if c.ds == nil {
			return
		}
		for _, a := range c.ds.Accusations {
			for _, q := range a.Quotes {
				c.quotes = append(c.quotes, quoteRow{q.QuoteID, q.UnitID, q.CaseID, q.SourceID, q.Text, -1, strings.Join(q.Codes, "; ")})
			}
		}
		for _, r := range c.ds.Responses {
			for _, q := range r.Quotes {
				c.quotes = append(c.quotes, quoteRow{q.QuoteID, q.UnitID, q.CaseID, q.SourceID, q.Text, rowOf[r.ResponseID], strings.Join(q.Codes, "; ")})
			}
		}
	})
	return c.quotes, c.quotesErr
}

// MaxSetCodes is how many codes a strategy or evidence set can hold: the
// sets are uint32 bit sets, one bit a code.
const MaxSetCodes = 32

// bitIndex gives each code its bit. A codebook with more codes than a set
// holds is a programming error caught here, loudly, rather than codes
// silently shifted out of every analysis (TestCodebookFitsBitSets keeps
// the built-in codebook within the limit).
func bitIndex(codes []string) map[string]uint32 {
	if len(codes) > MaxSetCodes {
		panic(fmt.Sprintf("analysis: %d codes do not fit a set of %d (%s ...): widen Columns.Strategies and Columns.Evidence", len(codes), MaxSetCodes, strings.Join(codes[:3], ", ")))
	}
	m := make(map[string]uint32, len(codes))
	for i, c := range codes {
		m[c] = 1 << i
	}
	return m
}

// Lag returns row i's lag in days from the accusation it answers, with
// the same rules as ResponseLag.
func (c *Columns) Lag(i int) (int, bool) {
	if c.Anticipatory[i] || c.Accuser.At(i) == "" {
		return 0, false
	}
	if c.Date.Precision[i] != schema.PrecisionDay || c.AccusationDate.Precision[i] != schema.PrecisionDay {
		return 0, false
	}
	return int(c.Date.Days[i] - c.AccusationDate.Days[i]), true
}

// Responded reports whether row i is an observed response (not a record
// of silence or a declined comment).
func (c *Columns) Responded(i int) bool { return c.Observed.At(i) == observedResponded }

// strategiesOf lists the codes set in a strategy bit set, in codebook order.
func (c *Columns) strategiesOf(set uint32) []string {
	out := make([]string, 0, bits.OnesCount32(set))
	for set != 0 {
		i := bits.TrailingZeros32(set)
		out = append(out, c.StrategyCodes[i])
		set &^= 1 << i
	}
	return out
}

// Filter selects responses. Every non-empty field narrows the selection;
// the zero Filter selects every response. It is shared by all analyses.
type Filter struct {
	Responders  []string    // ISO3 codes of the responding states
	Accusers    []string    // ISO3 codes of the accusers of the accusations answered
	Cases       []string    // case ids
	Instruments []string    // instrument codes of the accusations answered
	From, To    schema.Date // response date range, inclusive; a response with no date is excluded once either is set
	Verified    bool        // only responses marked verified
	Strategies  []string    // strategy codes: responses that use any of them
	Organs      []string    // organ codes of the responding organ
	Channels    []string    // channel_type codes
	Observed    []string    // observed codes (responded, declined_comment, no_response_found)
}

// Streamable reports whether an analysis that reads Parquet batches
// (ProfileParquet) can apply the filter as it streams; the strategy, organ
// and observed filters need the columnar view (ReadColumnsWhere), which
// ProfileParquet then reads instead.
func (f Filter) Streamable() bool {
	return len(f.Strategies) == 0 && len(f.Organs) == 0 && len(f.Channels) == 0 && len(f.Observed) == 0
}

// ErrEmptySelection is returned when a filter selects no responses, so
// that an empty table is never mistaken for a finding.
var ErrEmptySelection = errors.New("no responses match the selection")

// ErrBadFilter is returned for a filter value the data cannot contain.
var ErrBadFilter = errors.New("invalid filter")

// String describes the filter in words, for messages and captions.
func (f Filter) String() string {
	var parts []string
	add := func(name string, vs []string) {
		if len(vs) > 0 {
			parts = append(parts, name+" "+strings.Join(vs, ","))
		}
	}
	add("responder", f.Responders)
	add("accuser", f.Accusers)
	add("case", f.Cases)
	add("instrument", f.Instruments)
	add("strategy", f.Strategies)
	add("organ", f.Organs)
	add("channel", f.Channels)
	add("observed", f.Observed)
	if !f.From.IsZero() {
		parts = append(parts, "from "+f.From.String())
	}
	if !f.To.IsZero() {
		parts = append(parts, "to "+f.To.String())
	}
	if f.Verified {
		parts = append(parts, "verified only")
	}
	if len(parts) == 0 {
		return "all responses"
	}
	return strings.Join(parts, "; ")
}

// check rejects values no dataset can contain (so a typo is an error, not
// an empty result explained as such).
func (f Filter) check(cb *schema.Codebook) error {
	for _, s := range f.Responders {
		if !schema.IsCountry(s) {
			return fmt.Errorf("%w: %q is not an ISO 3166-1 alpha-3 country code", ErrBadFilter, s)
		}
	}
	for _, s := range f.Accusers {
		if !schema.IsActor(s) {
			return fmt.Errorf("%w: %q is not an ISO 3166-1 alpha-3 country code or an international body (%s)", ErrBadFilter, s, strings.Join(schema.BodyCodes(), ", "))
		}
	}
	instruments := cb.MustVariable(schema.TableAccusations, "instrument")
	for _, s := range f.Instruments {
		if _, ok := instruments.Value(s); !ok {
			return fmt.Errorf("%w: unknown instrument %q (allowed: %s)", ErrBadFilter, s, strings.Join(instruments.Codes(), ", "))
		}
	}
	for _, v := range []struct {
		table, name string
		values      []string
	}{{schema.TableResponses, "strategies", f.Strategies}, {schema.TableResponses, "organ", f.Organs},
		{schema.TableResponses, "channel_type", f.Channels}, {schema.TableResponses, "observed", f.Observed}} {
		variable := cb.MustVariable(v.table, v.name)
		for _, s := range v.values {
			if _, ok := variable.Value(s); !ok {
				return fmt.Errorf("%w: unknown %s code %q (allowed: %s)", ErrBadFilter, v.name, s, strings.Join(variable.Codes(), ", "))
			}
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return fmt.Errorf("%w: the range ends (%s) before it starts (%s)", ErrBadFilter, f.To, f.From)
	}
	return nil
}

// Select returns the rows the filter keeps, in row order, or
// ErrEmptySelection.
func (c *Columns) Select(f Filter) ([]int, error) {
	m, err := f.matcher(c.cb)
	if err != nil {
		return nil, err
	}
	responders, accusers := m.responders.over(&c.Responder), m.accusers.over(&c.Accuser)
	cases, instruments := m.cases.over(&c.Case), m.instruments.over(&c.Instrument)
	organs, observed := newValueSet(f.Organs).over(&c.Organ), newValueSet(f.Observed).over(&c.Observed)
	channels := newValueSet(f.Channels).over(&c.ChannelType)
	var anyStrategy uint32
	for _, code := range f.Strategies {
		anyStrategy |= c.bit(code)
	}
	if err := checkCases(f, c.knownCases()); err != nil {
		return nil, err
	}
	var rows []int
	for i := 0; i < c.N; i++ {
		if (responders != nil && !responders[c.Responder.Codes[i]]) ||
			(accusers != nil && !accusers[c.Accuser.Codes[i]]) ||
			(cases != nil && !cases[c.Case.Codes[i]]) ||
			(instruments != nil && !instruments[c.Instrument.Codes[i]]) ||
			(organs != nil && !organs[c.Organ.Codes[i]]) ||
			(observed != nil && !observed[c.Observed.Codes[i]]) ||
			(channels != nil && !channels[c.ChannelType.Codes[i]]) ||
			(anyStrategy != 0 && c.Strategies[i]&anyStrategy == 0) ||
			(f.Verified && !c.Verified[i]) {
			continue
		}
		if m.ranged && !m.inRange(c.Date.At(i)) {
			continue
		}
		rows = append(rows, i)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%w (%s)", ErrEmptySelection, f)
	}
	return rows, nil
}

// knownCases are the ids of every case of the data, responses or not.
func (c *Columns) knownCases() map[string]bool {
	if c.ids != nil {
		return c.ids[schema.TableCases]
	}
	known := map[string]bool{}
	if c.ds != nil {
		for _, cs := range c.ds.Cases {
			known[cs.CaseID] = true
		}
		return known
	}
	for _, id := range c.Case.Values {
		known[id] = true
	}
	return known
}

// checkCases refuses a case id the data does not hold: a typo, not a
// finding, so it is not reported as an empty selection.
func checkCases(f Filter, known map[string]bool) error {
	for _, id := range f.Cases {
		if !known[id] {
			ids := slices.Sorted(maps.Keys(known))
			hint := ""
			if h := schema.DidYouMean(id, ids); h != "" {
				hint = "; " + h
			}
			return fmt.Errorf("%w: no case %q in the data%s", ErrBadFilter, id, hint)
		}
	}
	return nil
}

// matcher is a checked Filter in the form rows are tested against, one
// value at a time (a Parquet batch) or one dictionary at a time (Select).
type matcher struct {
	responders, accusers, cases, instruments valueSet
	from, to                                 schema.Date
	ranged                                   bool // from or to is set
	verified                                 bool
}

// valueSet is a filter's list of allowed values; nil allows every value.
type valueSet map[string]bool

func newValueSet(values []string) valueSet {
	if len(values) == 0 {
		return nil
	}
	s := make(valueSet, len(values))
	for _, v := range values {
		s[v] = true
	}
	return s
}

// has reports whether v passes; every value passes a nil set.
func (s valueSet) has(v string) bool { return s == nil || s[v] }

// over returns, per value of d, whether it passes; nil when all do.
func (s valueSet) over(d *Dict) []bool {
	if s == nil {
		return nil
	}
	ok := make([]bool, len(d.Values))
	for i, v := range d.Values {
		ok[i] = s[v]
	}
	return ok
}

func (f Filter) matcher(cb *schema.Codebook) (matcher, error) {
	if err := f.check(cb); err != nil {
		return matcher{}, err
	}
	return matcher{
		responders: newValueSet(f.Responders), accusers: newValueSet(f.Accusers),
		cases: newValueSet(f.Cases), instruments: newValueSet(f.Instruments),
		from: f.From, to: f.To, ranged: !f.From.IsZero() || !f.To.IsZero(), verified: f.Verified,
	}, nil
}

// inRange reports whether a response dated d is in the date range; an
// undated response is not in any range.
func (m matcher) inRange(d schema.Date) bool {
	return !d.IsZero() && (m.from.IsZero() || !d.Before(m.from)) && (m.to.IsZero() || !m.to.Before(d))
}
