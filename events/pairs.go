package events

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/internal/parquetio"
)

// Accusation is an accusation event: Accuser accused Accused.
type Accusation struct {
	ID       int64
	Date     Day
	Accuser  string
	Accused  string
	Code     string
	Answered bool // false: no response within the window
}

// Response is a response event paired with an accusation: the accused
// state's act toward the accuser within the window.
type Response struct {
	ID   int64
	Date Day
	Code string
	Type string // one of ResponseTypes
	Lag  int    // days from the accusation
}

// Source yields the pairs, accusation by accusation in the order the
// package documentation gives, each with its responses (none when
// unanswered). The slice is reused between calls.
type Source func(fn func(a Accusation, rs []Response) error) error

// ErrWindow is returned for a window the pairing cannot use.
var ErrWindow = errors.New("invalid window")

// Store holds the stored events the pairing needs, compactly: about 24
// bytes an event.
type Store struct {
	evs       []storedEvent
	countries []string
	codes     []string
}

type storedEvent struct {
	id     int64
	day    Day
	a1, a2 uint16 // index in countries
	code   uint8  // index in codes
}

// Len returns the number of events in the store.
func (s *Store) Len() int { return len(s.evs) }

// HasEvents reports whether dir holds an ingested event table.
func HasEvents(dir string) bool {
	info, err := os.Stat(filepath.Join(dir, dataset.PartitionDir(Table)))
	return err == nil && info.IsDir()
}

