// Package events turns GDELT event data (machine-coded with CAMEO) into
// accusation → response pairs between states, to set the curated cases
// of the rejoinder dataset in the context of millions of events: the
// curated cases are deep but few, the event data shallow but many.
//
// # Where it fits
//
// events is a side branch of the flow schema → dataset → analysis →
// exports → cmd/rejoinder: it uses package schema for the country codes,
// package dataset for its Parquet writer settings and partition layout
// and, in [MatchCases], for the curated accusations, and it returns gota
// DataFrames as package analysis does.
// `rejoinder events ingest|pairs|sql|import|gen` drives it.
//
// # Entry points
//
//	rep, err := events.Ingest(files, "gdelt", events.IngestOptions{}) // GDELT files → gdelt/events/year=YYYY/part-0.parquet
//	st, err := events.Load("gdelt")                                  // the columns the pairing needs
//	src, err := st.Pairs(30)                                         // a 30-day window
//	t, err := st.Tallies(30)                                         // the same, counted not listed
//	byYear, err := events.Summarize(t, events.ByYear)                // or events.ByDyad
//	cases, err := events.MatchCases(src, dataset.MustDefault(), 3)   // curated accusations beside the events
//
// [Ingest] writes the filtered events with an [IngestReport] of what it
// read and skipped; [Load] returns a [Store] whose [Store.Pairs] yields a
// [Source] of pairs, and [Store.Tallies] the same pairs counted rather
// than listed, which [Summarize] turns into DataFrames (counting does not
// grow with the number of pairs, which can be the product of a dyad's
// accusations and responses); [MatchCases] turns a Source into a
// DataFrame, and [WritePairs] streams the pairs table itself. For data
// beyond one machine, [SQL] writes the same filter and pairing as one
// query for DuckDB or BigQuery, [Import] brings its CSV result back as a
// checked pairs file, and [ReadPairs] opens that file as a Source.
// [NewGenerator] writes synthetic events in GDELT's layout for tests and
// benchmarks.
//
// # Input
//
// GDELT 1.0 daily event files (58 tab-separated columns; the historical
// backfile has 57, without SOURCEURL) and GDELT 2.0 event exports (61
// columns), plain or zipped. Column positions are in the Col* constants
// (see docs/notes/gdelt-layout.md). [ParseLine] reads one line; [Reader]
// reads a file line by line, reporting a malformed line as a
// [*ParseError] with file, line, column and value; [Ingest] streams files
// into a Parquet dataset with bounded memory.
//
// # The filter
//
// A line is kept when both Actor1CountryCode and Actor2CountryCode are
// states, the two differ, and EventCode is in the accusation/response
// code set (see [InCodeSet]). States are the ISO 3166-1 alpha-3 codes the
// codebook knows ([schema.IsCountry], [IsState]). GDELT's CAMEO country
// lookup (CAMEO.country.txt) is mostly ISO alpha-3 codes; its four non-ISO
// codes of states (ROM, MTN, TMP, IMY) are mapped to ROU, MNE, TLS and IMN
// ([CAMEOToISO], [State]), and its regions (Europe, Africa, the West and
// so on), cities and parts of territories are dropped ([CAMEODropped]);
// [Ingest] counts the events each dropped code cost. Repeated events (one
// GLOBALEVENTID within a GDELT version) are kept once.
//
// # The codes
//
// Accusations are CAMEO 112 (accuse) and 1121–1125 (accuse of crime or
// corruption, human rights abuses, aggression, war crimes, espionage or
// treason). Responses are 016 deny responsibility (type "denial"), 011
// decline comment ("non_denial"), an accusation in the reversed dyad
// ("counter_accusation"), 13x threaten, three or four digits from 130 to
// 1399 ("threat_warning") and 174 expel or deport individuals
// ("expulsion"). The first four type names are the codebook's strategy
// codes whose CAMEO codes these are; the codebook has no strategy coded
// 174 (it codes tit-for-tat expulsions of diplomats as
// reciprocal_measure, CAMEO 161), so expulsion keeps the CAMEO name.
//
// # Pairing semantics
//
// For every accusation event a (actor1 A accuses actor2 B on day d), the
// responses are every stored event r with
//
//   - r's actor1 = B and r's actor2 = A (the dyad reversed),
//   - r's code a response code ([ResponseType] of it is not empty),
//   - d ≤ r's date ≤ d + window (both ends inclusive; window in days).
//
// Same-day responses count (lag 0): GDELT dates are days and cannot
// order two events within a day. A response may pair with several
// accusations (every accusation whose window holds it), and an accusation
// with several responses; both are kept, one row per pair. An accusation
// with no response in its window is kept as one row with empty response
// columns, so that the pairs table also counts the unanswered. The lag is
// the response's date minus the accusation's date in days. Rows are
// ordered by accusation date, accusation id, response date, response id.
// An accusation in the reversed dyad is both an accusation in its own
// right and a counter-accusation response.
//
// [SQL] prints the same filter and pairing as SQL for DuckDB (over the
// Parquet dataset, or straight from GDELT's tab-separated files) and for
// GDELT's public BigQuery tables; a test checks that DuckDB running it
// finds exactly the pairs [Store.Pairs] finds.
//
// # Examples
//
// ExampleParseLine parses a synthetic GDELT 2.0 line and shows the error
// for a malformed date; ExampleIngest ingests a small test file, pairs it
// and summarises it by year (go test ./events -run Example -v).
package events
