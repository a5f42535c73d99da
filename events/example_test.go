package events_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/rejoinder/rejoinder/events"
)

// A GDELT 2.0 line (61 tab-separated columns; synthetic values) parsed.
func ExampleParseLine() {
	cols := make([]string, events.ColumnsV2)
	cols[events.ColGlobalEventID-1] = "1001"
	cols[events.ColSQLDate-1] = "20180304"
	cols[events.ColActor1Code-1], cols[events.ColActor1CountryCode-1] = "GBRGOV", "GBR"
	cols[events.ColActor2Code-1], cols[events.ColActor2CountryCode-1] = "RUSGOV", "RUS"
	cols[events.ColEventCode-1], cols[events.ColQuadClass-1] = "112", "3"
	cols[events.ColGoldsteinScale-1], cols[events.ColAvgTone-1] = "-2.0", "-3.5"
	cols[events.ColNumMentions-1], cols[events.ColNumSources-1], cols[events.ColNumArticles-1] = "4", "2", "4"
	e, err := events.ParseLine([]byte(strings.Join(cols, "\t")))
	fmt.Println(e.ID, e.Date, e.Actor1Country, "→", e.Actor2Country, e.EventCode, events.IsAccusation(e.EventCode), err)

	cols[events.ColSQLDate-1] = "20180230"
	_, err = events.ParseLine([]byte(strings.Join(cols, "\t")))
	fmt.Println(err)
	// Output:
	// 1001 2018-03-04 GBR → RUS 112 true <nil>
	// column 2 (SQLDATE) "20180230": not a date (allowed: YYYYMMDD, a day that exists)
}

// Ingest GDELT files, pair accusations with responses, summarise by year.
func ExampleIngest() {
	dir, _ := os.MkdirTemp("", "events-example")
	defer os.RemoveAll(dir)
	rep, err := events.Ingest([]string{filepath.Join("testdata", "v2.tsv")}, dir, events.IngestOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Lines, "lines,", rep.Kept, "kept,", rep.Malformed, "malformed")
	st, _ := events.Load(dir)
	tallies, _ := st.Tallies(30)
	df, _ := events.Summarize(tallies, events.ByYear)
	fmt.Println(df.Select([]string{"year", "accusations", "answered", "responses"}))
	// Output:
	// 18 lines, 10 kept, 4 malformed
	// [2x4] DataFrame
	//
	//     year  accusations answered responses
	//  0: 2017  1           1        1
	//  1: 2018  3           2        6
	//     <int> <int>       <int>    <int>
}
