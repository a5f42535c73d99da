package analysis

import (
	"cmp"
	"errors"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/rejoinder/rejoinder/internal/parallel"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/go-gota/gota/dataframe"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// ProfileParquet computes Profile straight from a Parquet dataset (as
// build, gen or import write it, one file or partitioned), counting batch
// by batch as the columns are read: no columnar view and no records are
// built, so memory stays flat however many responses there are. It reads
// only the columns the grouping and the filter need, skips the partitions
// the filter excludes, and scans files on all cores. The result equals
// ReadColumns(dir) followed by Profile(opts).
//
// It counts no row validate would reject: to every row it reads it
// applies validate's own rules for the values it reads (schema.CheckField,
// CheckReference, CheckObserved: codes, required values, list items,
// "responded needs a strategy", partition values, references to the
// cases and, when read, the accusations), and refuses the data with
// validate's problems. Checks on columns and tables it does not read
// (quotes and sources, say) are validate's; see the package doc.
//
// With a responder, case or date filter it reads, of each row group, the
// filter's columns first, and the other columns only when some row of
// the group passes the filter; a group none of whose rows does is
// skipped, as a pruned partition is: its filter columns are checked
// for their type and with the column checks of dataset.ScanColumns, but
// validate's per-row rules (on observed, strategies, references) are not
// applied to its rows, which are not counted.
//
// Deprecated: call Profile(Parquet(dir), opts), which does the same.
func ProfileParquet(dir string, opts ProfileOptions) (dataframe.DataFrame, error) {
	return profileParquet(dir, opts)
}

// profileParquet is Profile of a Parquet source.
func profileParquet(dir string, opts ProfileOptions) (dataframe.DataFrame, error) {
	cb := schema.Default()
	by, scheme := cmp.Or(opts.By, ByResponder), cmp.Or(opts.Scheme, SchemeCodes)
	keyName, err := groupingColumn(by)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	if by == ByOrgan || by == ByChannel || !opts.Filter.Streamable() {
		// The streamed count reads no organ or strategy filter: read the
		// columnar view instead, so that no filter is ever ignored.
		c, err := ReadColumnsWhere(dir, opts.Filter)
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		return c.Profile(opts)
	}
	total, err := newProfileCounter(cb, scheme, keyName)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	m, err := opts.Filter.matcher(cb)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	if len(opts.Filter.Cases) > 0 {
		known, err := readIDs(dir, schema.TableCases, "case_id")
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		if err := checkCases(opts.Filter, known); err != nil {
			return dataframe.DataFrame{}, err
		}
	}
	if err := countParquet(dir, opts, cb, by, scheme, keyName, m, total); err != nil {
		return dataframe.DataFrame{}, err
	}
	return total.frame(opts.Filter)
}

// countParquet is ProfileParquet's count, into total.
func countParquet(dir string, opts ProfileOptions, cb *schema.Codebook, by Grouping, scheme Scheme, keyName string, m matcher, total *profileCounter) error {
	if err := dataset.CheckParquetDir(dir); err != nil {
		return err
	}
	var err error
	s := &profileScan{by: by, m: m, cb: cb, scheme: scheme, keyName: keyName,
		strategyBit: bitIndex(cb.MustVariable(schema.TableResponses, "strategies").Codes())}
	if by == ByAccuser || by == ByInstrument || m.accusers != nil || m.instruments != nil {
		if s.accusations, err = readAccusationKeys(dir); err != nil {
			return err
		}
	}
	cases, err := readIDs(dir, schema.TableCases, "case_id")
	if err != nil {
		return err
	}
	s.ids = map[string]map[string]bool{schema.TableCases: cases}
	s.memo = newSharedMemo()
	if s.accusations != nil {
		accusations := make(map[string]bool, len(s.accusations))
		for id := range s.accusations {
			accusations[id] = true
		}
		s.ids[schema.TableAccusations] = accusations
	}
	files, _, problems, err := responseFiles(dir, opts.Filter, s.ids, s.memo)
	if err != nil {
		return err
	}
	// One counter per file, merged in file order. The data's problems
	// (validate's, on the values read) are all reported, in file order;
	// any other error stops at the first in file order, so a bad dataset
	// always gives the same message.
	counters := make([]*profileCounter, len(files))
	errs := make([]error, len(files))
	parallel.For(len(files), func(i int) { counters[i], errs[i] = s.file(files[i]) })
	for i := range files {
		var list schema.ErrorList
		switch {
		case errors.As(errs[i], &list):
			problems = append(problems, list...)
		case errs[i] != nil:
			return errs[i]
		}
		total.merge(counters[i])
	}
	return problems.Err()
}

// groupingColumn names the key column of a grouping.
func groupingColumn(by Grouping) (string, error) {
	var c Columns
	_, name, err := c.grouping(by)
	return name, err
}

// accusationKeys are the fields of an accusation that a response's
// grouping or filter may need.
type accusationKeys struct{ accuser, instrument string }

func readAccusationKeys(dir string) (map[string]accusationKeys, error) {
	out := map[string]accusationKeys{}
	path := filepath.Join(dir, dataset.ParquetFile(schema.TableAccusations))
	// The keys group and filter responses: validate's rules for them
	// apply as for the responses' own columns.
	check := newRowCheck(schema.Default(), schema.TableAccusations, nil, path, newSharedMemo())
	fields := []string{"accusation_id", "accuser", "instrument"}
	err := dataset.ScanColumns(path, schema.TableAccusations, fields,
		func(cols []arrow.Array, row int, n int) error {
			id, accuser, instrument := cols[0].(*array.String), cols[1].(*array.String), cols[2].(*array.String)
			for i := 0; i < n; i++ {
				for k, f := range fields {
					check.value(row+i, f, str(cols[k].(*array.String), i))
				}
				out[id.Value(i)] = accusationKeys{str(accuser, i), str(instrument, i)}
			}
			return nil
		})
	if err == nil {
		err = check.problems.Err()
	}
	return out, err
}

// profileScan is one ProfileParquet: what to read and how to count it.
type profileScan struct {
	by          Grouping
	scheme      Scheme
	keyName     string
	m           matcher
	cb          *schema.Codebook
	strategyBit map[string]uint32
	accusations map[string]accusationKeys  // nil unless needed
	ids         map[string]map[string]bool // ids of cases (and accusations when read), for references
	memo        *sharedMemo                // values that passed the checks, in any file
}

// file counts the responses of one Parquet file.
func (s *profileScan) file(part dataset.Partition) (*profileCounter, error) {
	p, err := newProfileCounter(s.cb, s.scheme, s.keyName)
	if err != nil {
		return nil, err
	}
	const (
		colObserved = iota
		colResponder
		colCase
		colRespondsTo
	)
	text := []string{"observed", "responder", "case_id", "responds_to"}
	// Only the text columns the grouping and the filter need are read
	// (pos -1: not read, "" or the partition's value).
	needed := []bool{true, s.by == ByResponder || s.m.responders != nil, s.by == ByCase || s.m.cases != nil, s.accusations != nil}
	var wanted []string
	for i, n := range text {
		if needed[i] {
			wanted = append(wanted, n)
		}
	}
	read, wantedPos := part.ColumnsToRead(wanted)
	pos := make([]int, len(text))
	for i, n := range text {
		pos[i] = -1
		if k := slices.Index(wanted, n); k >= 0 {
			pos[i] = wantedPos[k]
		}
	}
	stratAt := len(read)
	read = append(read, "strategies")
	dateCol := -1
	if s.by == ByYear || s.m.ranged {
		dateCol = len(read)
		read = append(read, "date", "date_precision")
	}
	verifiedAt := -1
	if s.m.verified {
		verifiedAt = len(read)
		read = append(read, "verified")
	}
	check := newRowCheck(s.cb, schema.TableResponses, s.ids, part.Path, s.memo)
	if !check.partition(part) {
		return p, check.problems.Err()
	}
	// Columns read from the file (not fixed by the partition) whose
	// values validate's rules check per row; observed and strategies are
	// checked together.
	var checked []int
	for _, c := range []int{colResponder, colCase, colRespondsTo} {
		if pos[c] >= 0 {
			checked = append(checked, c)
		}
	}
	years := map[int]string{}
	cols := make([]textColumn, len(text))
	for i, n := range text {
		cols[i].fixed = part.Vals[n]
	}
	keepNames, keep := s.prefilter(read, pos[colResponder], pos[colCase], dateCol, cols[colResponder].fixed, cols[colCase].fixed)
	err = dataset.ScanColumnsPruned(part.Path, schema.TableResponses, read, keepNames, keep, func(arrays []arrow.Array, row, n int) error {
		for i := range cols {
			if pos[i] >= 0 {
				cols[i].a = arrays[pos[i]].(*array.String)
			}
		}
		strat := arrays[stratAt].(*array.List)
		stratValues := strat.ListValues().(*array.String)
		var date *array.Date32
		var prec *array.String
		if dateCol >= 0 {
			date, prec = arrays[dateCol].(*array.Date32), arrays[dateCol+1].(*array.String)
		}
		var verified *array.Boolean
		if verifiedAt >= 0 {
			verified = arrays[verifiedAt].(*array.Boolean)
		}
		lastTo, last := "\x00", accusationKeys{}
	rows:
		for i := 0; i < n; i++ {
			var set uint32
			known := true
			start, end := strat.ValueOffsets(i)
			for j := start; j < end; j++ {
				bit, ok := s.strategyBit[stratValues.Value(int(j))]
				known = known && ok
				set |= bit
			}
			o := cols[colObserved].at(i)
			if (cols[colObserved].a != nil && !check.value(row+i, "observed", o)) || !check.strategies(row+i, i, o, strat, set, known) {
				continue
			}
			for _, c := range checked {
				if !check.value(row+i, text[c], cols[c].at(i)) {
					continue rows
				}
			}
			if o != observedResponded {
				continue
			}
			if verified != nil && !verified.Value(i) {
				continue
			}
			if s.accusations != nil {
				if t := cols[colRespondsTo].at(i); t != lastTo {
					lastTo, last = t, s.accusations[t]
				}
				if !s.m.accusers.has(last.accuser) || !s.m.instruments.has(last.instrument) {
					continue
				}
			}
			responder, caseID := cols[colResponder].at(i), cols[colCase].at(i)
			if !s.m.responders.has(responder) || !s.m.cases.has(caseID) {
				continue
			}
			var d schema.Date
			if date != nil {
				if d = dateAt(date, prec, i); s.m.ranged && !s.m.inRange(d) {
					continue
				}
			}
			var key string
			switch s.by {
			case ByResponder:
				key = responder
			case ByCase:
				key = caseID
			case ByAccuser:
				key = last.accuser
			case ByInstrument:
				key = last.instrument
			case ByYear:
				if !d.IsZero() {
					y, ok := years[d.Year]
					if !ok {
						y = strconv.Itoa(d.Year)
						years[d.Year] = y
					}
					key = y
				}
			}
			p.add(key, set)
		}
		return nil
	})
	if err == nil {
		err = check.problems.Err()
	}
	return p, err
}

// prefilter returns the columns (among read) of the responder, case and
// date filters, and a function telling from them whether a row group may
// hold a row the count selects, so that the scan decodes the strategies
// and the other columns only of such groups. It selects exactly as the
// count does (the same matcher on the same values), so skipping a group
// never changes a count. respAt, caseAt and dateCol are the positions in
// read (-1: not read; the partition fixes responder and case_id then).
// With no such filter, or all its values fixed by the partition, it
// returns no function: every group is read.
func (s *profileScan) prefilter(read []string, respAt, caseAt, dateCol int, responder, caseID string) ([]string, func([]arrow.Array, int, int) (bool, error)) {
	var names []string
	at := func(k int) int {
		if k < 0 {
			return -1
		}
		names = append(names, read[k])
		return len(names) - 1
	}
	r, c, d := -1, -1, -1
	if s.m.responders != nil {
		r = at(respAt)
	}
	if s.m.cases != nil {
		c = at(caseAt)
	}
	if s.m.ranged {
		d = at(dateCol)
		at(dateCol + 1) // date_precision
	}
	if len(names) == 0 {
		return nil, nil
	}
	return names, func(cols []arrow.Array, _, n int) (bool, error) {
		resp, cs := textColumn{fixed: responder}, textColumn{fixed: caseID}
		if r >= 0 {
			resp.a = cols[r].(*array.String)
		}
		if c >= 0 {
			cs.a = cols[c].(*array.String)
		}
		var date *array.Date32
		var prec *array.String
		if d >= 0 {
			date, prec = cols[d].(*array.Date32), cols[d+1].(*array.String)
		}
		for i := 0; i < n; i++ {
			if s.m.responders.has(resp.at(i)) && s.m.cases.has(cs.at(i)) &&
				(date == nil || s.m.inRange(dateAt(date, prec, i))) {
				return true, nil
			}
		}
		return false, nil
	}
}
