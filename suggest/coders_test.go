package suggest

import (
	"math"
	"testing"

	"github.com/rejoinder/rejoinder/reliability"
)

func TestCompareCoders(t *testing.T) {
	yes := func(unit, code, coder string, round int, v string) reliability.Coding {
		return reliability.Coding{UnitID: unit, Variable: "strategies:" + code, Coder: coder, Round: round, Value: v}
	}
	ev := &Evaluation{
		Scores: []Score{{Code: "denial", TP: 1}, {Code: "ridicule", FP: 1}}, // ridicule: no gold support, left out of the macro
		scored: []scoredUnit{{s: Suggestion{ID: "u1"}}, {s: Suggestion{ID: "u2"}}, {s: Suggestion{ID: "u3"}}},
	}
	ev.CompareCoders([]reliability.Coding{
		// u1: round 1 disagrees, round 2 (the latest coded twice) agrees.
		yes("u1", "denial", "a", 1, "yes"), yes("u1", "denial", "b", 1, "no"),
		yes("u1", "denial", "c", 2, "yes"), yes("u1", "denial", "d", 2, "yes"),
		yes("u1", "ridicule", "c", 2, "yes"), yes("u1", "ridicule", "d", 2, "no"),
		// u2: round 3 has one coder only, so round 2 counts: c says no, d yes.
		yes("u2", "denial", "c", 2, "no"), yes("u2", "denial", "d", 2, "yes"),
		yes("u2", "denial", "e", 3, "yes"),
		// u3: coded once; u4: not scored. Neither counts. Nor does a
		// variable that is not a strategy.
		yes("u3", "denial", "c", 2, "yes"),
		yes("u4", "denial", "c", 2, "yes"), yes("u4", "denial", "d", 2, "no"),
		{UnitID: "u1", Variable: "organ", Coder: "c", Round: 2, Value: "embassy"},
	})
	want := []Score{{Code: "denial", TP: 1, FN: 1}, {Code: "ridicule", FP: 1}}
	if ev.CoderUnits != 2 || len(ev.Coders) != 2 || ev.Coders[0] != want[0] || ev.Coders[1] != want[1] {
		t.Fatalf("CompareCoders: %d units, %+v; want 2, %+v", ev.CoderUnits, ev.Coders, want)
	}
	if f1 := 2.0 / 3; math.Abs(ev.CodersMacroF1-f1) > 1e-12 {
		t.Errorf("macro-F1 %v, want %v (denial only)", ev.CodersMacroF1, f1)
	}
}

func TestLearningCurveExtrapolation(t *testing.T) {
	ev := &Evaluation{MacroF1: 0.4, Curve: []CurvePoint{{Cases: 5, MacroF1: 0.25}, {Cases: 10, MacroF1: 0.3}, {Cases: 20, MacroF1: 0.35}, {Cases: 40, MacroF1: 0.4}}}
	slope, ok := ev.CurveSlope()
	if !ok || math.Abs(slope-0.05) > 1e-12 {
		t.Fatalf("slope %v, %v; want 0.05", slope, ok)
	}
	// 0.2 more at 0.05 a doubling: four doublings of 40.
	if cases, ok := ev.CasesFor(0.6); !ok || math.Abs(cases-640) > 1e-9 {
		t.Errorf("CasesFor(0.6) = %v, %v; want 640", cases, ok)
	}
	flat := &Evaluation{Curve: []CurvePoint{{Cases: 5, MacroF1: 0.3}, {Cases: 10, MacroF1: 0.3}}}
	if _, ok := flat.CasesFor(0.6); ok {
		t.Error("a flat curve extrapolated")
	}
	if _, ok := (&Evaluation{Curve: ev.Curve[:1]}).CurveSlope(); ok {
		t.Error("a slope from one point")
	}
}

func TestRoughly(t *testing.T) {
	for n, want := range map[float64]string{1044.2: "1,000", 1150: "1,200", 27.4: "27", 3.44: "3.4", 123456: "120,000", 0: "0"} {
		if got := roughly(n); got != want {
			t.Errorf("roughly(%v) = %q, want %q", n, got, want)
		}
	}
}
