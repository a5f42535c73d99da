package coding

import (
	"cmp"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/rejoinder/rejoinder/internal/atomicfile"
	"github.com/rejoinder/rejoinder/internal/xlsxzip"
)

// GoldCoder is the coder name of reconciled codings.
const GoldCoder = "gold"

// How a gold value was settled.
const (
	ByAgreement   = "agreement"   // every coder gave it
	ByMajority    = "majority"    // more coders gave it than any other value
	ByAdjudicator = "adjudicator" // a tie settled by the adjudicator's value
	Unresolved    = "unresolved"  // a tie with no adjudication: left out of the gold coding
)

// Disagreement is one unit and variable on which coders differed.
type Disagreement struct {
	UnitID, Variable string
	Values           map[string]string // coder → value
	Gold             string            // "" when unresolved
	How              string
}

// Reconcile settles the codings of one round into a gold coding: for each
// unit and variable, the value most coders gave; a tie goes to the
// adjudicator's value when adjudication has one for that unit and
// variable, and otherwise stays unresolved (listed, but left out of the
// gold coding). It also lists every unit and variable where coders
// differ. Both come sorted by unit, then variable.
func Reconcile(codings []Coding, round int, adjudication []Coding) ([]Coding, []Disagreement) {
	type key struct{ unit, variable string }
	values := map[key]map[string]string{}
	var keys []key
	for _, c := range codings {
		if c.Round != round {
			continue
		}
		k := key{c.UnitID, c.Variable}
		if values[k] == nil {
			values[k] = map[string]string{}
			keys = append(keys, k)
		}
		values[k][c.Coder] = c.Value
	}
	adj := map[key]string{}
	for _, c := range adjudication {
		adj[key{c.UnitID, c.Variable}] = c.Value
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Or(cmp.Compare(a.unit, b.unit), cmp.Compare(a.variable, b.variable)) })
	var gold []Coding
	var diffs []Disagreement
	for _, k := range keys {
		votes := map[string]int{}
		for _, v := range values[k] {
			votes[v]++
		}
		best, top, tied := "", 0, false
		for _, v := range sortedKeys(votes) {
			switch n := votes[v]; {
			case n > top:
				best, top, tied = v, n, false
			case n == top:
				tied = true
			}
		}
		how := ByMajority
		switch {
		case len(votes) == 1:
			how = ByAgreement
		case tied:
			if v, ok := adj[k]; ok {
				best, how = v, ByAdjudicator
			} else {
				best, how = "", Unresolved
			}
		}
		if best != "" {
			gold = append(gold, Coding{UnitID: k.unit, Variable: k.variable, Coder: GoldCoder, Round: round, Value: best})
		}
		if how != ByAgreement {
			diffs = append(diffs, Disagreement{UnitID: k.unit, Variable: k.variable, Values: values[k], Gold: best, How: how})
		}
	}
	return gold, diffs
}

// sortedKeys returns a map's keys in order, for output that does not
// depend on map order.
func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// SaveDisagreements writes the disagreements as a workbook: one row per
// unit and variable, one column per coder, then the gold value and how it
// was settled.
func SaveDisagreements(path string, diffs []Disagreement) error {
	return atomicfile.Write(path, func(w io.Writer) error {
		coders := map[string]bool{}
		for _, d := range diffs {
			for c := range d.Values {
				coders[c] = true
			}
		}
		var names []string
		for c := range coders {
			names = append(names, c)
		}
		slices.Sort(names)
		f := excelize.NewFile()
		defer f.Close()
		s := "Disagreements"
		if err := f.SetSheetName("Sheet1", s); err != nil {
			return err
		}
		header := append(append([]string{"unit_id", "variable"}, names...), "gold", "settled_by")
		for j, h := range header {
			if err := f.SetCellStr(s, cellName(j+1, 1), h); err != nil {
				return err
			}
		}
		for i, d := range diffs {
			row := []string{d.UnitID, d.Variable}
			for _, c := range names {
				row = append(row, d.Values[c])
			}
			row = append(row, d.Gold, d.How)
			for j, v := range row {
				if err := f.SetCellStr(s, cellName(j+1, i+2), v); err != nil {
					return err
				}
			}
		}
		bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
		if err := f.SetCellStyle(s, "A1", cellName(len(header), 1), bold); err != nil {
			return err
		}
		for j, h := range header {
			col, _ := excelize.ColumnNumberToName(j + 1)
			w := float64(max(len(h), 12) + 2)
			if strings.HasPrefix(h, "unit") || h == "variable" {
				w = 28
			}
			if err := f.SetColWidth(s, col, col, w); err != nil {
				return err
			}
		}
		if len(diffs) > 0 {
			if err := f.AutoFilter(s, "A1:"+cellName(len(header), len(diffs)+1), nil); err != nil {
				return err
			}
		}
		return xlsxzip.Save(f, w, nil) // real sheet dimensions, for read-only readers
	})
}
