package coding

import (
	"math"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/reliability"
	"github.com/rejoinder/rejoinder/schema"
)

// One coding type: the codings this package imports and stores are
// reliability's, passed to the measures as they are, and Groups keeps
// every field (variable, round, where read) of the codings it gathers.
func TestOneCodingType(t *testing.T) {
	codings := []Coding{
		{UnitID: "r1", Variable: "response_type", Coder: "ana", Round: 1, Value: "denial", Where: "ana.xlsx"},
		{UnitID: "r1", Variable: "response_type", Coder: "ben", Round: 1, Value: "denial", Where: "ben.xlsx"},
		{UnitID: "r2", Variable: "response_type", Coder: "ana", Round: 1, Value: "denial", Where: "ana.xlsx"},
		{UnitID: "r2", Variable: "response_type", Coder: "ben", Round: 1, Value: "non_denial", Where: "ben.xlsx"},
		{UnitID: "r1", Variable: "strategies:denial", Coder: "ana", Round: 1, Value: "yes"},
		{UnitID: "r1", Variable: "strategies:denial", Coder: "ben", Round: 1, Value: "no"},
	}
	var direct []reliability.Coding = codings // the same type: no conversion
	res, err := reliability.Alpha(direct[:4], schema.Nominal, nil)
	if err != nil || res.Units != 2 || math.Abs(res.Agreement-0.5) > 1e-12 {
		t.Errorf("Alpha = %+v, %v", res, err)
	}
	groups := Groups(schema.Default(), codings, 1, "")
	if len(groups) != 3 {
		t.Fatalf("groups %d, want response_type, strategies:denial and its pooled row", len(groups))
	}
	if got := groups[0].Codings; len(got) != 4 || got[3] != codings[3] {
		t.Errorf("response_type codings = %+v, want the imported ones unchanged", got)
	}
	pooled := groups[2]
	if want := "strategies" + PooledSuffix; pooled.Name != want || pooled.Codings[0].Variable != want || pooled.Codings[0].UnitID != "r1:denial" || pooled.Codings[0].Round != 1 {
		t.Errorf("pooled group = %+v", pooled)
	}
}

// Where a coding was read is not part of it: adding the same judgements
// read from another place changes nothing.
func TestAddIgnoresWhere(t *testing.T) {
	old := []Coding{{UnitID: "r1", Variable: "response_type", Coder: "ana", Round: 1, Value: "denial"}}
	again := []Coding{{UnitID: "r1", Variable: "response_type", Coder: "ana", Round: 1, Value: "denial", Where: "ana.xlsx!Coding!C2"}}
	out, st, err := Add(old, again, false)
	if err != nil || st.Unchanged != 1 || st.Added != 0 || len(out) != 1 {
		t.Errorf("Add = %+v, %+v, %v", out, st, err)
	}
	again[0].Value = "non_denial"
	if _, _, err := Add(old, again, false); err == nil || !strings.Contains(err.Error(), `coder "ana", round 1, 1 unit(s): r1`) {
		t.Errorf("a changed value: %v", err)
	}
}
