// Command rejoinder validates, builds, compares and exports the rejoinder
// dataset of state accusations and responses. Run `rejoinder --help`.
//
// It is the end of the flow schema → dataset → analysis → exports →
// cmd/rejoinder: each command loads a dataset (package dataset), runs
// the library's packages on it and prints or writes the result, so that
// researchers who do not write Go get everything the packages do.
//
// # Usage
//
//	rejoinder validate [--data DIR]               check records against the codebook; every problem with file:line:col
//	rejoinder build [--data DIR] [--out DIR]      validate, then Parquet, CSV, datapackage.json and the workbook
//	rejoinder compare prk-park-2018 rus-skripal-2018
//	rejoinder profile --by responder --scheme 4d  strategy shares per group (also similar, dynamics, kwic)
//	rejoinder export xlsx|csv|arrow --out PATH    the workbook, CSV files or Arrow files
//	rejoinder plot profile --out profile.png      a figure for a paper
//
// The other commands are codebook, gen, import, coding, reliability,
// suggest, events and version (also --version); every command has --help with examples, and
// docs/commands/ holds a page per command generated from them.
//
// # Conventions
//
// Without --data, commands use the dataset embedded in the binary; --data
// names a directory of YAML records or of Parquet files as build, gen and
// import write them. Commands that print results take --format: table
// for people, csv or json for scripts (codebook offers md instead of csv,
// suggest table, json or jsonl). Results go to standard output; messages,
// warnings and progress go to standard error. Every output file is
// written through a temporary file and renamed into place.
//
// # Exit status
//
// 0 on success; 1 when the data is invalid or a check failed, after
// listing every problem; 2 when the command was used wrongly. Bad input
// never causes a panic or a stack trace.
//
// # Examples
//
// docs/tutorial.md walks through the commands from a fresh checkout; a
// test runs its commands and checks the output it shows. The Go programs
// under examples/ do the same work from Go.
package main