// Load reads the columns the pairing needs from the event table of an
// ingested dataset (dir/events/year=YYYY/part-0.parquet).
func Load(dir string) (*Store, error) {
	root := filepath.Join(dir, dataset.PartitionDir(Table))
	if err := checkEventDir(root); err != nil {
		return nil, fmt.Errorf("%s: not an event table (run rejoinder events ingest): %w", root, err)
	}
	s := &Store{}
	entries, _ := os.ReadDir(root)
	if len(entries) == 0 {
		return s, nil
	}
	parts, err := dataset.ListPartitions(root)
	if err != nil {
		return nil, err
	}
	country := map[string]uint16{}
	code := map[string]uint8{}
	intern := func(v string) (uint16, error) {
		i, ok := country[v]
		if !ok {
			if len(s.countries) >= 1<<16 {
				return 0, fmt.Errorf("more than %d distinct country codes", 1<<16)
			}
			i = uint16(len(s.countries))
			country[v] = i
			s.countries = append(s.countries, v)
		}
		return i, nil
	}
	names := []string{ColumnEventID, ColumnDate, ColumnActor1, ColumnActor2, ColumnEventCode}
	want := []arrow.DataType{arrow.PrimitiveTypes.Int64, arrow.FixedWidthTypes.Date32, arrow.BinaryTypes.String, arrow.BinaryTypes.String, arrow.BinaryTypes.String}
	for _, p := range parts {
		err := parquetio.ScanColumnsAny(p.Path, names, func(cols []arrow.Array, first, n int) error {
			for i, c := range cols {
				if !arrow.TypeEqual(c.DataType(), want[i]) {
					return fmt.Errorf("%s: column %s is %s, want %s", p.Path, names[i], c.DataType(), want[i])
				}
			}
			ids, days := cols[0].(*array.Int64), cols[1].(*array.Date32)
			a1s, a2s, cs := cols[2].(*array.String), cols[3].(*array.String), cols[4].(*array.String)
			for r := 0; r < n; r++ {
				if cols[0].IsNull(r) || cols[1].IsNull(r) {
					return fmt.Errorf("%s: row %d: event id or date missing", p.Path, first+r+1)
				}
				c := cs.Value(r)
				if ResponseType(c) == "" {
					return fmt.Errorf("%s: row %d: event code %q is not an accusation or response code", p.Path, first+r+1, c)
				}
				ci, ok := code[c]
				if !ok {
					ci = uint8(len(s.codes))
					code[c] = ci
					s.codes = append(s.codes, c)
				}
				a1, err := intern(a1s.Value(r))
				if err != nil {
					return err
				}
				a2, err := intern(a2s.Value(r))
				if err != nil {
					return err
				}
				s.evs = append(s.evs, storedEvent{id: ids.Value(r), day: Day(days.Value(r)), a1: a1, a2: a2, code: ci})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(s.evs, func(a, b storedEvent) int {
		if a.day != b.day {
			return int(a.day - b.day)
		}
		switch {
		case a.id < b.id:
			return -1
		case a.id > b.id:
			return 1
		}
		return 0
	})
	s.evs = slices.Clip(s.evs)
	return s, nil
}

// Pairs returns the pairing of the stored events with a window of
// window days, as a Source (see the package documentation for the
// semantics).
func (s *Store) Pairs(window int) (Source, error) { return s.PairsWhere(window, nil) }

// PairsWhere is Pairs for the accusations keep accepts (all when keep is
// nil): the responses of the others are not looked at, so that a few
// dyads of a large store pair quickly.
func (s *Store) PairsWhere(window int, keep func(Accusation) bool) (Source, error) {
	if window < 0 {
		return nil, fmt.Errorf("%w: %d days (allowed: 0 or more)", ErrWindow, window)
	}
	return func(fn func(Accusation, []Response) error) error {
		isAcc, types := s.codeKinds()
		byDyad := s.byDyad()
		var rs []Response
		for _, a := range s.evs {
			if !isAcc[a.code] {
				continue
			}
			acc := Accusation{ID: a.id, Date: a.day, Accuser: s.countries[a.a1], Accused: s.countries[a.a2], Code: s.codes[a.code]}
			if keep != nil && !keep(acc) {
				continue
			}
			rs = rs[:0]
			list := byDyad[uint32(a.a2)<<16|uint32(a.a1)]
			lo := sort.Search(len(list), func(i int) bool { return s.evs[list[i]].day >= a.day })
			for _, j := range list[lo:] {
				r := s.evs[j]
				if int(r.day-a.day) > window {
					break
				}
				rs = append(rs, Response{ID: r.id, Date: r.day, Code: s.codes[r.code], Type: types[r.code], Lag: int(r.day - a.day)})
			}
			acc.Answered = len(rs) > 0
			if err := fn(acc, rs); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// codeKinds returns, by code index, whether the code is an accusation and
// its response type.
func (s *Store) codeKinds() ([]bool, []string) {
	isAcc := make([]bool, len(s.codes))
	types := make([]string, len(s.codes))
	for i, c := range s.codes {
		isAcc[i], types[i] = IsAccusation(c), ResponseType(c)
	}
	return isAcc, types
}

// byDyad groups the stored events (every one a response of some type) by
// dyad actor1<<16|actor2, in (day, id) order since evs is sorted so.
func (s *Store) byDyad() map[uint32][]int32 {
	m := map[uint32][]int32{}
	for i, e := range s.evs {
		k := uint32(e.a1)<<16 | uint32(e.a2)
		m[k] = append(m[k], int32(i))
	}
	return m
}

// Tally is an accusation's responses within the window, counted rather
// than listed.
type Tally struct {
	Responses int   // pairs
	FirstLag  int   // days to the first response; 0 when there is none
	ByType    []int // responses of each of ResponseTypes
}

// Tallies yields each accusation, in the order of Source, with its
// responses counted (the Tally is reused between calls). Summaries need
// no more, and counting does not grow with the number of pairs, which
// may be the product of the accusations and responses of a dyad.
type Tallies func(fn func(a Accusation, t *Tally) error) error

// Tallies counts the responses of src's accusations by listing them:
// for pairs that are listed anyway (imported ones).
func (src Source) Tallies() Tallies {
	return func(fn func(Accusation, *Tally) error) error {
		t := &Tally{ByType: make([]int, len(ResponseTypes))}
		return src(func(a Accusation, rs []Response) error {
			*t = Tally{ByType: t.ByType}
			clear(t.ByType)
			t.Responses = len(rs)
			for i, r := range rs {
				if i == 0 || r.Lag < t.FirstLag {
					t.FirstLag = r.Lag
				}
				t.ByType[slices.Index(ResponseTypes, r.Type)]++
			}
			return fn(a, t)
		})
	}
}

// Tallies counts the responses of each stored accusation within the
// window without listing them: two binary searches in the reversed dyad's
// events and prefix counts by type, whatever the number of pairs.
func (s *Store) Tallies(window int) (Tallies, error) {
	if window < 0 {
		return nil, fmt.Errorf("%w: %d days (allowed: 0 or more)", ErrWindow, window)
	}
	return func(fn func(Accusation, *Tally) error) error {
		isAcc, types := s.codeKinds()
		typeIndex := make([]int, len(types))
		for i, ty := range types {
			typeIndex[i] = slices.Index(ResponseTypes, ty)
		}
		byDyad := s.byDyad()
		// prefix[k][t*(n+1)+i]: events of type t among the first i of dyad k.
		prefix := make(map[uint32][]int32, len(byDyad))
		nt := len(ResponseTypes)
		for k, list := range byDyad {
			n := len(list)
			p := make([]int32, nt*(n+1))
			for i, j := range list {
				for ty := range nt {
					p[ty*(n+1)+i+1] = p[ty*(n+1)+i]
				}
				p[typeIndex[s.evs[j].code]*(n+1)+i+1]++
			}
			prefix[k] = p
		}
		t := &Tally{ByType: make([]int, nt)}
		for _, a := range s.evs {
			if !isAcc[a.code] {
				continue
			}
			k := uint32(a.a2)<<16 | uint32(a.a1)
			list := byDyad[k]
			n := len(list)
			lo := sort.Search(n, func(i int) bool { return s.evs[list[i]].day >= a.day })
			hi := sort.Search(n, func(i int) bool { return int(s.evs[list[i]].day-a.day) > window })
			*t = Tally{ByType: t.ByType, Responses: hi - lo}
			if hi > lo {
				t.FirstLag = int(s.evs[list[lo]].day - a.day)
				p := prefix[k]
				for ty := range nt {
					t.ByType[ty] = int(p[ty*(n+1)+hi] - p[ty*(n+1)+lo])
				}
			} else {
				clear(t.ByType)
			}
			acc := Accusation{ID: a.id, Date: a.day, Accuser: s.countries[a.a1], Accused: s.countries[a.a2], Code: s.codes[a.code], Answered: hi > lo}
			if err := fn(acc, t); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// Rows returns the number of rows of the pairs table: one per pair, and
// one per unanswered accusation.
func (ts Tallies) Rows() (int64, error) {
	var n int64
	err := ts(func(_ Accusation, t *Tally) error {
		n += int64(max(t.Responses, 1))
		return nil
	})
	return n, err
}

// Pair is one row of the pairs table: an accusation and one response to
// it, or an unanswered accusation (Answered false, response fields zero).
// The responder is the accused and the response's target the accuser.
type Pair struct {
	Accusation
	Response
}

// PairColumns are the column names of the pairs table, in order, as
// WritePairs, the SQL of SQL and Import use them.
var PairColumns = []string{"accusation_id", "accusation_date", "accuser", "accused", "accusation_code",
	"response_id", "response_date", "responder", "response_target", "response_code", "response_type", "lag_days"}

// Each calls fn for every row of the pairs table src yields.
func (src Source) Each(fn func(p Pair) error) error {
	return src(func(a Accusation, rs []Response) error {
		if len(rs) == 0 {
			return fn(Pair{Accusation: a})
		}
		for _, r := range rs {
			if err := fn(Pair{Accusation: a, Response: r}); err != nil {
				return err
			}
		}
		return nil
	})
}

// Within narrows a Source to a smaller window: only responses with a lag
// of at most window days, an accusation without one being unanswered.
// It lets pairs computed elsewhere with a wide window answer for a
// narrower one.
func (src Source) Within(window int) Source {
	return func(fn func(Accusation, []Response) error) error {
		var kept []Response
		return src(func(a Accusation, rs []Response) error {
			kept = kept[:0]
			for _, r := range rs {
				if r.Lag <= window {
					kept = append(kept, r)
				}
			}
			a.Answered = len(kept) > 0
			return fn(a, kept)
		})
	}
}
