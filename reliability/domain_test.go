package reliability

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/rejoinder/rejoinder/schema"
)

// codings builds two coders' codings of units 1, 2, ... from their
// values, as written.
func codings(a, b []string) []Coding {
	var out []Coding
	for i := range a {
		u := strconv.Itoa(i + 1)
		out = append(out, Coding{UnitID: u, Coder: "A", Value: a[i]}, Coding{UnitID: u, Coder: "B", Value: b[i]})
	}
	return out
}

// A value outside its level's domain is an error that names it and where
// it was read, not a number alpha quietly uses: ratio data are 0 or more
// (-5 and 5, summing to 0, used to count as perfect agreement and give
// alpha = 0.998), and interval and ratio data are finite numbers.
func TestAlphaRefusesValuesOutsideTheDomain(t *testing.T) {
	for _, tc := range []struct {
		name  string
		level schema.Level
		csv   string
		err   error
		want  string
	}{
		{"negative ratio", schema.Ratio, "unit,coder,value\n1,A,-5\n1,B,5\n2,A,3\n2,B,3\n3,A,1\n3,B,2\n", ErrOutOfDomain,
			`in.csv:2: coder "A", unit "1": value outside the level's domain: "-5" (allowed: ratio data are 0 or more`},
		{"negative ratio in an unpairable unit", schema.Ratio, "unit,coder,value\n1,A,1\n1,B,1\n2,A,2\n2,B,3\n3,A,-1\n", ErrOutOfDomain,
			`in.csv:6: coder "A", unit "3"`},
		{"text at interval level", schema.Interval, "unit,coder,value\n1,A,1\n1,B,2\n2,A,two\n2,B,3\n", ErrNotNumeric,
			`in.csv:4: coder "A", unit "2": value is not a number "two" (allowed: interval data are finite numbers`},
		{"infinity", schema.Ratio, "unit,coder,value\n1,A,1\n1,B,inf\n", ErrNotNumeric, `in.csv:3: coder "B", unit "1": value is not a number "inf"`},
		{"beyond float64", schema.Interval, "unit,coder,value\n1,A,1\n1,B,1e400\n", ErrNotNumeric, `in.csv:3: coder "B", unit "1": value is not a number "1e400": too large`},
		// A 10 MB value is quoted up to schema.MaxEchoedValue bytes, with its size.
		{"huge text", schema.Interval, "unit,coder,value\n1,A,1\n1,B," + strings.Repeat("x", 10<<20) + "\n", ErrNotNumeric,
			`in.csv:3: coder "B", unit "1": value is not a number "` + strings.Repeat("x", schema.MaxEchoedValue) + `"… (10485760 bytes) (allowed: interval`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, err := ReadCSV(strings.NewReader(tc.csv), "in.csv")
			if err != nil {
				t.Fatal(err)
			}
			r, err := Alpha(cs, tc.level, nil)
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("alpha %v, err %v; want %q", r.Alpha, err, tc.want)
			}
			if _, err := BootstrapAlpha(cs, tc.level, nil, 100, 1); !errors.Is(err, tc.err) {
				t.Errorf("bootstrap: err %v, want %v", err, tc.err)
			}
		})
	}
	// Negative values are fine where the level allows them.
	neg := codings([]string{"-5", "-1", "0", "4"}, []string{"-4", "-1", "1", "4"})
	for _, level := range []schema.Level{schema.Interval, schema.Ordinal, schema.Nominal} {
		if _, err := Alpha(neg, level, nil); err != nil {
			t.Errorf("%s: %v", level, err)
		}
	}
}

// Values near the ends of float64 (1e300, whose squared difference
// overflows, and 1e-300, whose square underflows to 0) give the alpha of
// the same values at a usual scale, both alphas being invariant under
// scaling, instead of a blank alpha (NaN) or "no variation".
func TestAlphaOfHugeAndTinyValues(t *testing.T) {
	a := []string{"1", "2", "3", "4", "5", "6"}
	b := []string{"1", "3", "3", "5", "4", "6"}
	scaled := func(vs []string, exp string) []string {
		out := make([]string, len(vs))
		for i, v := range vs {
			out[i] = v + exp
		}
		return out
	}
	for _, level := range []schema.Level{schema.Interval, schema.Ratio} {
		want, err := Alpha(codings(a, b), level, nil)
		if err != nil || math.IsNaN(want.Alpha) {
			t.Fatalf("%s: %v %v", level, want.Alpha, err)
		}
		for _, exp := range []string{"e300", "e307", "e-300", "e-320"} {
			got, err := Alpha(codings(scaled(a, exp), scaled(b, exp)), level, nil)
			if err != nil || !(math.Abs(got.Alpha-want.Alpha) <= 1e-12) { // NaN fails too
				t.Errorf("%s, values ×1%s: alpha %v (%v), want %v", level, exp, got.Alpha, err, want.Alpha)
			}
			ci, err := BootstrapAlpha(codings(scaled(a, exp), scaled(b, exp)), level, nil, 200, 1)
			if err != nil || math.IsNaN(ci.Low) || math.IsNaN(ci.High) || ci.Low > got.Alpha || ci.High < got.Alpha {
				t.Errorf("%s, values ×1%s: interval %+v (%v) does not bracket %v", level, exp, ci, err, got.Alpha)
			}
		}
	}
}
