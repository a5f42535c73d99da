package events

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rejoinder/rejoinder/dataset"
)

// SQL dialects.
const (
	DialectDuckDB   = "duckdb"
	DialectBigQuery = "bigquery"
)

// Dialects lists the dialects SQL writes.
var Dialects = []string{DialectDuckDB, DialectBigQuery}

// BigQueryTables are GDELT's public BigQuery event tables, by version.
var BigQueryTables = map[Version]string{V1: "gdelt-bq.full.events", V2: "gdelt-bq.gdeltv2.events"}

// SQLOptions say what SQL writes.
type SQLOptions struct {
	Dialect string
	Window  int // days
	// Data is an ingested dataset directory (DuckDB over its Parquet
	// files; Spark reads the same glob). Used when TSV is empty.
	Data string
	// TSV is a file or glob of GDELT tab-separated files for DuckDB to read
	// directly, in the layout of Version (V1: the 58-column daily files
	// and the 57-column backfile, V2: the 61-column exports).
	TSV     string
	Version Version
	// Table overrides the BigQuery table (default BigQueryTables[Version]).
	Table string
}

// SQL writes the filter and the pairing of this package as one SQL
// query, for an engine made for the heavy part: DuckDB (over the ingested
// Parquet dataset, or straight from GDELT's files) or BigQuery (GDELT's
// public tables). Its result has the columns PairColumns in the order the
// package documentation gives; save it as CSV and bring it back with
// Import. On well-formed input it finds exactly the pairs Pairs does (a
// test runs it in DuckDB); lines of another column count, and lines with
// a bad id or date, are dropped, as Ingest drops them. Repeated event ids
// count once, as in Ingest; should two lines with one id differ, Ingest
// keeps the first and the query the least by date and codes.
func SQL(o SQLOptions) (string, error) {
	if o.Window < 0 {
		return "", fmt.Errorf("%w: %d days (allowed: 0 or more)", ErrWindow, o.Window)
	}
	if o.Version == 0 {
		o.Version = V2
	}
	if o.Version != V1 && o.Version != V2 {
		return "", fmt.Errorf("unknown GDELT version %d (allowed: 1, 2)", o.Version)
	}
	var src, threat, lag, until, typeCol string
	switch o.Dialect {
	case DialectDuckDB:
		threat = "regexp_full_match(event_code, '13[0-9]{1,2}')"
		lag = "date_diff('day', a.date, r.date)"
		until = fmt.Sprintf("a.date + %d", o.Window)
		switch {
		case o.TSV != "":
			src = duckdbTSV(o.TSV, o.Version)
		case o.Data != "":
			glob := filepath.ToSlash(filepath.Join(o.Data, dataset.PartitionDir(Table), "**", "*.parquet"))
			src = "  SELECT event_id, date, actor1_country, actor2_country, event_code, " + ColumnVersion + "\n" +
				"  FROM read_parquet(" + quote(glob) + ", hive_partitioning = true)"
		default:
			return "", fmt.Errorf("duckdb: name the ingested dataset (--data) or GDELT files (--tsv)")
		}
	case DialectBigQuery:
		table := o.Table
		if table == "" {
			table = BigQueryTables[o.Version]
		}
		threat = "REGEXP_CONTAINS(event_code, r'^13[0-9]{1,2}$')"
		lag = "DATE_DIFF(r.date, a.date, DAY)"
		until = fmt.Sprintf("DATE_ADD(a.date, INTERVAL %d DAY)", o.Window)
		src = "  SELECT GLOBALEVENTID AS event_id, SAFE.PARSE_DATE('%Y%m%d', CAST(SQLDATE AS STRING)) AS date,\n" +
			"    Actor1CountryCode AS actor1_country, Actor2CountryCode AS actor2_country, EventCode AS event_code,\n" +
			"    " + itoa(int(o.Version)) + " AS " + ColumnVersion + "\n" +
			"  FROM `" + table + "`"
	default:
		return "", fmt.Errorf("unknown dialect %q (allowed: %s)", o.Dialect, strings.Join(Dialects, ", "))
	}
	typeCol = "CASE WHEN event_code = '016' THEN '" + TypeDenial + "'" +
		" WHEN event_code = '011' THEN '" + TypeNonDenial + "'" +
		" WHEN event_code = '174' THEN '" + TypeExpulsion + "'" +
		" WHEN event_code IN (" + list(AccusationCodes) + ") THEN '" + TypeCounterAccusation + "'" +
		" ELSE '" + TypeThreat + "' END"
	states := list(States())
	var b strings.Builder
	fmt.Fprintf(&b, "-- Accusation -> response pairs between states (rejoinder events sql --dialect %s).\n", o.Dialect)
	fmt.Fprintf(&b, "-- Window: responses dated 0 to %d days after the accusation, both ends included.\n", o.Window)
	b.WriteString("-- One row per pair; an accusation without a response is one row with empty response columns.\n")
	b.WriteString("-- GDELT's country codes of states that are not ISO codes are mapped (ROM -> ROU ...); an event id\n")
	b.WriteString("-- given twice (within a GDELT version) counts once.\n")
	b.WriteString("WITH source AS (\n" + src + "\n),\n")
	b.WriteString("events AS (\n  SELECT event_id, date, " + isoCountry("actor1_country") + " AS actor1_country,\n")
	b.WriteString("    " + isoCountry("actor2_country") + " AS actor2_country, event_code, " + ColumnVersion + "\n  FROM source\n),\n")
	b.WriteString("kept AS (\n  SELECT * FROM events\n  WHERE event_id IS NOT NULL AND date IS NOT NULL\n")
	b.WriteString("    AND actor1_country <> actor2_country\n")
	b.WriteString("    AND (event_code IN ('016', '011', '174', " + list(AccusationCodes) + ") OR " + threat + ")\n")
	b.WriteString("    AND actor1_country IN (" + states + ")\n")
	b.WriteString("    AND actor2_country IN (" + states + ")\n")
	b.WriteString("  QUALIFY row_number() OVER (PARTITION BY " + ColumnVersion + ", event_id ORDER BY date, actor1_country, actor2_country, event_code) = 1\n),\n")
	b.WriteString("accusations AS (\n  SELECT * FROM kept WHERE event_code IN (" + list(AccusationCodes) + ")\n),\n")
	b.WriteString("responses AS (\n  SELECT *, " + typeCol + " AS response_type FROM kept\n)\n")
	b.WriteString("SELECT a.event_id AS accusation_id, a.date AS accusation_date, a.actor1_country AS accuser,\n")
	b.WriteString("  a.actor2_country AS accused, a.event_code AS accusation_code,\n")
	b.WriteString("  r.event_id AS response_id, r.date AS response_date, r.actor1_country AS responder,\n")
	b.WriteString("  r.actor2_country AS response_target, r.event_code AS response_code, r.response_type,\n")
	b.WriteString("  " + lag + " AS lag_days\n")
	b.WriteString("FROM accusations a\nLEFT JOIN responses r\n")
	b.WriteString("  ON r.actor1_country = a.actor2_country AND r.actor2_country = a.actor1_country\n")
	b.WriteString("  AND r.date >= a.date AND r.date <= " + until + "\n")
	b.WriteString("ORDER BY a.date, a.event_id, r.date, r.event_id;\n")
	return b.String(), nil
}

