package dataset

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/rejoinder/rejoinder/schema"
)

// streamBatch is the number of rows ValidateStreamed decodes at a time
// (a variable so that tests can cross batch boundaries on small data).
var streamBatch = 16 * 1024

// ValidateStreamed checks the responses and quotes of a Parquet directory
// with the rules Validate applies to a loaded dataset (and build to YAML
// records) — codes, ids, text without leading or trailing white space,
// references, the ties between a response and its accusation, a quote's
// source among its unit's — without loading them: it decodes one batch
// of rows at a time. small holds the directory's cases, accusations and
// sources, read and validated by ReadParquetTables.
//
// What it keeps between batches is compact, so that checking a million
// responses takes tens of megabytes rather than the records' gigabyte: for
// each id a 128-bit hash (two maphash sums, so that two distinct ids
// collide with odds near 2^-128) instead of the string, and for each
// response its strategies and the codes its quotes name as bit sets and its
// sources as indexes. The few ids a problem needs are read again at the
// end. Problems are located by file and row; it returns them as one error.
func ValidateStreamed(dir string, small *Dataset) error {
	cb := small.codebook()
	known := cb.MustVariable(schema.TableResponses, "strategies").Codes()
	if len(known) > 64 {
		return fmt.Errorf("dataset: ValidateStreamed keeps a response's strategies in 64 bits; the codebook has %d", len(known))
	}
	var problems schema.ErrorList
	st := newCheckState(small, known)
	sourceRow := make(map[string]int, len(small.Sources))
	for i, s := range small.Sources {
		sourceRow[s.SourceID] = i
	}
	err := scanBatches(dir, schema.TableResponses, func(batch *Dataset) {
		recs := st.referenced(small, batch.Responses, sourceRow)
		// The quotes come later: evidence is checked once they are read.
		for _, p := range onlyTable(schema.Validate(cb, &recs), schema.TableResponses) {
			if !errors.Is(p, schema.ErrUnevidenced) {
				problems = append(problems, p)
			}
		}
		// Validate reports an id repeated within the batch; here, one
		// first used in an earlier batch.
		inBatch := map[string]bool{}
		for _, r := range batch.Responses {
			if !st.addResponse(&r) && r.ResponseID != "" && !inBatch[r.ResponseID] {
				problems = append(problems, &schema.FieldError{File: r.Pos.File, Line: r.Pos.Line, Table: schema.TableResponses,
					ID: r.ResponseID, Field: "response_id", Value: r.ResponseID, Allowed: "each id once", Err: schema.ErrDuplicateID})
			}
			inBatch[r.ResponseID] = true
		}
	})
	if err != nil {
		return err
	}
	quoteIDs := idSet{}
	err = scanBatches(dir, schema.TableQuotes, func(batch *Dataset) {
		// Each quote goes on a stand-in of its unit carrying the unit's
		// sources, so that Validate checks the quote's fields and its
		// source; only the quotes' problems are kept.
		var recs schema.Records
		cited := map[int]bool{} // the sources the batch's quotes cite, for Validate to find
		units := map[string]int{}
		earlier := map[string]uint32{} // unit id → its quotes in earlier batches
		inBatch := map[string]bool{}   // as for the responses
		for _, q := range batch.pendingQuotes {
			if !quoteIDs.add(st.key(q.QuoteID)) && !inBatch[q.QuoteID] {
				problems = append(problems, &schema.FieldError{File: q.Pos.File, Line: q.Pos.Line, Table: schema.TableQuotes,
					ID: q.QuoteID, Field: "quote_id", Value: q.QuoteID, Allowed: "each id once", Err: schema.ErrDuplicateID})
			}
			inBatch[q.QuoteID] = true
			if i, ok := sourceRow[q.SourceID]; ok {
				cited[i] = true
			}
			if i, ok := st.accusation[q.UnitID]; ok {
				a := &small.Accusations[i]
				k, seen := units[q.UnitID]
				if !seen {
					k = len(recs.Accusations)
					units[q.UnitID] = k
					earlier[q.UnitID] = st.accusationQuotes[i]
					recs.Accusations = append(recs.Accusations, schema.Accusation{AccusationID: a.AccusationID, Sources: a.Sources, Pos: q.Pos})
				}
				recs.Accusations[k].Quotes = append(recs.Accusations[k].Quotes, q)
				st.accusationQuotes[i]++
				continue
			}
			u, ok := st.response(q.UnitID)
			if !ok {
				problems = append(problems, &schema.FieldError{File: q.Pos.File, Line: q.Pos.Line, Table: schema.TableQuotes, ID: q.QuoteID,
					Field: "unit_id", Value: q.UnitID, Allowed: "the id of an accusation or response", Err: schema.ErrDangling})
				continue
			}
			k, seen := units[q.UnitID]
			if !seen {
				k = len(recs.Responses)
				units[q.UnitID] = k
				earlier[q.UnitID] = st.quotes[u]
				recs.Responses = append(recs.Responses, schema.Response{ResponseID: q.UnitID, Sources: st.sourcesOf(u), Strategies: st.strategiesOf(u), Pos: q.Pos})
			}
			recs.Responses[k].Quotes = append(recs.Responses[k].Quotes, q)
			st.addEvidence(u, q.Codes)
			st.quotes[u]++
		}
		for _, i := range slices.Sorted(maps.Keys(cited)) {
			recs.Sources = append(recs.Sources, small.Sources[i])
		}
		for _, p := range schema.Validate(cb, &recs) {
			if p.Table == schema.TableQuotes {
				problems = append(problems, p)
			} else if strings.HasPrefix(p.Field, "quotes[") {
				// A stand-in holds the batch's quotes of its unit: count
				// from the unit's first quote.
				p.Field = shiftQuoteIndex(p.Field, earlier[p.ID])
				problems = append(problems, p)
			}
		}
	})
	if err != nil {
		return err
	}
	// The rules that tie the tables together, now that all are read: each
	// strategy evidenced by a quote, each accusation answered.
	if bare := st.unevidenced(); len(bare) > 0 {
		// Only now are these responses' ids and rows needed: read again.
		err := scanBatches(dir, schema.TableResponses, func(batch *Dataset) {
			for _, r := range batch.Responses {
				k := st.key(r.ResponseID)
				if !bare[k] {
					continue
				}
				delete(bare, k) // a duplicate id is reported as such, once
				u, _ := st.response(r.ResponseID)
				for i, code := range r.Strategies {
					if !st.evidenced(u, code) {
						problems = append(problems, &schema.FieldError{File: r.Pos.File, Line: r.Pos.Line, Table: schema.TableResponses, ID: r.ResponseID,
							Field: fmt.Sprintf("strategies[%d]", i), Value: code, Allowed: "a strategy that one of the response's quotes evidences (its codes)",
							Err: schema.ErrUnevidenced, Detail: "no quote of this response names it in its codes"})
					}
				}
			}
		})
		if err != nil {
			return err
		}
	}
	for i, a := range small.Accusations {
		if !st.answered[i] {
			pos := schema.Position{}
			if a.Pos != nil {
				pos = *a.Pos
			}
			problems = append(problems, &schema.FieldError{File: pos.File, Line: pos.Line, Table: schema.TableAccusations, ID: a.AccusationID,
				Field: "accusation_id", Value: a.AccusationID, Allowed: "an accusation with at least one response record", Err: schema.ErrUnanswered})
		}
	}
	problems.Sort()
	return problems.Err()
}

