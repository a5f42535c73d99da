package main

import (
	"archive/zip"
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/rejoinder/rejoinder/dataset"
	"github.com/rejoinder/rejoinder/events"
	"github.com/rejoinder/rejoinder/exports"
	"github.com/rejoinder/rejoinder/internal/atomicfile"
)

func newEventsCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "events",
		Short: "Accusation → response pairs between states from GDELT event data",
		Long: `events works with GDELT event data (machine-coded with CAMEO): ingest keeps
the accusations (112, 1121-1125) and the responses (016 deny, 011 decline
comment, counter-accusations, 13x threats, 174 expulsions) between two states
as Parquet partitioned by year; pairs finds, for each accusation A→B, B's
responses toward A within a window; sql prints the same filter and pairing
for DuckDB, Spark or BigQuery, and import brings their result back. gen
writes synthetic files in the GDELT layout for tests and benchmarks.`,
		Example: `  rejoinder events ingest 20180312.export.CSV.zip --out gdelt
  rejoinder events pairs --data gdelt --window 30d --by dyad
  rejoinder events sql --dialect bigquery --window 30d > pairs.sql`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageError{errors.New("name a subcommand: ingest, pairs, sql, import, gen")}
		},
	}
	cmd.AddCommand(newEventsIngestCmd(), newEventsPairsCmd(), newEventsSQLCmd(), newEventsImportCmd(), newEventsGenCmd())
	return cmd
}

// parseWindow reads a window such as "30d" or "30" as days.
func parseWindow(flag, s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(s), "d"))
	if err != nil || n < 0 {
		return 0, usageError{fmt.Errorf("--%s %q: want a number of days such as 30d (0 or more)", flag, s)}
	}
	return n, nil
}

// outDir returns --out, or --data when only that is given: both name the
// dataset directory for the commands that write one.
func outDir(out, data string) (string, error) {
	switch {
	case out != "" && data != "" && filepath.Clean(out) != filepath.Clean(data):
		return "", usageError{fmt.Errorf("--out %s and --data %s differ; give one", out, data)}
	case out != "":
		return out, nil
	case data != "":
		return data, nil
	}
	return "", usageError{errors.New("--out is required")}
}

// isTerminal reports whether w is a terminal, where progress bars go.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progressInterval is how often ingest reports progress on stderr when it
// is not a terminal (a log file, CI): modest, as such output is kept.
var progressInterval = 30 * time.Second

// ingestProgress returns the Progress callback of events ingest: a bar on
// a terminal, else a line of lines per second every progressInterval.
func ingestProgress(stderr io.Writer) (func(events.Progress), func()) {
	if isTerminal(stderr) {
		var bar *progressbar.ProgressBar
		return func(p events.Progress) {
				if bar == nil {
					bar = progressbar.NewOptions64(p.Total, progressbar.OptionSetWriter(stderr),
						progressbar.OptionSetDescription("ingest"), progressbar.OptionShowBytes(true),
						progressbar.OptionThrottle(200*time.Millisecond), progressbar.OptionClearOnFinish())
				}
				_ = bar.Set64(p.Bytes)
			}, func() {
				if bar != nil {
					_ = bar.Finish()
				}
			}
	}
	start := time.Now()
	last := start
	return func(p events.Progress) {
		now := time.Now()
		if now.Sub(last) < progressInterval {
			return
		}
		last = now
		secs := now.Sub(start).Seconds()
		fmt.Fprintf(stderr, "ingest: %d lines in %.0fs (%.0f lines/s), %d of %d MB\n",
			p.Lines, secs, float64(p.Lines)/secs, p.Bytes>>20, p.Total>>20)
	}, func() {}
}

