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
// way to analyse data too large to load whole. Strategy and observed codes
// are checked against the codebook as they are read.
func ReadColumns(dir string) (*Columns, error) {
	return ReadColumnsWhere(dir, Filter{})
}

// ReadColumnsWhere is ReadColumns for the analyses of one filter: from a
// partitioned responses table (build --partition) it opens only the
// partitions whose directory values (responder, case_id, year, ...) the
// filter can select. The view may still hold responses outside the filter;
// the analyses apply it as always, so results equal ReadColumns'. Like
// ProfileParquet it returns a view only of a directory validate accepts.
func ReadColumnsWhere(dir string, f Filter) (c *Columns, err error) {
	wait := validateInBackground(dir)
	defer func() {
		if verr := wait(); verr != nil {
			c, err = nil, verr
		}
	}()
	cb := schema.Default()
	c = &Columns{cb: cb, dir: dir}
	c.StrategyCodes = cb.MustVariable(schema.TableResponses, "strategies").Codes()
	c.EvidenceCodes = cb.MustVariable(schema.TableAccusations, "evidence_cited").Codes()
	strategyBit, evidenceBit := bitIndex(c.StrategyCodes), bitIndex(c.EvidenceCodes)
	observed := cb.MustVariable(schema.TableResponses, "observed")

	type accInfo struct {
		accuser, instrument string
		date                schema.Date
		evidence            uint32
	}
	accusations := map[string]accInfo{}
	accPath := filepath.Join(dir, dataset.ParquetFile(schema.TableAccusations))
	err = dataset.ScanColumns(accPath, schema.TableAccusations, []string{"accusation_id", "accuser", "instrument", "date", "date_precision", "evidence_cited"},
		func(cols []arrow.Array, row int, n int) error {
			id, accuser, instrument := cols[0].(*array.String), cols[1].(*array.String), cols[2].(*array.String)
			date, prec, ev := cols[3].(*array.Date32), cols[4].(*array.String), cols[5].(*array.List)
			evValues := ev.ListValues().(*array.String)
			for i := 0; i < n; i++ {
				info := accInfo{accuser: str(accuser, i), instrument: str(instrument, i), date: dateAt(date, prec, i)}
				start, end := ev.ValueOffsets(i)
				for j := start; j < end; j++ {
					info.evidence |= evidenceBit[evValues.Value(int(j))]
				}
				accusations[id.Value(i)] = info
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	files, err := responseFiles(dir, f)
	if err != nil {
		return nil, err
	}
	lastTo, last := "\x00", accInfo{}
	for _, part := range files {
		respPath := part.Path
		// Columns a partition's directory names give are not in its file.
		names := []string{"response_id", "case_id", "responds_to", "responder", "organ", "observed"}
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
				id, caseID, to, responder, organ, obs := text[0], text[1], text[2], text[3], text[4], text[5]
				date, prec := cols[nText].(*array.Date32), cols[nText+1].(*array.String)
				antic, verified, strat := cols[nText+2].(*array.Boolean), cols[nText+3].(*array.Boolean), cols[nText+4].(*array.List)
				stratValues := strat.ListValues().(*array.String)
				for i := 0; i < n; i++ {
					c.N++
					c.ResponseID = append(c.ResponseID, id.at(i))
					c.Case.Add(caseID.at(i))
					c.Responder.Add(responder.at(i))
					c.Organ.Add(organ.at(i))
					o := obs.at(i)
					if _, ok := observed.Value(o); !ok {
						return badCode(respPath, row+i, "observed", o, observed)
					}
					c.Observed.Add(o)
					d := dateAt(date, prec, i)
					c.Date.Days = append(c.Date.Days, d.DaysSinceEpoch())
					c.Date.Precision = append(c.Date.Precision, d.Precision)
					c.Anticipatory = append(c.Anticipatory, antic.Value(i))
					c.Verified = append(c.Verified, verified.Value(i))
					var set uint32
					start, end := strat.ValueOffsets(i)
					for j := start; j < end; j++ {
						code := stratValues.Value(int(j))
						bit, ok := strategyBit[code]
						if !ok {
							return badCode(respPath, row+i, "strategies", code, cb.MustVariable(schema.TableResponses, "strategies"))
						}
						set |= bit
					}
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
	}
	return c, nil
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
// are not opened).
func responseFiles(dir string, f Filter) ([]dataset.Partition, error) {
	parts, err := dataset.TableFiles(dir, schema.TableResponses)
	if err != nil {
		return nil, err
	}
	keep := parts[:0]
	for _, p := range parts {
		if partitionMayHold(p, f) {
			keep = append(keep, p)
		}
	}
	return keep, nil
}

func badCode(path string, row int, field, value string, v *schema.Variable) error {
	return &schema.FieldError{File: path, Line: row + 1, Table: schema.TableResponses, Field: field, Value: value,
		Allowed: strings.Join(v.Codes(), ", "), Err: schema.ErrUnknownCode}
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

// readQuotes reads the quotes table of a Parquet directory.
func readQuotes(dir string, rowOf map[string]int32) ([]quoteRow, error) {
	var out []quoteRow
	path := filepath.Join(dir, dataset.ParquetFile(schema.TableQuotes))
	err := dataset.ScanColumns(path, schema.TableQuotes, []string{"quote_id", "unit_id", "case_id", "source_id", "text", "codes"},
		func(cols []arrow.Array, _ int, n int) error {
			id, unit, cas, src, text := cols[0].(*array.String), cols[1].(*array.String), cols[2].(*array.String), cols[3].(*array.String), cols[4].(*array.String)
			codes := cols[5].(*array.List)
			codeValues := codes.ListValues().(*array.String)
			for i := 0; i < n; i++ {
				row, ok := rowOf[unit.Value(i)]
				if !ok {
					row = -1 // an accusation's quote
				}
				start, end := codes.ValueOffsets(i)
				var joined strings.Builder
				for j := start; j < end; j++ {
					if j > start {
						joined.WriteString("; ")
					}
					joined.WriteString(codeValues.Value(int(j)))
				}
				out = append(out, quoteRow{strings.Clone(id.Value(i)), strings.Clone(unit.Value(i)), str(cas, i), str(src, i), strings.Clone(text.Value(i)), row, joined.String()})
			}
			return nil
		})
	return out, err
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