// idKey is an id's 128-bit hash: ValidateStreamed's stand-in for the id.
type idKey [2]uint64

// idSet is a set of ids by their keys.
type idSet map[idKey]struct{}

// add adds k and reports whether it was new.
func (s idSet) add(k idKey) bool {
	if _, dup := s[k]; dup {
		return false
	}
	s[k] = struct{}{}
	return true
}

// checkState is what ValidateStreamed keeps of the responses for the
// quotes that follow: per response, a run of interned strings in lists
// (the number of sources, the sources, then the strategies), a bit set of
// the codes its quotes name, and whether its evidence is checked.
type checkState struct {
	seeds    [2]maphash.Seed
	index    map[idKey]int32 // response id → its response number
	start    []uint32        // response i's run: lists[start[i]:start[i+1]]
	lists    []uint32
	evidence []uint64 // bit b: the strategy known[b] named by a quote
	quotes   []uint32 // quotes read so far
	checked  []bool   // responded, with known strategies only: every strategy needs a quote
	strings  []string // sources and strategies, interned
	interned map[string]uint32
	bit      map[string]uint64 // strategy code → its bit

	accusation       map[string]int // accusation id → its row in small
	answered         []bool         // by row of small.Accusations
	accusationQuotes []uint32       // quotes read so far, by row of small.Accusations
}

