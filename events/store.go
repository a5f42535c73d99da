package events

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/schema"
)

// Table is the name of the event table in an ingested dataset: its files
// are DIR/events/year=YYYY/part-0.parquet (dataset.PartitionDir and
// dataset.PartitionFile), Hive-partitioned by the year of the event's
// date, which DuckDB, Spark and BigQuery read as one table.
const Table = "events"

// PartitionKey is the one partition key of the event table.
const PartitionKey = dataset.PartitionYear

// MalformedFile is the report of malformed lines Ingest writes beside
// the event table when it found any.
const MalformedFile = "malformed.csv"

// Column names of the event table, as stored in the Parquet files.
const (
	ColumnEventID     = "event_id"
	ColumnDate        = "date"
	ColumnActor1Code  = "actor1_code"
	ColumnActor1      = "actor1_country"
	ColumnActor2Code  = "actor2_code"
	ColumnActor2      = "actor2_country"
	ColumnEventCode   = "event_code"
	ColumnQuadClass   = "quad_class"
	ColumnGoldstein   = "goldstein"
	ColumnNumMentions = "num_mentions"
	ColumnNumSources  = "num_sources"
	ColumnNumArticles = "num_articles"
	ColumnAvgTone     = "avg_tone"
	ColumnSourceURL   = "source_url"
	ColumnVersion     = "gdelt_version"
)

// eventSchema is the Arrow schema of an event partition file (without the
// year key, which the directory names give, as Hive expects).
var eventSchema = arrow.NewSchema([]arrow.Field{
	{Name: ColumnEventID, Type: arrow.PrimitiveTypes.Int64},
	{Name: ColumnDate, Type: arrow.FixedWidthTypes.Date32},
	{Name: ColumnActor1Code, Type: arrow.BinaryTypes.String},
	{Name: ColumnActor1, Type: arrow.BinaryTypes.String},
	{Name: ColumnActor2Code, Type: arrow.BinaryTypes.String},
	{Name: ColumnActor2, Type: arrow.BinaryTypes.String},
	{Name: ColumnEventCode, Type: arrow.BinaryTypes.String},
	{Name: ColumnQuadClass, Type: arrow.PrimitiveTypes.Int8},
	{Name: ColumnGoldstein, Type: arrow.PrimitiveTypes.Float64},
	{Name: ColumnNumMentions, Type: arrow.PrimitiveTypes.Int32},
	{Name: ColumnNumSources, Type: arrow.PrimitiveTypes.Int32},
	{Name: ColumnNumArticles, Type: arrow.PrimitiveTypes.Int32},
	{Name: ColumnAvgTone, Type: arrow.PrimitiveTypes.Float64},
	{Name: ColumnSourceURL, Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: ColumnVersion, Type: arrow.PrimitiveTypes.Int8},
}, func() *arrow.Metadata {
	md := arrow.NewMetadata([]string{dataset.MetaTable, dataset.MetaCodebookVersion},
		[]string{Table, schema.Default().Version})
	return &md
}())

// appendEvent adds e as a row of b, built on eventSchema.
func appendEvent(b *array.RecordBuilder, e *Event) {
	b.Field(0).(*array.Int64Builder).Append(e.ID)
	b.Field(1).(*array.Date32Builder).Append(arrow.Date32(e.Date))
	b.Field(2).(*array.StringBuilder).Append(e.Actor1Code)
	b.Field(3).(*array.StringBuilder).Append(e.Actor1Country)
	b.Field(4).(*array.StringBuilder).Append(e.Actor2Code)
	b.Field(5).(*array.StringBuilder).Append(e.Actor2Country)
	b.Field(6).(*array.StringBuilder).Append(e.EventCode)
	b.Field(7).(*array.Int8Builder).Append(e.QuadClass)
	b.Field(8).(*array.Float64Builder).Append(e.Goldstein)
	b.Field(9).(*array.Int32Builder).Append(e.NumMentions)
	b.Field(10).(*array.Int32Builder).Append(e.NumSources)
	b.Field(11).(*array.Int32Builder).Append(e.NumArticles)
	b.Field(12).(*array.Float64Builder).Append(e.AvgTone)
	if e.SourceURL == "" {
		b.Field(13).AppendNull()
	} else {
		b.Field(13).(*array.StringBuilder).Append(e.SourceURL)
	}
	b.Field(14).(*array.Int8Builder).Append(int8(e.Version))
}

// stateTable gives the ISO 3166-1 alpha-3 code of each three-letter
// code that names a state ("" for none): index (a-'A')*676 + (b-'A')*26 +
// (c-'A'). ISO codes the codebook knows name themselves; GDELT's non-ISO
// codes of states name their ISO code (CAMEOToISO).
var stateTable = func() *[26 * 26 * 26]string {
	var t [26 * 26 * 26]string
	for i := range t {
		code := codeAt(i)
		if schema.IsCountry(code) {
			t[i] = code
		} else if iso, ok := CAMEOToISO[code]; ok && schema.IsCountry(iso) {
			t[i] = iso
		}
	}
	return &t
}()

func codeAt(i int) string {
	return string([]byte{byte('A' + i/676), byte('A' + i/26%26), byte('A' + i%26)})
}

// stateIndex is the index of a three-letter upper-case code in
// stateTable, or -1.
func stateIndex[T ~string | ~[]byte](code T) int {
	if len(code) != 3 {
		return -1
	}
	a, b, c := code[0]-'A', code[1]-'A', code[2]-'A'
	if a >= 26 || b >= 26 || c >= 26 {
		return -1
	}
	return int(a)*676 + int(b)*26 + int(c)
}

// IsState reports whether a country code is a state as the pairs table
// writes it: an ISO 3166-1 alpha-3 code the codebook knows.
func IsState[T ~string | ~[]byte](code T) bool {
	i := stateIndex(code)
	return i >= 0 && stateTable[i] == string(code)
}

// State returns the ISO 3166-1 alpha-3 code of the state a GDELT CAMEO
// country code names (the code itself, or its CAMEOToISO mapping), or ""
// when it names no state.
func State[T ~string | ~[]byte](code T) string {
	if i := stateIndex(code); i >= 0 {
		return stateTable[i]
	}
	return ""
}

// States lists the codes IsState accepts, sorted; SQL inlines them.
func States() []string {
	var out []string
	for i, iso := range stateTable {
		if iso != "" && iso == codeAt(i) {
			out = append(out, iso)
		}
	}
	return out
}
