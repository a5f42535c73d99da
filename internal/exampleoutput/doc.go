// Command exampleoutput rewrites the "// Output:" comments of the Example
// functions whose output follows the embedded dataset, from what they
// print now. The examples double as notebook recipes and print real
// results (a profile, a figure's size), so adding a case changes their
// output; `make docs` runs this, as it regenerates the other files that
// follow the data, and the diff shows what changed.
//
// Usage: go run ./internal/exampleoutput [packages] (default ./...)
//
// It runs each package's examples, and for every example that fails with
// "got:" / "want:" it replaces the comment lines after "// Output:" in the
// function's source with the "got" lines. An example that fails for any
// other reason (a panic, a build error) stops it with that error.
package main
