// Package parallel runs independent pieces of work on all cores: the
// tables of a dataset, the files of a partitioned table, the checks of
// the validator. Callers keep results in slices indexed like the work, so
// that what they report is in the order a sequential pass would give.
package parallel
