package coding

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// The published gold coding is what the records hold, variable by
// variable, and every independent round covers every coded unit twice.
func TestPublishedCodingsMatchRecords(t *testing.T) {
	codings, err := Published()
	if err != nil {
		t.Fatal(err)
	}
	gold, err := PublishedGold()
	if err != nil {
		t.Fatal(err)
	}
	ds := dataset.MustDefault()
	units := map[string]reflect.Value{}
	for _, table := range []string{schema.TableAccusations, schema.TableResponses} {
		for _, row := range ds.Records.Rows(table) {
			key := row.Field(0).String() // the id is each record's first field
			units[key] = row
		}
	}
	golds := 0
	for _, c := range gold {
		if c.Coder != "gold" {
			t.Errorf("gold.csv holds coder %q's coding of %s", c.Coder, c.UnitID)
			continue
		}
		golds++
		row, ok := units[c.UnitID]
		if !ok {
			t.Errorf("gold coding of %s: no such accusation or response", c.UnitID)
			continue
		}
		name, code, multi := strings.Cut(c.Variable, ":")
		got, _ := schema.FieldValue(row, name)
		var want any = c.Value
		if multi {
			has := slices.Contains(got.Interface().([]string), code)
			if has != (c.Value == "yes") {
				t.Errorf("%s %s: gold %s, record %v", c.UnitID, c.Variable, c.Value, got.Interface())
			}
			continue
		}
		if got.Interface() != want {
			t.Errorf("%s %s: gold %q, record %q", c.UnitID, c.Variable, c.Value, got.Interface())
		}
	}
	if golds == 0 {
		t.Fatal("no gold codings published")
	}
	for _, round := range Rounds(codings) {
		coders := map[string]map[string]bool{} // unit → coders of this round
		for _, c := range codings {
			if c.Round == round {
				if c.Coder == "gold" {
					t.Errorf("codings.csv holds a gold coding (%s %s): gold is in gold.csv", c.UnitID, c.Variable)
				}
				if coders[c.UnitID] == nil {
					coders[c.UnitID] = map[string]bool{}
				}
				coders[c.UnitID][c.Coder] = true
			}
		}
		// A unit coded in a round is coded by two coders; a unit added
		// since (not coded yet) is listed in DATASET.md, not an error here,
		// so that adding a case does not break the build before its coding.
		for unit, who := range coders {
			if len(who) != 2 {
				t.Errorf("round %d: %s coded by %d coder(s), want 2", round, unit, len(who))
			}
		}
	}
}
