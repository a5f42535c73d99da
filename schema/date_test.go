package schema

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		ok   bool
	}{
		{"2018-09-14", DayDate(2018, time.September, 14), true},
		{"2018-09", Date{Year: 2018, Month: time.September, Precision: PrecisionMonth}, true},
		{"2018", Date{Year: 2018, Precision: PrecisionYear}, true},
		{"", Date{}, true},
		{" 2016-03 ", Date{Year: 2016, Month: time.March, Precision: PrecisionMonth}, true},
		{"2016-02-29", DayDate(2016, time.February, 29), true},
		{"2018-02-29", Date{}, false},
		{"2018-13", Date{}, false},
		{"2018-00-10", Date{}, false},
		{"2018-9-14", Date{}, false},
		{"18-09-14", Date{}, false},
		{"2018-09-14-01", Date{}, false},
		{"2018/09/14", Date{}, false},
		{"September 2018", Date{}, false},
		{"2018-09-1x", Date{}, false},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseDate(%q) = %+v, %v; want %+v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	a, b := DayDate(2018, time.March, 12), DayDate(2018, time.March, 17)
	if d, ok := DaysBetween(a, b); !ok || d != 5 {
		t.Errorf("DaysBetween = %d, %v; want 5", d, ok)
	}
	if d, ok := DaysBetween(DayDate(2018, 9, 6), DayDate(2018, 9, 14)); !ok || d != 8 {
		t.Errorf("Park lag = %d, %v; want 8", d, ok)
	}
	month, _ := ParseDate("2018-03")
	if _, ok := DaysBetween(a, month); ok {
		t.Error("a lag to a month-precision date must be unknown")
	}
	before := []struct {
		d, e string
		want bool
	}{
		{"2018-03-11", "2018-03-12", true},
		{"2018-03-12", "2018-03-12", false},
		{"2018-03", "2018-03-12", false}, // March may end after the 12th
		{"2018-02", "2018-03-01", true},
		{"2017", "2018-01-01", true},
		{"2018", "2018-06-01", false},
		{"", "2018-06-01", false},
	}
	for _, tt := range before {
		d, _ := ParseDate(tt.d)
		e, _ := ParseDate(tt.e)
		if got := d.Before(e); got != tt.want {
			t.Errorf("%q.Before(%q) = %v, want %v", tt.d, tt.e, got, tt.want)
		}
	}
}

func TestDateEpochRoundTrip(t *testing.T) {
	for _, s := range []string{"1970-01-01", "1969-12-31", "2018-09-14", "2018-09", "2018", "2100-02-28"} {
		d, _ := ParseDate(s)
		if back := DateFromEpochDays(d.DaysSinceEpoch(), d.Precision); back != d {
			t.Errorf("%s: round trip gave %+v", s, back)
		}
	}
	if (Date{}).DaysSinceEpoch() != 0 || !DateFromEpochDays(123, PrecisionNone).IsZero() {
		t.Error("unknown dates")
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2018-09-14", "2018-09", "2018", "", "2018-02-30", "0000-01-01", "9999-12-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("%q parsed to %+v, whose String %q parses to %+v, %v", s, d, d.String(), again, err)
		}
	})
}
