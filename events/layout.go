package events

import "strings"

// Version is a GDELT event file format.
type Version int8

// The GDELT versions Ingest reads.
const (
	V1 Version = 1 // GDELT 1.0 daily files (58 columns) and backfile (57)
	V2 Version = 2 // GDELT 2.0 event exports (61 columns)
)

// Column numbers (1-based, as the GDELT codebooks count) of the fields
// rejoinder reads. Columns 1–35 are the same in both versions; the last
// ones (DATEADDED, SOURCEURL) depend on the version: see ColSourceURL.
const (
	ColGlobalEventID     = 1
	ColSQLDate           = 2
	ColActor1Code        = 6
	ColActor1CountryCode = 8
	ColActor2Code        = 16
	ColActor2CountryCode = 18
	ColEventCode         = 27
	ColQuadClass         = 30
	ColGoldsteinScale    = 31
	ColNumMentions       = 32
	ColNumSources        = 33
	ColNumArticles       = 34
	ColAvgTone           = 35
)

// Column counts of the layouts.
const (
	ColumnsV1Backfile = 57 // 1979–2013-03 historical backfile: no SOURCEURL
	ColumnsV1         = 58
	ColumnsV2         = 61
)

// shared are the names of columns 1–35, common to both versions.
var shared = strings.Fields(`GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode
Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode
Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale
NumMentions NumSources NumArticles AvgTone`)

// geo returns the names of one geography block: 7 columns in 1.0, 8 in
// 2.0 (ADM2Code after ADM1Code).
func geo(prefix string, v Version) []string {
	cols := []string{"Type", "FullName", "CountryCode", "ADM1Code"}
	if v == V2 {
		cols = append(cols, "ADM2Code")
	}
	cols = append(cols, "Lat", "Long", "FeatureID")
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = prefix + "_" + c
	}
	return out
}

// ColumnNames returns the GDELT names of the columns of a version's
// layout, in file order: 58 for V1 (the daily files; the backfile lacks
// the last, SOURCEURL) and 61 for V2.
func ColumnNames(v Version) []string {
	names := append([]string(nil), shared...)
	for _, p := range []string{"Actor1Geo", "Actor2Geo", "ActionGeo"} {
		names = append(names, geo(p, v)...)
	}
	return append(names, "DATEADDED", "SOURCEURL")
}

// columnName names column col (1-based) of a line with n columns, for
// error messages.
func columnName(n, col int) string {
	v := V1
	if n == ColumnsV2 {
		v = V2
	}
	names := ColumnNames(v)
	if col >= 1 && col <= len(names) {
		return names[col-1]
	}
	return ""
}

// versionOf gives the layout a line of n columns has, or 0 for none.
func versionOf(n int) Version {
	switch n {
	case ColumnsV1Backfile, ColumnsV1:
		return V1
	case ColumnsV2:
		return V2
	}
	return 0
}

// ColSourceURL returns the column of SOURCEURL in a line of n columns,
// or 0 when the layout has none (the 1.0 backfile).
func ColSourceURL(n int) int {
	switch n {
	case ColumnsV1:
		return 58
	case ColumnsV2:
		return 61
	}
	return 0
}

// Response types: what a response event does, named after the
// codebook's strategy codes where one has the CAMEO code (see the
// package documentation).
const (
	TypeDenial            = "denial"             // 016 deny responsibility
	TypeNonDenial         = "non_denial"         // 011 decline comment
	TypeCounterAccusation = "counter_accusation" // 112, 1121–1125 in the reversed dyad
	TypeThreat            = "threat_warning"     // 13x threaten
	TypeExpulsion         = "expulsion"          // 174 expel or deport individuals
)

// ResponseTypes lists the response types in a fixed order, the order of
// the summary columns.
var ResponseTypes = []string{TypeDenial, TypeNonDenial, TypeCounterAccusation, TypeThreat, TypeExpulsion}

// AccusationCodes are the CAMEO codes of accusations: 112 accuse, and
// 1121–1125 accuse of crime or corruption, of human rights abuses, of
// aggression, of war crimes, of espionage or treason.
var AccusationCodes = []string{"112", "1121", "1122", "1123", "1124", "1125"}

// IsAccusation reports whether a CAMEO event code is an accusation.
func IsAccusation(code string) bool {
	return len(code) >= 3 && code[0] == '1' && code[1] == '1' && code[2] == '2' &&
		(len(code) == 3 || len(code) == 4 && code[3] >= '1' && code[3] <= '5')
}

// ResponseType returns the response type of a CAMEO event code, or ""
// when an event with that code is not a response. Codes are the digit
// strings GDELT writes, with their leading zeros ("016").
func ResponseType(code string) string {
	switch {
	case code == "016":
		return TypeDenial
	case code == "011":
		return TypeNonDenial
	case code == "174":
		return TypeExpulsion
	case IsAccusation(code):
		return TypeCounterAccusation
	case (len(code) == 3 || len(code) == 4) && code[0] == '1' && code[1] == '3' && allDigits(code):
		return TypeThreat
	}
	return ""
}

// InCodeSet reports whether an event with this code is kept by the
// ingest filter: an accusation or a response.
func InCodeSet(code string) bool { return ResponseType(code) != "" }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