func newEventsIngestCmd() *cobra.Command {
	var out, dataDir, format string
	var rowGroup int
	var opts events.IngestOptions
	cmd := &cobra.Command{
		Use:   "ingest FILE... --out DIR",
		Short: "Keep the accusations and responses between states, as Parquet by year",
		Long: `ingest streams GDELT 1.0 daily event files (58 tab-separated columns; the
57-column backfile too) and GDELT 2.0 event exports (61 columns), plain or
zipped, with bounded memory. It keeps the events whose two actors are
different states and whose CAMEO code is an accusation or a response, and
writes them to DIR/events/year=YYYY/part-0.parquet (Hive layout: DuckDB, Spark
and BigQuery read it as one table). Countries are written as ISO 3166-1
alpha-3 codes: GDELT's own codes ROM, MTN, TMP and IMY become ROU, MNE, TLS
and IMN; regions and other codes that name no state are dropped, and stderr
says how many events each cost.

The new events are added to the table DIR holds (--replace replaces it, but
never with an empty one). An event already in the table, or earlier in the
input (GLOBALEVENTID within its GDELT version), is a duplicate: counted and
skipped. The table is replaced only when complete.

Malformed lines are never fatal and never silent: each is counted, the first
ten are shown with file, line, column, value and what is allowed, and the first
1000 are listed in DIR/malformed.csv. Inputs without one well-formed line are
refused, and so is an input that is not a regular file (a pipe, a device).
--max-ratio, --max-bytes, --max-lines and --max-malformed bound what is read
(checked while reading). stdout gets one row per input file (lines,
kept, malformed, duplicates) in --format. Progress shows on stderr: a bar on a
terminal, else lines per second every 30 seconds.`,
		Example: `  rejoinder events ingest 2018*.export.CSV.zip --out gdelt
  rejoinder events ingest events/*.CSV --out gdelt --format csv`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, files []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			dir, err := outDir(out, dataDir)
			if err != nil {
				return err
			}
			stderr := cmd.ErrOrStderr()
			opts.RowGroup = rowGroup
			var finish func()
			opts.Progress, finish = ingestProgress(stderr)
			rep, err := events.Ingest(files, dir, opts)
			finish()
			if err != nil {
				return err
			}
			reportIngest(stderr, dir, rep)
			n := len(rep.Files)
			names, lines, kept, bad, dups := make([]string, n), make([]int, n), make([]int, n), make([]int, n), make([]int, n)
			for i, f := range rep.Files {
				names[i], lines[i], kept[i], bad[i], dups[i] = f.Name, int(f.Lines), int(f.Kept), int(f.Malformed), int(f.Duplicates)
			}
			df := dataframe.New(series.New(names, series.String, "file"), series.New(lines, series.Int, "lines"),
				series.New(kept, series.Int, "kept"), series.New(bad, series.Int, "malformed"), series.New(dups, series.Int, "duplicates"))
			return exports.WriteFrame(cmd.OutOrStdout(), df, format)
		},
	}
	addResultFlags(cmd, &dataDir, &format)
	cmd.Flags().Lookup("data").Usage = "same as --out"
	fl := cmd.Flags()
	fl.StringVar(&out, "out", "", "dataset directory to write (events/ and malformed.csv inside)")
	fl.IntVar(&rowGroup, "row-group", 1<<16, "rows per Parquet row group (memory grows with it)")
	fl.BoolVar(&opts.Replace, "replace", false, "replace the event table instead of adding to it (never with an empty one)")
	fl.Float64Var(&opts.MaxRatio, "max-ratio", events.DefaultMaxRatio, "stop when a zip member inflates more than this many times its compressed size")
	fl.Int64Var(&opts.MaxBytes, "max-bytes", events.DefaultMaxBytes, "stop after reading this many uncompressed bytes in all")
	fl.Int64Var(&opts.MaxLines, "max-lines", 0, "stop after this many lines in all (0: no limit)")
	fl.Int64Var(&opts.MaxMalformed, "max-malformed", events.DefaultMaxMalformed, "stop after this many malformed lines (-1: no limit)")
	return cmd
}