func newCheckState(small *Dataset, known []string) *checkState {
	st := &checkState{
		seeds:      [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()},
		index:      map[idKey]int32{},
		start:      []uint32{0},
		interned:   map[string]uint32{},
		bit:        map[string]uint64{},
		accusation: map[string]int{},
		answered:   make([]bool, len(small.Accusations)),

		accusationQuotes: make([]uint32, len(small.Accusations)),
	}
	for b, c := range known {
		st.bit[c] = 1 << b
	}
	for i, a := range small.Accusations {
		st.accusation[a.AccusationID] = i
	}
	return st
}

func (st *checkState) key(id string) idKey {
	return idKey{maphash.String(st.seeds[0], id), maphash.String(st.seeds[1], id)}
}

func (st *checkState) intern(s string) uint32 {
	i, ok := st.interned[s]
	if !ok {
		i = uint32(len(st.strings))
		st.strings = append(st.strings, strings.Clone(s))
		st.interned[st.strings[i]] = i
	}
	return i
}

// referenced returns the records Validate needs to check a batch of
// responses: every case (a source's case is found among them), and the
// accusations and sources the batch refers to. They were checked when
// small was read; giving Validate only these keeps it from checking tens
// of thousands of rows again for each batch.
func (st *checkState) referenced(small *Dataset, responses []schema.Response, sourceRow map[string]int) schema.Records {
	recs := schema.Records{Cases: small.Cases, Responses: responses}
	accusations, sources := map[int]bool{}, map[int]bool{}
	for _, r := range responses {
		if i, ok := st.accusation[r.RespondsTo]; ok {
			accusations[i] = true
		}
		for _, s := range r.Sources {
			if i, ok := sourceRow[s]; ok {
				sources[i] = true
			}
		}
	}
	for _, i := range slices.Sorted(maps.Keys(accusations)) {
		recs.Accusations = append(recs.Accusations, small.Accusations[i])
	}
	for _, i := range slices.Sorted(maps.Keys(sources)) {
		recs.Sources = append(recs.Sources, small.Sources[i])
	}
	return recs
}

// addResponse records r and reports whether its id was new; a repeated
// id keeps the first response's state.
func (st *checkState) addResponse(r *schema.Response) bool {
	if i, ok := st.accusation[r.RespondsTo]; ok {
		st.answered[i] = true
	}
	k := st.key(r.ResponseID)
	if _, dup := st.index[k]; dup {
		return false
	}
	st.index[k] = int32(len(st.checked))
	st.lists = append(st.lists, uint32(len(r.Sources)))
	for _, s := range r.Sources {
		st.lists = append(st.lists, st.intern(s))
	}
	checked := r.Observed == "responded"
	for _, c := range r.Strategies {
		st.lists = append(st.lists, st.intern(c))
		if st.bit[c] == 0 {
			checked = false // an unknown code is reported as such; comparing with it would only echo it
		}
	}
	st.start = append(st.start, uint32(len(st.lists)))
	st.evidence = append(st.evidence, 0)
	st.quotes = append(st.quotes, 0)
	st.checked = append(st.checked, checked)
	return true
}

