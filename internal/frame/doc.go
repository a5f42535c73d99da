// Package frame builds gota DataFrames for the packages that return them
// (analysis, events), surfacing gota's deferred errors: gota records a bad
// column in a field that is easy to forget, and a DataFrame with Err set
// must never reach a user.
package frame
