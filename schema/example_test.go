package schema_test

import (
	"errors"
	"fmt"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// Dates keep the precision their source gives; a lag in days exists only
// between two dates exact to the day.
func ExampleParseDate() {
	for _, s := range []string{"2018-09-14", "2018-09", "2018", "2018-02-30"} {
		d, err := schema.ParseDate(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %s\n", d, d.Precision)
	}
	exact, _ := schema.ParseDate("2018-09-06")
	month, _ := schema.ParseDate("2018-09")
	fmt.Println(schema.DaysBetween(exact, schema.DayDate(2018, 9, 14)))
	fmt.Println(schema.DaysBetween(exact, month))
	// Output:
	// 2018-09-14: day
	// 2018-09: month
	// 2018: year
	// invalid date "2018-02-30" (allowed: YYYY-MM-DD, YYYY-MM or YYYY)
	// 8 true
	// 0 false
}

// Validate reports every problem at once, each with the file, line and
// column of the record it was read from, the field, the bad value and what
// is allowed. Here a strategy code of the embedded dataset is misspelt.
func ExampleValidate() {
	ds := dataset.MustDefault()
	recs := ds.Records
	r := &recs.Responses[0] // Default gives each caller its own slices
	r.Strategies = append([]string{"denail"}, r.Strategies[1:]...)
	problems := schema.Validate(ds.Codebook, &recs)
	fmt.Println(len(problems), "problem; unknown code:", errors.Is(problems[0], schema.ErrUnknownCode))
	p := problems[0] // its File, Line and Column say where; printed whole, it reads file:line:col: ...
	fmt.Println(p.ID, p.Field, p.Value, p.Detail)
	// Output:
	// 1 problem; unknown code: true
	// are-qna-2017-r1 strategies[0] denail did you mean "denial"?
}

// The codebook is data: tables, variables, their codes and definitions.
func ExampleCodebook_MustVariable() {
	cb := schema.Default()
	v := cb.MustVariable(schema.TableResponses, "strategies")
	fmt.Println(v.Type, v.List, v.Level, len(v.Codes()))
	denial, _ := v.Value("denial")
	fmt.Println(denial.Benoit, denial.FourD, denial.CAMEO)
	// Output:
	// enum true nominal 18
	// denial dismiss 016
}