// response returns the number of the response with this id.
func (st *checkState) response(id string) (int32, bool) {
	u, ok := st.index[st.key(id)]
	return u, ok
}

func (st *checkState) run(u int32) (sources, strategies []uint32) {
	run := st.lists[st.start[u]:st.start[u+1]]
	n := run[0]
	return run[1 : 1+n], run[1+n:]
}

func (st *checkState) names(idx []uint32) []string {
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = st.strings[k]
	}
	return out
}

func (st *checkState) sourcesOf(u int32) []string {
	s, _ := st.run(u)
	return st.names(s)
}

func (st *checkState) strategiesOf(u int32) []string {
	_, s := st.run(u)
	return st.names(s)
}

// addEvidence records the codes a quote of response u names.
func (st *checkState) addEvidence(u int32, codes []string) {
	for _, c := range codes {
		st.evidence[u] |= st.bit[c]
	}
}

func (st *checkState) evidenced(u int32, code string) bool {
	return st.evidence[u]&st.bit[code] != 0
}

// unevidenced returns the keys of the checked responses with a strategy
// that no quote names.
func (st *checkState) unevidenced() map[idKey]bool {
	bare := map[idKey]bool{}
	for k, u := range st.index {
		if !st.checked[u] {
			continue
		}
		_, strategies := st.run(u)
		for _, c := range strategies {
			if !st.evidenced(u, st.strings[c]) {
				bare[k] = true
				break
			}
		}
	}
	return bare
}

// shiftQuoteIndex adds by to the index of a field path "quotes[i]...".
func shiftQuoteIndex(field string, by uint32) string {
	rest, ok := strings.CutPrefix(field, "quotes[")
	end := strings.IndexByte(rest, ']')
	if !ok || end < 0 || by == 0 {
		return field
	}
	i, err := strconv.Atoi(rest[:end])
	if err != nil {
		return field
	}
	return fmt.Sprintf("quotes[%d]%s", i+int(by), rest[end+1:])
}

// onlyTable keeps the problems of one table.
func onlyTable(problems schema.ErrorList, table string) schema.ErrorList {
	return slices.DeleteFunc(problems, func(p *schema.FieldError) bool { return p.Table != table })
}

// scanBatches decodes a table of a Parquet directory into records, one
// batch of rows at a time, positions counting rows from the file's first.
func scanBatches(dir, table string, fn func(batch *Dataset)) error {
	files, err := TableFiles(dir, table)
	if err != nil {
		return err
	}
	for _, part := range files {
		if err := scanFileBatches(part, table, fn); err != nil {
			return err
		}
	}
	return nil
}

func scanFileBatches(part Partition, table string, fn func(batch *Dataset)) (err error) {
	p, err := openParquet(part.Path, true, pqarrow.ArrowReadProperties{BatchSize: int64(streamBatch)})
	if err != nil {
		return err
	}
	defer p.Close()
	defer recoverDamaged(part.Path, &err)
	rr, err := p.fr.GetRecordReader(context.Background(), nil, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", part.Path, err)
	}
	defer rr.Release()
	first := 0
	for {
		rec, err := rr.Read()
		if errors.Is(err, io.EOF) || (err == nil && rec == nil) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", part.Path, err)
		}
		batch := &Dataset{Codebook: schema.Default()}
		tbl := array.NewTableFromRecords(rec.Schema(), []arrow.Record{rec})
		tbl = batch.withPartitionColumns(table, part, tbl)
		err = batch.fillTable(table, part.Path, tbl)
		tbl.Release()
		if err != nil {
			return err
		}
		for _, pos := range batch.positions() {
			pos.Line += first
		}
		fn(batch)
		first += int(rec.NumRows())
	}
}

// positions returns the positions of a batch's rows.
func (ds *Dataset) positions() []*schema.Position {
	var ps []*schema.Position
	for i := range ds.Responses {
		ps = append(ps, ds.Responses[i].Pos)
	}
	for i := range ds.pendingQuotes {
		ps = append(ps, ds.pendingQuotes[i].Pos)
	}
	return ps
}
