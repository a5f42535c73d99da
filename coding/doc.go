// Package coding runs the coding loop researchers do in spreadsheets: it
// writes a coding template for a coder (the text to judge, protected, and
// one column per coded variable with the codebook's codes as drop-downs),
// imports filled templates back, checking every cell, and keeps the
// codings in long format (unit, variable, coder, round, value).
//
// Coders keep the spreadsheet program they know (Excel, LibreOffice), and
// the package keeps their work consistent with the codebook: the
// drop-downs come from it, the import reports every bad cell with file,
// sheet, cell, value and what is allowed, and importing a file twice
// changes nothing.
//
// # Where it fits
//
// In the flow schema → dataset → analysis → exports → cmd/rejoinder,
// coding comes after dataset and before exports (it does not use
// analysis): it reads the units to code
// from a [*dataset.Dataset], takes the coded variables and their codes
// from the codebook of package schema, shows the suggestions of package
// suggest, and measures agreement with package reliability. Package
// exports adds its reliability figures to the workbook, and the commands
// `rejoinder coding template|import|reconcile` and `rejoinder reliability`
// drive it.
//
// # The loop
//
//  1. [SaveTemplate] (or [WriteTemplate]) writes one coder's workbook,
//     for the units and table [TemplateOptions] name, without the
//     dictionary coder's suggestions unless asked (seen by every coder,
//     they inflate agreement).
//  2. [Import] reads filled templates back into [Coding] values, or
//     returns every problem as [ImportErrors] of [*CellError]: a value
//     not allowed, a required cell left empty, a formula, an edited grey
//     cell, a blank workbook, one coder in two files. It applies
//     [DefaultLimits] against broken or hostile files ([ImportLimited]
//     takes others; [ImportFiles] also counts what each file left
//     uncoded, and can let a later file replace an earlier one). [Add]
//     adds them to the codings of a file without silently overwriting a
//     coder's earlier codings, and [WriteCodings] and [ReadCodings] keep
//     them in a Parquet file.
//  3. [Report] measures each variable's agreement (Krippendorff's alpha
//     with a bootstrap interval, Cohen's kappa, percent agreement) as
//     [Row] values; [Groups] and [Measure] do it one variable at a time.
//  4. [Reconcile] settles a round into a gold coding by majority, ties to
//     an adjudicator, and lists every [Disagreement];
//     [SaveDisagreements] writes them as a workbook.
//
// For example, with ds the dataset being coded:
//
//	err := coding.SaveTemplate("ana.xlsx", ds, coding.TemplateOptions{Coder: "ana"})
//	// ... ana fills it in ...
//	codings, err := coding.Import(ds, "ana.xlsx", "ben.xlsx")
//	rows, err := coding.Report(ds.Codebook, codings, 1, 1000, 1)
//	gold, diffs := coding.Reconcile(codings, 1, nil)
//
// # Examples
//
// This package has no runnable examples yet; its tests (coding_test.go)
// write templates, fill them in as a coder would, then import, store and
// reconcile them.
package coding