// reportIngest writes what an ingest did to stderr: malformed lines,
// duplicates, mapped and unmapped country codes, the totals.
func reportIngest(stderr io.Writer, dir string, rep *events.IngestReport) {
	for i, p := range rep.Problems {
		if i == 10 {
			break
		}
		fmt.Fprintf(stderr, "malformed: %v\n", p)
	}
	if rep.Malformed > 0 {
		fmt.Fprintf(stderr, "%d malformed line(s) skipped; listed in %s\n", rep.Malformed, filepath.Join(dir, events.MalformedFile))
	}
	if rep.Duplicates > 0 {
		fmt.Fprintf(stderr, "%d duplicate event(s) skipped: their GLOBALEVENTID was already ingested\n", rep.Duplicates)
	}
	for _, c := range slices.Sorted(maps.Keys(rep.Mapped)) {
		fmt.Fprintf(stderr, "country code %s written as %s in %d event(s)\n", c, events.CAMEOToISO[c], rep.Mapped[c])
	}
	if len(rep.Unmapped) > 0 {
		codes := slices.Sorted(maps.Keys(rep.Unmapped))
		slices.SortStableFunc(codes, func(a, b string) int { return cmp.Compare(rep.Unmapped[b], rep.Unmapped[a]) })
		parts := make([]string, len(codes))
		for i, c := range codes {
			parts[i] = fmt.Sprintf("%s %d", c, rep.Unmapped[c])
		}
		fmt.Fprintf(stderr, "events dropped as a country code names no state (code, events): %s\n", strings.Join(parts, ", "))
	}
	if rep.Existing > 0 {
		fmt.Fprintf(stderr, "kept the %d event(s) already in the table\n", rep.Existing)
	}
	fmt.Fprintf(stderr, "read %d lines from %d file(s); kept %d new events in %d year partition(s) under %s\n",
		rep.Lines, len(rep.Files), rep.Kept, len(rep.Paths), filepath.Join(dir, events.Table))
}

// Groupings of events pairs.
const (
	byPair = "pair"
	byCase = "case"
)

var pairGroupings = []string{byPair, events.ByDyad, events.ByYear, byCase}

// pairSource is the pairs of a dataset directory: listed (for the pairs
// table and --by case) and counted (for summaries).
type pairSource struct {
	list    events.Source
	tallies events.Tallies
	store   *events.Store // nil for imported pairs
	window  int
}

// eventSource opens the pairs of a dataset directory: computed from its
// ingested events, or read from imported pairs (narrowed to the window,
// which must not exceed the one they were computed with).
func eventSource(dir string, window int, windowSet bool) (*pairSource, error) {
	if dir == "" {
		return nil, usageError{errors.New("--data is required: a directory written by rejoinder events ingest or import")}
	}
	switch {
	case events.HasEvents(dir):
		st, err := events.Load(dir)
		if err != nil {
			return nil, err
		}
		list, err := st.Pairs(window)
		if err != nil {
			return nil, err
		}
		tallies, err := st.Tallies(window)
		return &pairSource{list: list, tallies: tallies, store: st, window: window}, err
	case events.HasPairs(dir):
		src, w, err := events.ReadPairs(dir)
		if err != nil {
			return nil, err
		}
		if windowSet && window > w {
			return nil, usageError{fmt.Errorf("--window %dd is wider than the %dd the imported pairs in %s were computed with", window, w, dir)}
		}
		if windowSet {
			src = src.Within(window)
		}
		return &pairSource{list: src, tallies: src.Tallies()}, nil
	}
	return nil, usageError{fmt.Errorf("%s holds neither ingested events (rejoinder events ingest) nor imported pairs (rejoinder events import)", dir)}
}

// pairRowsWarning is the size of a pairs listing past which events pairs
// warns before writing it.
var pairRowsWarning int64 = 10_000_000

// warnLargeListing counts the rows a pairs listing will have, without
// listing them, and warns on stderr when they are many.
func warnLargeListing(stderr io.Writer, ps *pairSource) error {
	n, err := ps.tallies.Rows()
	if err != nil {
		return err
	}
	if n > pairRowsWarning {
		fmt.Fprintf(stderr, "warning: the pairs table has %d rows (every accusation times its responses in the window); --by dyad or --by year summarise them without listing, and a shorter --window lists fewer\n", n)
	}
	return nil
}

