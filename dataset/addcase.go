package dataset

import (
	"errors"
	"fmt"

	"github.com/rejoinder/rejoinder/schema"
)

// ErrIncomplete is a record that lacks the fields a record file implies
// and the loader fills in (an accusation's or response's case_id, a
// quote's ids): a record built in Go and appended by hand. The analyses
// refuse such records rather than leave them out of their counts.
var ErrIncomplete = errors.New("record lacks the ids the loader fills in")

// AddCase adds a case built in code, with its sources, accusations and
// responses, as a record file would: it fills in the derived fields (the
// records' case_id, the quotes' quote_id, unit_id and case_id), appends
// the records and validates the whole dataset. When the dataset is not
// valid it is left as it was and the problems are returned, every one
// (a schema.ErrorList).
func (ds *Dataset) AddCase(c schema.Case, sources []schema.Source, accusations []schema.Accusation, responses []schema.Response) error {
	rf := &recordFile{Case: c, Sources: sources, Accusations: accusations, Responses: responses}
	fillDerived(rf)
	before := ds.Records
	ds.Cases = append(ds.Cases[:len(ds.Cases):len(ds.Cases)], rf.Case)
	ds.Sources = append(ds.Sources[:len(ds.Sources):len(ds.Sources)], rf.Sources...)
	ds.Accusations = append(ds.Accusations[:len(ds.Accusations):len(ds.Accusations)], rf.Accusations...)
	ds.Responses = append(ds.Responses[:len(ds.Responses):len(ds.Responses)], rf.Responses...)
	if err := ds.Validate().Err(); err != nil {
		ds.Records = before
		return err
	}
	return nil
}

// Complete reports the first record that lacks a derived field (see
// ErrIncomplete), or nil.
func (ds *Dataset) Complete() error {
	for _, a := range ds.Accusations {
		if a.CaseID == "" {
			return fmt.Errorf("%w: accusation %s has no case_id (add records built in code with Dataset.AddCase)", ErrIncomplete, a.AccusationID)
		}
		if err := quotesComplete(a.AccusationID, a.Quotes); err != nil {
			return err
		}
	}
	for _, r := range ds.Responses {
		if r.CaseID == "" {
			return fmt.Errorf("%w: response %s has no case_id (add records built in code with Dataset.AddCase)", ErrIncomplete, r.ResponseID)
		}
		if err := quotesComplete(r.ResponseID, r.Quotes); err != nil {
			return err
		}
	}
	return nil
}

func quotesComplete(unit string, qs []schema.Quote) error {
	for i, q := range qs {
		if q.QuoteID == "" || q.UnitID == "" || q.CaseID == "" {
			return fmt.Errorf("%w: quote %d of %s has no quote_id, unit_id or case_id (add records built in code with Dataset.AddCase)", ErrIncomplete, i+1, unit)
		}
	}
	return nil
}
