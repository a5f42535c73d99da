// Package schema holds rejoinder's codebook as Go data, the record types
// it describes, the Arrow schemas of the tables, and the validator.
//
// The codebook is defined once, in this package, so that a code added here
// is accepted, stored and documented everywhere at once: the validator,
// the Arrow and Parquet schemas, the CSV data package, the workbook's
// Codebook sheet, the coding templates and the codebook reference that
// `rejoinder codebook` prints are all generated from it.
//
// # Where it fits
//
// Data flows schema → dataset → analysis → exports → cmd/rejoinder, and
// schema is the root: it imports none of rejoinder's other packages.
// Package dataset reads records into the types defined here and checks
// them with [Validate]; package reliability measures a variable at its
// [Level]; package suggest compiles the strategies' [Cue] lexicon.
//
// # The codebook
//
// [Default] returns the built-in [Codebook] at [CodebookVersion]: its
// tables ([TableCases], [TableAccusations], [TableResponses],
// [TableQuotes], [TableSources]), each a [Table] of [Variable] values with
// a [Type], a [Level] and, for enumerated variables, the allowed [Value]
// codes with their definitions; and the two schemes the response strategies
// roll up to, Benoit's image-repair families and the 4D scheme (dismiss,
// distort, distract, dismay). [Codebook.Columns] and
// [Codebook.ArrowSchema] give the Arrow columns of a table, each carrying
// its variable's definition.
//
//	cb := schema.Default()
//	v := cb.MustVariable(schema.TableResponses, "strategies")
//	denial, _ := v.Value("denial") // denial.FourD == "dismiss", denial.CAMEO == "016"
//
// # Records and dates
//
// A dataset in memory is a [Records] value: [Case], [Accusation],
// [Response] and [Source] rows, with each record's [Quote] list (a table
// of its own when written out, see [Records.Quotes]). A [Date] carries its
// [Precision] (a day, a month or only a year), because sources often give
// no more, and [DaysBetween] computes a lag only between two dates exact
// to the day: a lag from a guessed day would be a fabricated fact.
//
// # Validation
//
// [Validate] checks records against the codebook and returns every
// problem at once as an [ErrorList] of [*FieldError], each naming the
// file, line and column (for records read from a file), the table and
// record id, the field, the bad value and what is allowed. The kind of problem is one of the Err
// variables ([ErrUnknownCode], [ErrDangling], ...): test it with
// [errors.Is].
//
// # Examples
//
// Runnable examples with checked output (go test ./schema -run Example -v):
// ExampleParseDate (dates, precision and lags), ExampleValidate (a
// misspelt code in the embedded dataset, reported with its position) and
// ExampleCodebook_MustVariable (reading the codebook as data).
package schema

//go:generate go run ../internal/geniso3166 -in /usr/share/iso-codes/json/iso_3166-1.json -version 4.15.0 -out iso3166.go