// casePairs lists the pairs of the accusations --by case can match: those
// of the curated dyads, so that other dyads' pairs are not enumerated.
func casePairs(ps *pairSource, ds *dataset.Dataset) (events.Source, error) {
	if ps.store == nil {
		return ps.list, nil
	}
	dyads := map[[2]string]bool{}
	for _, a := range ds.Accusations {
		dyads[[2]string{a.Accuser, a.AccusedState}] = true
	}
	return ps.store.PairsWhere(ps.window, func(a events.Accusation) bool { return dyads[[2]string{a.Accuser, a.Accused}] })
}

func newEventsPairsCmd() *cobra.Command {
	var dataDir, format, window, by, casesDir string
	var matchDays int
	cmd := &cobra.Command{
		Use:   "pairs --data DIR [--window 30d] [--by pair|dyad|year|case]",
		Short: "For each accusation A→B, B's responses toward A within the window",
		Long: `pairs pairs every accusation A→B (CAMEO 112, 1121-1125) with B's responses
toward A dated 0 to --window days after it (both ends included): 016 denial,
011 non_denial, 112x counter_accusation, 13x threat_warning, 174 expulsion. A
response may answer several accusations; an accusation without a response is
one row with empty response columns. lag_days is the response's date minus the
accusation's.

--by pair (default) streams one row per pair, after warning on stderr when they
are over ten million; --by dyad and --by year summarise (accusations, answered,
answered_share, responses, median_first_lag_days, and per response type the
accusations answered with it), counting the pairs without listing them; --by case sets each
curated accusation (embedded dataset, or --cases DIR) beside the event
accusations of its dyad within --match-days of its date and their responses.

--data is a directory written by events ingest, or by events import (pairs
computed elsewhere; --window may then narrow, not widen, theirs).`,
		Example: `  rejoinder events pairs --data gdelt --window 30d --format csv > pairs.csv
  rejoinder events pairs --data gdelt --by dyad
  rejoinder events pairs --data gdelt --by case --match-days 3`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			if err := oneOf("by", by, pairGroupings); err != nil {
				return err
			}
			w, err := parseWindow("window", window)
			if err != nil {
				return err
			}
			if matchDays < 0 {
				return usageError{fmt.Errorf("--match-days %d: want 0 or more", matchDays)}
			}
			ps, err := eventSource(dataDir, w, cmd.Flags().Changed("window"))
			if err != nil {
				return err
			}
			var df dataframe.DataFrame
			switch by {
			case byPair:
				if err := warnLargeListing(cmd.ErrOrStderr(), ps); err != nil {
					return err
				}
				_, err := events.WritePairs(cmd.OutOrStdout(), ps.list, format)
				return err
			case byCase:
				ds, err := loadData(casesDir)
				if err != nil {
					return err
				}
				src, err := casePairs(ps, ds)
				if err != nil {
					return err
				}
				if df, err = events.MatchCases(src, ds, matchDays); err != nil {
					return err
				}
			default:
				if df, err = events.Summarize(ps.tallies, by); err != nil {
					return err
				}
			}
			return exports.WriteFrame(cmd.OutOrStdout(), df, format)
		},
	}
	addResultFlags(cmd, &dataDir, &format)
	cmd.Flags().Lookup("data").Usage = "dataset directory written by events ingest or events import"
	fl := cmd.Flags()
	fl.StringVar(&window, "window", "30d", "days after an accusation in which a response counts, e.g. 30d")
	fl.StringVar(&by, "by", byPair, "rows: "+strings.Join(pairGroupings, ", "))
	fl.StringVar(&casesDir, "cases", "", "curated dataset for --by case (default: the embedded one)")
	fl.IntVar(&matchDays, "match-days", 3, "for --by case: event accusations within this many days of the curated date")
	return cmd
}

