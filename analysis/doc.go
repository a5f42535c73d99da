// Package analysis answers comparative questions of a rejoinder dataset
// and returns the answers as gota DataFrames, ready to print, filter or
// export from a notebook-style Go program.
//
// The computations run on plain Go slices of the records (and, for large
// data, on Arrow columns); gota is only the result type. Every DataFrame
// returned has stable column names and a stable row order, so scripts may
// index columns by name and tests may pin values. Each function's
// documentation lists its columns.
//
// # Where it fits
//
// Data flows schema → dataset → analysis → exports → cmd/rejoinder.
// analysis reads a [*dataset.Dataset] (or the Parquet files package
// dataset writes); package exports turns its DataFrames into workbook
// sheets and table, CSV or JSON output, package plot draws them, and the
// commands profile, similar, dynamics, kwic and compare print them.
//
// # Conventions
//
// Every frame follows one convention, tested: codes, ids, country codes
// and CAMEO codes are strings ("016" stays "016"); a list is one string,
// its items joined with "; " (dataset.JoinList); a date is a string to
// its known precision (2018-09-14, 2018-09 or 2018) and "" when unknown; a
// number that is not known (a lag) is NaN, which gota's own aggregations
// count in, so summarise such columns with [KnownStats]; the column of a
// grouping is named after the variable (case_id, responder, organ, ...).
// A filter value no data can hold (an unknown code, a case id the data
// does not have) is an [ErrBadFilter], never an empty result; a filter
// that matches nothing is [ErrEmptySelection]. [Table] gives any of the
// dataset's tables as a frame in these conventions.
//
// # Questions
//
//   - How do two cases compare? [CompareCases], [Summarize],
//     [SharedStrategies].
//   - Which strategies does each responder (case, accuser, year,
//     instrument) use, as codes, Benoit families or 4D categories?
//     [Profile] with [ProfileOptions]; [StrategyProfile] for codes alone.
//   - Which cases were answered alike? [Nearest], [SimilarityMatrix],
//     [ClusterOrder], by the [Jaccard] or [Cosine] metric.
//   - How fast, and in what order, did the accused answer? [Dynamics],
//     [ResponseLag].
//   - Which strategies travel together, and which evidence draws which
//     answer? [CoOccurrences] (by group too), [EvidenceStrategies].
//   - How is a phrase used across cases? [KWIC], a concordance of the
//     quotes.
//   - One row per response, one boolean column per strategy, to start
//     your own analysis: [Responses].
//
// Most analyses take a [Filter] (responders, accusers, cases,
// instruments, a date range, verified records only); the zero Filter
// selects every response, and a filter that selects none gives
// [ErrEmptySelection] rather than an empty table.
//
//	ds := dataset.MustDefault()
//	df, err := analysis.Profile(ds, analysis.ProfileOptions{
//		By:     analysis.ByResponder,
//		Scheme: analysis.Scheme4D,
//		Filter: analysis.Filter{Responders: []string{"PRK", "RUS"}},
//	})
//	// rows: responder, four_d, count, responses, share
//	// PRK dismiss 10/10 ... RUS dismiss 29/32 ...
//
// # One call per analysis, three sources
//
// Each analysis is one function over a [Source]: a *dataset.Dataset, its
// [Columns], or a [Parquet] directory, so the same call serves the
// embedded dataset and the files `rejoinder build` writes:
//
//	df, err := analysis.Profile(ds, opts)
//	df, err := analysis.Profile(analysis.Parquet("out"), opts)
//
// Options are typed: a [Grouping], a [Scheme] or a [Metric] is a string
// type of its own ([ParseGrouping], [ParseScheme] and [ParseMetric] read
// one from text and name the allowed values when it is wrong). The
// Columns methods that repeated each function, and ProfileParquet, are
// deprecated and give the same results.
//
// # Large data
//
// The heavy analyses count on [Columns], a columnar view of the responses
// (dictionary-coded strings, strategies as bit sets) rather than on
// gota's GroupBy. [ColumnsOf] builds it from a loaded dataset;
// [ReadColumns] and [ReadColumnsWhere] build it straight from a Parquet
// directory, reading only the columns (and partitions) needed; pass it to
// the analyses to build it once for many. [Profile] of a Parquet source
// counts batch by batch without building the view at all; the other
// analyses of a Parquet source read the view with the filter pushed down
// (ReadColumnsWhere).
//
// # What the Parquet readers check
//
// No reader counts data validate rejects, within these bounds.
// [Profile] of a Parquet source, [ReadColumns] and [ReadColumnsWhere] (and
// with them every analysis of a Parquet source, and similar, dynamics,
// compare and plot over Parquet) refuse any row they use that validate
// would reject for a value they read. Profile of a Parquet source:
// to the columns it reads (observed and strategies
// always; responder, case_id and responds_to when the grouping or the
// filter needs them; an optional date has no rule of its own; the
// accusations' id, accuser and instrument when it groups or filters by
// accuser or instrument) it applies validate's own per-value rules
// ([schema.CheckField]: codes, required values, list items each once;
// [schema.CheckObserved]: a response observed as responded needs a
// strategy, and so on), checks every partition directory value the same
// way, and checks the rows' references to the cases table (and to the
// accusations, when it reads them) with [schema.CheckReference]. It
// reports validate's problems, at the same file and row (without the
// response id, which it does not read). With a responder, case or date
// filter it skips the row groups (of 64k rows, as build, gen and import
// write them) in which no row passes the filter, after reading only the
// filter's columns there: the rows of a skipped group are not counted
// and, as in a pruned partition, not checked by these rules (the filter
// columns' types and per-column value checks still run). ReadColumns and ReadColumnsWhere
// apply the same rules to every column they read: of the responses their
// ids (each once), case_id, responds_to, responder, organ, observed and
// strategies; of the accusations their ids (each once), accuser,
// instrument, date and evidence_cited. Both check every partition's
// directory values, those a filter prunes too (the filter prunes what is
// read, not what is checked), and the directory as a whole (one build, no
// YAML records beside it). Checks on columns and tables they do not read
// — a response's summary, the cases, quotes and sources tables, quotes ↔
// sources — and validate's rules that tie fields to each other (a
// response dated before its accusation, a responds_to of another case, an
// id that does not start with its case id, an organ needed unless
// no_response_found) are validate's: run `rejoinder validate --data DIR`
// on data from elsewhere (build and import csv write only valid data).
//
// # Examples
//
// Each question above has a runnable example with checked output, a
// starting point for a script (go test ./analysis -run Example -v):
// ExampleCompareCases, ExampleSummarize, ExampleSharedStrategies,
// ExampleStrategyProfile, ExampleProfile, ExampleNearest,
// ExampleSimilarityMatrix, ExampleClusterOrder, ExampleDynamics,
// ExampleResponseLag, ExampleCoOccurrences, ExampleCoOccurrences_byResponder,
// ExampleEvidenceStrategies, ExampleKWIC, ExampleResponses and
// ExampleColumnsOf.
package analysis
