package schema

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a Date is known. Sources often give only a
// month or a year, and a lag computed from a guessed day would be a
// fabricated fact, so the precision travels with every date.
type Precision uint8

// The precisions, from unknown to exact. The order matters: a higher value
// is a finer date.
const (
	PrecisionNone Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

var precisionNames = [...]string{"", "year", "month", "day"}

// String returns the codebook name of the precision ("day", "month",
// "year"), or "" for an unknown date.
func (p Precision) String() string {
	if int(p) < len(precisionNames) {
		return precisionNames[p]
	}
	return fmt.Sprintf("Precision(%d)", p)
}

// ParsePrecision is the inverse of Precision.String.
func ParsePrecision(s string) (Precision, error) {
	for i, n := range precisionNames {
		if n == s {
			return Precision(i), nil
		}
	}
	return 0, fmt.Errorf("unknown date precision %q (allowed: day, month, year, or empty)", s)
}

// Date is a calendar date known to a given precision. The zero Date is
// unknown. Fields finer than the precision are zero.
type Date struct {
	Year      int
	Month     time.Month
	Day       int
	Precision Precision
}

// DayDate returns an exact date.
func DayDate(year int, month time.Month, day int) Date {
	return Date{Year: year, Month: month, Day: day, Precision: PrecisionDay}
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Precision == PrecisionNone }

// String formats the date as ISO 8601 to its precision: "2018-09-14",
// "2018-09", "2018", or "" when unknown.
func (d Date) String() string {
	switch d.Precision {
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.Year)
	}
	return ""
}

// Time returns the first instant (UTC) of the period the date names: the
// day itself, the first of the month, or January 1st. The zero time for an
// unknown date.
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	m, day := d.Month, d.Day
	if m == 0 {
		m = time.January
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, m, day, 0, 0, 0, 0, time.UTC)
}

// DaysSinceEpoch returns the Arrow date32 value of Time, or 0 for an
// unknown date (which is stored as null beside it).
func (d Date) DaysSinceEpoch() int32 {
	if d.IsZero() {
		return 0
	}
	return int32(d.Time().Unix() / 86400)
}

// DateFromEpochDays rebuilds a Date from an Arrow date32 value and a
// precision, the inverse of DaysSinceEpoch.
func DateFromEpochDays(days int32, p Precision) Date {
	if p == PrecisionNone {
		return Date{}
	}
	t := time.Unix(int64(days)*86400, 0).UTC()
	d := Date{Year: t.Year(), Precision: p}
	if p >= PrecisionMonth {
		d.Month = t.Month()
	}
	if p == PrecisionDay {
		d.Day = t.Day()
	}
	return d
}

// DaysBetween returns b minus a in days. ok is false unless both dates are
// exact to the day: a lag between coarser dates is not known.
func DaysBetween(a, b Date) (days int, ok bool) {
	if a.Precision != PrecisionDay || b.Precision != PrecisionDay {
		return 0, false
	}
	return int(b.Time().Sub(a.Time()).Hours() / 24), true
}

// Before reports whether d certainly lies before e: the whole period d
// names ends before the period e names begins.
func (d Date) Before(e Date) bool {
	if d.IsZero() || e.IsZero() {
		return false
	}
	var end time.Time
	switch d.Precision {
	case PrecisionDay:
		end = d.Time().AddDate(0, 0, 1)
	case PrecisionMonth:
		end = d.Time().AddDate(0, 1, 0)
	default:
		end = d.Time().AddDate(1, 0, 0)
	}
	return !end.After(e.Time())
}

// ParseDate reads "YYYY-MM-DD", "YYYY-MM", "YYYY" or "" (unknown). It
// rejects dates that do not exist, such as 2018-02-30.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	parts := strings.Split(s, "-")
	bad := fmt.Errorf("invalid date %q (allowed: YYYY-MM-DD, YYYY-MM or YYYY)", s)
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, bad
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if (i > 0 && len(p) != 2) || !allDigits(p) {
			return Date{}, bad
		}
		nums[i], _ = strconv.Atoi(p)
	}
	d := Date{Year: nums[0], Precision: Precision(len(parts))}
	if len(nums) > 1 {
		if nums[1] < 1 || nums[1] > 12 {
			return Date{}, bad
		}
		d.Month = time.Month(nums[1])
	}
	if len(nums) > 2 {
		d.Day = nums[2]
		if t := d.Time(); t.Day() != d.Day || t.Month() != d.Month {
			return Date{}, bad
		}
	}
	return d, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MarshalText implements encoding.TextMarshaler (the ISO form of String).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler with ParseDate.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