func newEventsSQLCmd() *cobra.Command {
	var dataDir, format, window, dialect, tsv, table string
	var version int
	cmd := &cobra.Command{
		Use:   "sql --dialect duckdb|bigquery [--data DIR | --tsv GLOB] [--window 30d]",
		Short: "Print the filter and pairing as SQL for DuckDB, Spark or BigQuery",
		Long: `sql prints the filter of events ingest and the pairing of events pairs as one
SQL query, for an engine made for the heavy part. --dialect duckdb reads the
ingested Parquet (--data DIR; the same glob works in Spark SQL with small
changes) or GDELT's tab-separated files directly (--tsv GLOB, in the layout of
--gdelt-version). --dialect bigquery queries GDELT's public tables
(gdelt-bq.gdeltv2.events for 2.0, gdelt-bq.full.events for 1.0; --table to
change). Save the result as CSV and bring it back with events import. On
well-formed input the query finds exactly the pairs events pairs finds (a test
runs it in DuckDB). --format json wraps the query in an object.`,
		Example: `  rejoinder events sql --dialect duckdb --data gdelt > pairs.sql
  rejoinder events sql --dialect bigquery --window 14d
  rejoinder events sql --dialect duckdb --tsv '/data/gdelt/*.export.CSV' --gdelt-version 2`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			if err := oneOf("dialect", dialect, events.Dialects); err != nil {
				return err
			}
			w, err := parseWindow("window", window)
			if err != nil {
				return err
			}
			if version != 1 && version != 2 {
				return usageError{fmt.Errorf("--gdelt-version %d: allowed 1, 2", version)}
			}
			if dialect == events.DialectDuckDB && dataDir == "" && tsv == "" {
				return usageError{errors.New("--dialect duckdb needs --data DIR (ingested Parquet) or --tsv GLOB (GDELT files)")}
			}
			q, err := events.SQL(events.SQLOptions{Dialect: dialect, Window: w, Data: dataDir, TSV: tsv, Version: events.Version(version), Table: table})
			if err != nil {
				return usageError{err}
			}
			if format == exports.FormatJSON {
				df := dataframe.New(series.New([]string{dialect}, series.String, "dialect"),
					series.New([]int{w}, series.Int, "window_days"), series.New([]string{q}, series.String, "sql"))
				return exports.WriteFrame(cmd.OutOrStdout(), df, format)
			}
			_, err = io.WriteString(cmd.OutOrStdout(), q)
			return err
		},
	}
	addResultFlags(cmd, &dataDir, &format)
	cmd.Flags().Lookup("data").Usage = "ingested dataset directory the DuckDB query reads"
	fl := cmd.Flags()
	fl.StringVar(&dialect, "dialect", events.DialectDuckDB, "SQL dialect: "+strings.Join(events.Dialects, ", "))
	fl.StringVar(&window, "window", "30d", "days after an accusation in which a response counts")
	fl.StringVar(&tsv, "tsv", "", "DuckDB: read these GDELT files (a glob) instead of --data")
	fl.IntVar(&version, "gdelt-version", 2, "GDELT layout of --tsv files and BigQuery table: 1 or 2")
	fl.StringVar(&table, "table", "", "BigQuery: the events table (default: GDELT's public one for --gdelt-version)")
	return cmd
}

func newEventsImportCmd() *cobra.Command {
	var out, dataDir, format, window string
	cmd := &cobra.Command{
		Use:   "import PAIRS.csv... --out DIR --window 30d",
		Short: "Bring back pairs computed by DuckDB, Spark or BigQuery",
		Long: `import reads the result of the query events sql prints, saved as CSV with its
header (several files, as BigQuery shards an export, are one table), checks
every row (ids, dates, state codes, codes, the reversed dyad, type, lag within
--window) and writes DIR/pairs.parquet. Every problem is reported with file,
line, column, value and what is allowed, and then nothing is written. events
pairs --data DIR then summarises the imported pairs like computed ones. Each
file must be a regular file (not a pipe or device) of at most 2 GiB, checked
before it is read (REJOINDER_MAX_PAIRS_MB raises the limit).`,
		Example: `  rejoinder events import bq-pairs-*.csv --out gdelt --window 30d
  rejoinder events pairs --data gdelt --by year`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, files []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			dir, err := outDir(out, dataDir)
			if err != nil {
				return err
			}
			w, err := parseWindow("window", window)
			if err != nil {
				return err
			}
			n, err := events.Import(files, dir, w)
			if err != nil {
				return err
			}
			df := dataframe.New(series.New([]string{filepath.Join(dir, events.PairsFile)}, series.String, "file"),
				series.New([]int{n}, series.Int, "rows"), series.New([]int{w}, series.Int, "window_days"))
			return exports.WriteFrame(cmd.OutOrStdout(), df, format)
		},
	}
	addResultFlags(cmd, &dataDir, &format)
	cmd.Flags().Lookup("data").Usage = "same as --out"
	cmd.Flags().StringVar(&out, "out", "", "dataset directory to write pairs.parquet into")
	cmd.Flags().StringVar(&window, "window", "30d", "the window the query used")
	return cmd
}