// duckdbTSV reads GDELT files with DuckDB: every column as text, no
// quoting (GDELT has none). A line of more columns than the layout is
// skipped (ignore_errors); a shorter one is padded with NULLs
// (null_padding), so that the 57-column 1.0 backfile reads with the
// 58-column daily files, and then dropped unless it has the layout's
// fewest columns (57 in 1.0, 61 in 2.0), as Ingest drops it. nullstr is
// set to text GDELT never has, so that an empty field is ” and only
// padding is NULL.
func duckdbTSV(glob string, v Version) string {
	names := ColumnNames(v)
	cols := make([]string, len(names))
	for i, n := range names {
		cols[i] = quote(n) + ": 'VARCHAR'"
	}
	least := ColumnsV2
	if v == V1 {
		least = ColumnsV1Backfile
	}
	return "  SELECT TRY_CAST(GLOBALEVENTID AS BIGINT) AS event_id, TRY_STRPTIME(SQLDATE, '%Y%m%d')::DATE AS date,\n" +
		"    Actor1CountryCode AS actor1_country, Actor2CountryCode AS actor2_country, EventCode AS event_code,\n" +
		"    " + strconv.Itoa(int(v)) + " AS " + ColumnVersion + "\n" +
		"  FROM read_csv(" + quote(glob) + ", delim = '\\t', header = false, quote = '', escape = '',\n" +
		"    auto_detect = false, ignore_errors = true, null_padding = true, nullstr = '\\x01',\n" +
		"    columns = {" + strings.Join(cols, ", ") + "})\n" +
		"  WHERE \"" + names[least-1] + "\" IS NOT NULL"
}

// isoCountry is the SQL mapping GDELT's non-ISO codes of states to their
// ISO codes (CAMEOToISO).
func isoCountry(col string) string {
	var b strings.Builder
	b.WriteString("CASE " + col)
	for _, c := range mappedCodes() {
		b.WriteString(" WHEN " + quote(c) + " THEN " + quote(CAMEOToISO[c]))
	}
	b.WriteString(" ELSE " + col + " END")
	return b.String()
}

// quote is an SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func list(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = quote(x)
	}
	return strings.Join(q, ", ")
}
