// Package dataset holds rejoinder's curated records and moves them between
// their forms: the human-edited YAML files under records/ (embedded in the
// binary), the in-memory [Dataset], Parquet files (one per table, or the
// responses split into Hive partitions), and CSV tables edited in a
// spreadsheet.
//
// Every loader validates against the codebook and reports every problem
// at once, as a [schema.ErrorList] whose entries name the file, line and
// column (or Parquet row), the record, the field, the bad value and what
// is allowed. Every writer is deterministic (the same records give
// byte-identical files) and atomic (an interrupted run leaves the
// previous files intact).
//
// # Where it fits
//
// Data flows schema → dataset → analysis → exports → cmd/rejoinder.
// dataset reads and writes the record types of package schema; analysis,
// exports, plot, coding and suggest work on a [*Dataset] or on the
// Parquet files it writes, synth generates one, and events sets its
// machine-coded event data beside one.
//
// # Reading
//
// [Default] (or [MustDefault] in scripts) returns the embedded, validated
// dataset; [Load] reads a directory of YAML records or of Parquet files as
// `rejoinder build` writes them; [ReadCSV] reads the CSV tables
// `rejoinder export csv` writes. A [Dataset] embeds [schema.Records], so
// its tables are plain slices, and adds lookups ([Dataset.Case],
// [Dataset.ResponsesOf], [Dataset.AccusationsOf], [Dataset.Source]):
//
//	ds, err := dataset.Default()
//	if err != nil {
//		return err
//	}
//	for _, r := range ds.ResponsesOf("prk-park-2018") {
//		fmt.Println(r.ResponseID, r.Date, r.Strategies)
//	}
//
// # Writing
//
// [Dataset.WriteParquet] writes one zstd-compressed Parquet file per table
// ([Tables]), each carrying the codebook version, the dataset's name and
// version and its [Dataset.ContentHash] in its key-value metadata
// ([MetaCodebookVersion] and the other Meta keys).
// [Dataset.WriteParquetPartitioned] splits the responses into
// responses/key=value/part-0.parquet directories ([PartitionKeys]) that
// DuckDB, Spark and BigQuery read as one table. [Dataset.WriteYAML] writes
// record files in the layout Load reads.
//
// # Large data
//
// For tables too large to load whole, [ScanParquet] streams the rows of
// one table and [ScanColumns] reads chosen columns batch by batch;
// [TableFiles] lists a table's files or partitions, and
// [ReadParquetTables] loads only the small tables. The columnar analyses
// of package analysis are built on these.
//
// # Examples
//
// ExampleDataset_AddCase adds a case built in code with [Dataset.AddCase]
// (which fills in the ids a record file implies and validates) and
// summarises it with the rest. The examples of package analysis (go doc
// ./analysis) start from [MustDefault], and those of package schema show a
// problem located in a record file.
package dataset