func newEventsGenCmd() *cobra.Command {
	var out, dataDir, format, from, to string
	var n, files, version int
	var seed uint64
	var zipped bool
	var malformed float64
	cmd := &cobra.Command{
		Use:   "gen --events N --out DIR [--files K] [--gdelt-version 1|2] [--zip]",
		Short: "Write synthetic events in the exact GDELT layout (not research data)",
		Long: `gen writes N synthetic events in the GDELT 2.0 (61 columns) or 1.0 (58 columns)
tab-separated layout, split into K files of consecutive dates
(synthetic-00001.export.CSV ...), optionally zipped as GDELT ships them. The
values are made up from the seed (source URLs under example.org); only the
layout is GDELT's. For tests and benchmarks: --malformed adds broken lines.`,
		Example: `  rejoinder events gen --events 10000000 --files 10 --seed 1 --out /tmp/gdelt-syn
  rejoinder events ingest /tmp/gdelt-syn/*.CSV --out /tmp/gdelt`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			dir, err := outDir(out, dataDir)
			if err != nil {
				return err
			}
			if n < 0 || files < 1 {
				return usageError{fmt.Errorf("--events must not be negative and --files at least 1")}
			}
			o := events.GenOptions{Seed: seed, Version: events.Version(version), Events: n, Malformed: malformed}
			if o.From, err = events.ParseDay(from); err != nil {
				return usageError{fmt.Errorf("--from: %w", err)}
			}
			if o.To, err = events.ParseDay(to); err != nil {
				return usageError{fmt.Errorf("--to: %w", err)}
			}
			g, err := events.NewGenerator(o)
			if err != nil {
				return usageError{err}
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			var names []string
			var sizes []int
			for k := 1; k <= files; k++ {
				per := n / files
				if k <= n%files {
					per++
				}
				name := fmt.Sprintf("synthetic-%05d.export.CSV", k)
				path := filepath.Join(dir, name)
				var size int64
				write := func(w io.Writer) error {
					size, err = g.WriteN(w, per)
					return err
				}
				if zipped {
					path += ".zip"
					err = atomicfile.Write(path, func(w io.Writer) error {
						zw := zip.NewWriter(w)
						fh := &zip.FileHeader{Name: name, Method: zip.Deflate}
						fw, err := zw.CreateHeader(fh)
						if err != nil {
							return err
						}
						if err := write(fw); err != nil {
							return err
						}
						return zw.Close()
					})
				} else {
					err = atomicfile.Write(path, write)
				}
				if err != nil {
					return err
				}
				names, sizes = append(names, path), append(sizes, int(size))
			}
			df := dataframe.New(series.New(names, series.String, "file"), series.New(sizes, series.Int, "bytes"))
			return exports.WriteFrame(cmd.OutOrStdout(), df, format)
		},
	}
	addResultFlags(cmd, &dataDir, &format)
	cmd.Flags().Lookup("data").Usage = "same as --out"
	fl := cmd.Flags()
	fl.StringVar(&out, "out", "", "directory to write the files into")
	fl.IntVar(&n, "events", 100000, "number of events")
	fl.IntVar(&files, "files", 1, "number of files")
	fl.Uint64Var(&seed, "seed", 1, "random seed")
	fl.IntVar(&version, "gdelt-version", 2, "layout: 1 (58 columns) or 2 (61 columns)")
	fl.BoolVar(&zipped, "zip", false, "zip each file, as GDELT ships them")
	fl.Float64Var(&malformed, "malformed", 0, "share of lines made malformed on purpose (0 to 1)")
	fl.StringVar(&from, "from", "2010-01-01", "first event date")
	fl.StringVar(&to, "to", "2019-12-31", "last event date")
	return cmd
}
