package analysis

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// ReadColumns builds the columnar view straight from a directory of Parquet
// files written by `rejoinder build` or `rejoinder gen`, reading only the
// columns the analyses use (of responses and accusations; quotes only when
// KWIC asks for them) batch by batch, without building records. It is the
// way to analyse data too large to load whole. Every value read is
// checked with validate's rules as it is read (see ReadColumnsWhere).
func ReadColumns(dir string) (*Columns, error) {
	return ReadColumnsWhere(dir, Filter{})
}

// ReadColumnsWhere is ReadColumns for the analyses of one filter: from a
// partitioned responses table (build --partition) it opens only the
// partitions whose directory values (responder, case_id, year, ...) the
// filter can select. The view may still hold responses outside the filter;
// the analyses apply it as always, so results equal ReadColumns'.
//
// Like ProfileParquet it holds no row validate would reject for a value
// it reads: the directory as a whole (one build, no YAML records beside
// it; every file's footer is read, pruned partitions too), validate's
// per-value rules on every column it reads of the accusations and the
// responses (codes, countries, ids, required values, list items, the
// strategies against observed), every partition's directory values,
// references to the cases and accusations, and duplicate ids. It does not
// validate the directory as a whole; see the package doc for the
// boundary.
func ReadColumnsWhere(dir string, f Filter) (*Columns, error) {
	if err := dataset.CheckParquetDir(dir); err != nil {
		return nil, err
	}
	cb := schema.Default()
	c := &Columns{cb: cb, dir: dir}
	c.StrategyCodes = cb.MustVariable(schema.TableResponses, "strategies").Codes()
	c.EvidenceCodes = cb.MustVariable(schema.TableAccusations, "evidence_cited").Codes()
	strategyBit := bitIndex(c.StrategyCodes)
	cases, err := readIDs(dir, schema.TableCases, "case_id")
	if err != nil {
		return nil, err
	}
	ids := map[string]map[string]bool{schema.TableCases: cases}
	accusations, err := readAccusationInfo(dir, cb, ids, bitIndex(c.EvidenceCodes))
	if err != nil {
		return nil, err
	}
	ids[schema.TableAccusations] = make(map[string]bool, len(accusations))
	for id := range accusations {
		ids[schema.TableAccusations][id] = true
	}
	c.ids = ids
	memo, seen := newSharedMemo(), map[string]bool{}
	files, pruned, problems, err := responseFiles(dir, f, ids, memo)
	if err != nil {
		return nil, err
	}
	c.pruned = pruned
	lastTo, last := "\x00", accInfo{}
	for _, part := range files {
		respPath := part.Path
		check := newRowCheck(cb, schema.TableResponses, ids, respPath, memo)
		check.partition(part)
		// Columns a partition's directory names give are not in its file.
		names := []string{"response_id", "case_id", "responds_to", "responder", "organ", "observed", "channel_type"}
		read, pos := part.ColumnsToRead(names)
		nText := len(read)
		read = append(read, "date", "date_precision", "anticipatory", "verified", "strategies")
		text := make([]textColumn, len(names))
		for i, n := range names {
			text[i].fixed = part.Vals[n]
		}
		err = dataset.ScanColumns(respPath, schema.TableResponses, read,
			func(cols []arrow.Array, row int, n int) error {
				for i := range text {
					if pos[i] >= 0 {
						text[i].a = cols[pos[i]].(*array.String)
					}
				}
				id, caseID, to, responder, organ, obs, channel := text[0], text[1], text[2], text[3], text[4], text[5], text[6]
				date, prec := cols[nText].(*array.Date32), cols[nText+1].(*array.String)
				antic, verified, strat := cols[nText+2].(*array.Boolean), cols[nText+3].(*array.Boolean), cols[nText+4].(*array.List)
				stratValues := strat.ListValues().(*array.String)
				for i := 0; i < n; i++ {
					var set uint32
					known := true
					start, end := strat.ValueOffsets(i)
					for j := start; j < end; j++ {
						bit, ok := strategyBit[stratValues.Value(int(j))]
						known = known && ok
						set |= bit
					}
					// validate's rules on every value read (those a
					// partition fixes were checked once, above).
					o := obs.at(i)
					check.unique(row+i, "response_id", id.at(i), seen)
					for k := 1; k < len(text); k++ {
						if text[k].a != nil {
							check.value(row+i, names[k], text[k].at(i))
						}
					}
					check.strategies(row+i, i, o, strat, set, known)
					c.N++
					c.ResponseID = append(c.ResponseID, id.at(i))
					c.Case.Add(caseID.at(i))
					c.Responder.Add(responder.at(i))
					c.Organ.Add(organ.at(i))
					c.ChannelType.Add(channel.at(i))
					c.Observed.Add(o)
					d := dateAt(date, prec, i)
					c.Date.Days = append(c.Date.Days, d.DaysSinceEpoch())
					c.Date.Precision = append(c.Date.Precision, d.Precision)
					c.Anticipatory = append(c.Anticipatory, antic.Value(i))
					c.Verified = append(c.Verified, verified.Value(i))
					c.Strategies = append(c.Strategies, set)
					if t := to.at(i); t != lastTo {
						lastTo, last = t, accusations[t]
					}
					c.Accuser.Add(last.accuser)
					c.Instrument.Add(last.instrument)
					c.AccusationDate.Days = append(c.AccusationDate.Days, last.date.DaysSinceEpoch())
					c.AccusationDate.Precision = append(c.AccusationDate.Precision, last.date.Precision)
					c.Evidence = append(c.Evidence, last.evidence)
				}
				return nil
			})
		if err != nil {
			return nil, err
		}
		problems = append(problems, check.problems...)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// accInfo is what the columnar view takes from a response's accusation.
type accInfo struct {
	accuser, instrument string
	date                schema.Date
	evidence            uint32
}

// readAccusationInfo reads the accusations' columns the view needs, by
// id, applying validate's per-value rules to every value it reads (and to
// the ids, each once).
func readAccusationInfo(dir string, cb *schema.Codebook, ids map[string]map[string]bool, evidenceBit map[string]uint32) (map[string]accInfo, error) {
	accusations := map[string]accInfo{}
	accPath := filepath.Join(dir, dataset.ParquetFile(schema.TableAccusations))
	check := newRowCheck(cb, schema.TableAccusations, ids, accPath, newSharedMemo())
	seen := map[string]bool{}
	err := dataset.ScanColumns(accPath, schema.TableAccusations, []string{"accusation_id", "accuser", "instrument", "date", "date_precision", "evidence_cited"},
		func(cols []arrow.Array, row int, n int) error {
			id, accuser, instrument := cols[0].(*array.String), cols[1].(*array.String), cols[2].(*array.String)
			date, prec, ev := cols[3].(*array.Date32), cols[4].(*array.String), cols[5].(*array.List)
			evValues := ev.ListValues().(*array.String)
			for i := 0; i < n; i++ {
				info := accInfo{accuser: str(accuser, i), instrument: str(instrument, i), date: dateAt(date, prec, i)}
				start, end := ev.ValueOffsets(i)
				evidence := make([]string, 0, end-start)
				for j := start; j < end; j++ {
					info.evidence |= evidenceBit[evValues.Value(int(j))]
					evidence = append(evidence, evValues.Value(int(j)))
				}
				check.unique(row+i, "accusation_id", id.Value(i), seen)
				check.value(row+i, "accuser", info.accuser)
				check.value(row+i, "instrument", info.instrument)
				check.field(row+i, "date", info.date)
				check.field(row+i, "evidence_cited", evidence)
				accusations[strings.Clone(id.Value(i))] = info
			}
			return nil
		})
	if err == nil {
		err = check.problems.Err()
	}
	return accusations, err
}

// textColumn is a text column of the responses table: read from the file,
// or fixed for the whole file by its partition directory.
type textColumn struct {
	a     *array.String // nil when the partition fixes the value
	fixed string
}

func (t textColumn) at(i int) string {
	if t.a == nil {
		return t.fixed
	}
	return str(t.a, i)
}

// responseFiles lists the Parquet files of the responses table in dir:
// the one responses.parquet, or, for a table written with
// build --partition, the partitions the filter can select (the others
// are not opened). The directory values of the partitions it prunes are
// checked with validate's rules all the same (problems): the filter
// prunes what is read, not what is checked, so a partition such as
// case_id=../../x is refused whatever the filter.
func responseFiles(dir string, f Filter, ids map[string]map[string]bool, memo *sharedMemo) (keep, pruned []dataset.Partition, problems schema.ErrorList, err error) {
	parts, err := dataset.TableFiles(dir, schema.TableResponses)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, p := range parts {
		if partitionMayHold(p, f) {
			keep = append(keep, p)
			continue
		}
		pruned = append(pruned, p)
		check := newRowCheck(schema.Default(), schema.TableResponses, ids, p.Path, memo)
		check.partition(p)
		problems = append(problems, check.problems...)
	}
	return keep, pruned, problems, nil
}

func str(a *array.String, i int) string {
	if a.IsNull(i) {
		return ""
	}
	return a.Value(i)
}

func dateAt(d *array.Date32, prec *array.String, i int) schema.Date {
	if d.IsNull(i) {
		return schema.Date{}
	}
	p, err := schema.ParsePrecision(str(prec, i))
	if err != nil || p == schema.PrecisionNone {
		p = schema.PrecisionDay
	}
	return schema.DateFromEpochDays(int32(d.Value(i)), p)
}

// readQuotes reads the quotes table of a Parquet directory, applying
// validate's per-value rules to every value it reads (ids each once;
// references to the units, the cases and the sources; the text). known
// holds the ids of the cases and accusations the view read; pruned are
// the responses' partitions it did not read (their ids are read here).
func readQuotes(dir string, rowOf map[string]int32, known map[string]map[string]bool, pruned []dataset.Partition) ([]quoteRow, error) {
	var out []quoteRow
	sources, err := readIDs(dir, schema.TableSources, "source_id")
	if err != nil {
		return nil, err
	}
	responses := make(map[string]bool, len(rowOf))
	for id := range rowOf {
		responses[id] = true
	}
	// Quotes of the responses a filter pruned refer to them too.
	for _, part := range pruned {
		err := dataset.ScanColumns(part.Path, schema.TableResponses, []string{"response_id"}, func(cols []arrow.Array, _ int, n int) error {
			a := cols[0].(*array.String)
			for i := 0; i < n; i++ {
				responses[strings.Clone(a.Value(i))] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	ids := map[string]map[string]bool{schema.TableCases: known[schema.TableCases], schema.TableAccusations: known[schema.TableAccusations],
		schema.TableResponses: responses, schema.TableSources: sources}
	path := filepath.Join(dir, dataset.ParquetFile(schema.TableQuotes))
	check := newRowCheck(schema.Default(), schema.TableQuotes, ids, path, newSharedMemo())
	seen := map[string]bool{}
	err = dataset.ScanColumns(path, schema.TableQuotes, []string{"quote_id", "unit_id", "case_id", "source_id", "text", "codes"},
		func(cols []arrow.Array, first int, n int) error {
			id, unit, cas, src, text := cols[0].(*array.String), cols[1].(*array.String), cols[2].(*array.String), cols[3].(*array.String), cols[4].(*array.String)
			codes := cols[5].(*array.List)
			codeValues := codes.ListValues().(*array.String)
			for i := 0; i < n; i++ {
				check.unique(first+i, "quote_id", id.Value(i), seen)
				check.field(first+i, "unit_id", unit.Value(i))
				check.value(first+i, "case_id", str(cas, i))
				check.value(first+i, "source_id", str(src, i))
				check.field(first+i, "text", text.Value(i))
				row, ok := rowOf[unit.Value(i)]
				if !ok {
					if !ids[schema.TableAccusations][unit.Value(i)] {
						// A response of a partition the filter pruned
						// (or no unit: reported above). Taken for an
						// accusation's quote, it used to pass the filter.
						continue
					}
					row = -1 // an accusation's quote
				}
				start, end := codes.ValueOffsets(i)
				list := make([]string, 0, end-start)
				for j := start; j < end; j++ {
					list = append(list, strings.Clone(codeValues.Value(int(j))))
				}
				check.field(first+i, "codes", list)
				joined := strings.Join(list, "; ")
				out = append(out, quoteRow{strings.Clone(id.Value(i)), strings.Clone(unit.Value(i)), str(cas, i), str(src, i), strings.Clone(text.Value(i)), row, joined})
			}
			return nil
		})
	if err == nil {
		err = check.problems.Err()
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// partitionMayHold reports whether a partition's key values allow a
// response the filter selects.
func partitionMayHold(p dataset.Partition, f Filter) bool {
	if v, ok := p.Vals["responder"]; ok && len(f.Responders) > 0 && !slices.Contains(f.Responders, v) {
		return false
	}
	if v, ok := p.Vals["case_id"]; ok && len(f.Cases) > 0 && !slices.Contains(f.Cases, v) {
		return false
	}
	if v, ok := p.Vals[dataset.PartitionYear]; ok && (!f.From.IsZero() || !f.To.IsZero()) {
		year, err := strconv.Atoi(v)
		if err != nil {
			return false // undated: a date range excludes it
		}
		if !f.From.IsZero() && year < f.From.Year || !f.To.IsZero() && year > f.To.Year {
			return false
		}
	}
	return true
}
