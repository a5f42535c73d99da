// Package tabular writes rows of results in the three output formats of
// rejoinder's result-printing commands: "table" (aligned text for people),
// "csv" (RFC 4180 with a header row, for scripts) and "json" (an array of
// objects keyed by column name). It is the one writer behind
// exports.WriteFrame, which prints DataFrames, and events.WritePairs,
// which streams the pairs table, so both print the same layouts.
package tabular
