package dataset

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/rejoinder/rejoinder/schema"
)

// streamBatch is the number of rows ValidateStreamed decodes at a time.
const streamBatch = 16 * 1024

// ValidateStreamed checks the responses and quotes of a Parquet directory
// with the rules Validate applies to a loaded dataset (and build to YAML
// records) — codes, ids, text without leading or trailing white space,
// references, the ties between a response and its accusation, a quote's
// source among its unit's — without loading them: it decodes one batch
// of rows at a time. small holds the directory's cases, accusations and
// sources, read and validated by ReadParquetTables. It keeps only the ids
// of the rows and the source lists of the responses, for the quotes that
// name them.
// Problems are located by file and row; it returns them as one error.
func ValidateStreamed(dir string, small *Dataset) error {
	cb := small.codebook()
	var problems schema.ErrorList
	type unit struct {
		sources    []string
		strategies []string
		responded  bool            // observed is responded: every strategy needs a quote
		pos        schema.Position // where the response stands, for ErrUnevidenced
	}
	responses := map[string]unit{}
	answered := map[string]bool{}
	evidenced := map[string][]string{} // response id → the codes its quotes name
	in := interner{}
	base := schema.Records{Cases: small.Cases, Accusations: small.Accusations, Sources: small.Sources}
	err := scanBatches(dir, schema.TableResponses, func(batch *Dataset) {
		recs := base
		recs.Responses = batch.Responses
		// The quotes come later: evidence is checked once they are read.
		for _, p := range onlyTable(schema.Validate(cb, &recs), schema.TableResponses) {
			if !errors.Is(p, schema.ErrUnevidenced) {
				problems = append(problems, p)
			}
		}
		for _, r := range batch.Responses {
			if _, dup := responses[r.ResponseID]; dup && r.ResponseID != "" {
				problems = append(problems, &schema.FieldError{File: r.Pos.File, Line: r.Pos.Line, Table: schema.TableResponses,
					ID: r.ResponseID, Field: "response_id", Value: r.ResponseID, Allowed: "each id once", Err: schema.ErrDuplicateID})
			}
			srcs := make([]string, len(r.Sources))
			for i, s := range r.Sources {
				srcs[i] = in.get(s)
			}
			strats := make([]string, len(r.Strategies))
			for i, c := range r.Strategies {
				strats[i] = in.get(c)
			}
			u := unit{sources: srcs, strategies: strats, responded: r.Observed == "responded"}
			if r.Pos != nil {
				u.pos = *r.Pos
			}
			responses[in.get(r.ResponseID)] = u
			answered[in.get(r.RespondsTo)] = true
		}
	})
	if err != nil {
		return err
	}
	accusations := map[string]*schema.Accusation{}
	for i := range small.Accusations {
		accusations[small.Accusations[i].AccusationID] = &small.Accusations[i]
	}
	quoteIDs := map[string]bool{}
	err = scanBatches(dir, schema.TableQuotes, func(batch *Dataset) {
		// Each quote goes on a stand-in of its unit carrying the unit's
		// sources, so that Validate checks the quote's fields and its
		// source; only the quotes' problems are kept.
		var recs schema.Records
		recs.Sources = small.Sources
		units := map[string]int{}
		for _, q := range batch.pendingQuotes {
			if quoteIDs[q.QuoteID] {
				problems = append(problems, &schema.FieldError{File: q.Pos.File, Line: q.Pos.Line, Table: schema.TableQuotes,
					ID: q.QuoteID, Field: "quote_id", Value: q.QuoteID, Allowed: "each id once", Err: schema.ErrDuplicateID})
			}
			quoteIDs[in.get(q.QuoteID)] = true
			if a, ok := accusations[q.UnitID]; ok {
				k, seen := units[q.UnitID]
				if !seen {
					k = len(recs.Accusations)
					units[q.UnitID] = k
					recs.Accusations = append(recs.Accusations, schema.Accusation{AccusationID: a.AccusationID, Sources: a.Sources, Pos: q.Pos})
				}
				recs.Accusations[k].Quotes = append(recs.Accusations[k].Quotes, q)
				continue
			}
			u, ok := responses[q.UnitID]
			if !ok {
				problems = append(problems, &schema.FieldError{File: q.Pos.File, Line: q.Pos.Line, Table: schema.TableQuotes, ID: q.QuoteID,
					Field: "unit_id", Value: q.UnitID, Allowed: "the id of an accusation or response", Err: schema.ErrDangling})
				continue
			}
			k, seen := units[q.UnitID]
			if !seen {
				k = len(recs.Responses)
				units[q.UnitID] = k
				recs.Responses = append(recs.Responses, schema.Response{ResponseID: q.UnitID, Sources: u.sources, Strategies: u.strategies, Pos: q.Pos})
			}
			recs.Responses[k].Quotes = append(recs.Responses[k].Quotes, q)
			for _, c := range q.Codes {
				if !slices.Contains(evidenced[q.UnitID], c) {
					evidenced[in.get(q.UnitID)] = append(evidenced[q.UnitID], in.get(c))
				}
			}
		}
		for _, p := range schema.Validate(cb, &recs) {
			if p.Table == schema.TableQuotes || strings.HasPrefix(p.Field, "quotes[") {
				problems = append(problems, p)
			}
		}
	})
	if err != nil {
		return err
	}
	// The rules that tie the tables together, now that all are read: each
	// strategy evidenced by a quote, each accusation answered.
	known := cb.MustVariable(schema.TableResponses, "strategies").Codes()
	for id, u := range responses {
		if !u.responded || slices.ContainsFunc(u.strategies, func(c string) bool { return !slices.Contains(known, c) }) {
			continue // an unknown code is reported as such; comparing with it would only echo it
		}
		for i, code := range u.strategies {
			if !slices.Contains(evidenced[id], code) {
				problems = append(problems, &schema.FieldError{File: u.pos.File, Line: u.pos.Line, Table: schema.TableResponses, ID: id,
					Field: fmt.Sprintf("strategies[%d]", i), Value: code, Allowed: "a strategy that one of the response's quotes evidences (its codes)",
					Err: schema.ErrUnevidenced, Detail: "no quote of this response names it in its codes"})
			}
		}
	}
	for _, a := range small.Accusations {
		if !answered[a.AccusationID] {
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
	p, err := openParquet(part.Path, true, pqarrow.ArrowReadProperties{BatchSize: streamBatch})
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
