package analysis

import (
	"path/filepath"
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
	cb := schema.Default()
	c := &Columns{cb: cb, dir: dir}
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
	err := dataset.ScanColumns(accPath, schema.TableAccusations, []string{"accusation_id", "accuser", "instrument", "date", "date_precision", "evidence_cited"},
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
	respPath := filepath.Join(dir, dataset.ParquetFile(schema.TableResponses))
	lastTo, last := "\x00", accInfo{}
	err = dataset.ScanColumns(respPath, schema.TableResponses, []string{"response_id", "case_id", "responds_to", "responder", "organ", "observed",
		"date", "date_precision", "anticipatory", "verified", "strategies"},
		func(cols []arrow.Array, row int, n int) error {
			id, caseID, to := cols[0].(*array.String), cols[1].(*array.String), cols[2].(*array.String)
			responder, organ, obs := cols[3].(*array.String), cols[4].(*array.String), cols[5].(*array.String)
			date, prec := cols[6].(*array.Date32), cols[7].(*array.String)
			antic, verified, strat := cols[8].(*array.Boolean), cols[9].(*array.Boolean), cols[10].(*array.List)
			stratValues := strat.ListValues().(*array.String)
			for i := 0; i < n; i++ {
				c.N++
				c.ResponseID = append(c.ResponseID, id.Value(i))
				c.Case.Add(str(caseID, i))
				c.Responder.Add(str(responder, i))
				c.Organ.Add(str(organ, i))
				o := str(obs, i)
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
				if t := str(to, i); t != lastTo {
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
	return c, nil
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
	err := dataset.ScanColumns(path, schema.TableQuotes, []string{"quote_id", "unit_id", "case_id", "source_id", "text"},
		func(cols []arrow.Array, _ int, n int) error {
			id, unit, cas, src, text := cols[0].(*array.String), cols[1].(*array.String), cols[2].(*array.String), cols[3].(*array.String), cols[4].(*array.String)
			for i := 0; i < n; i++ {
				row, ok := rowOf[unit.Value(i)]
				if !ok {
					row = -1 // an accusation's quote
				}
				out = append(out, quoteRow{id.Value(i), unit.Value(i), str(cas, i), str(src, i), text.Value(i), row})
			}
			return nil
		})
	return out, err
}
