// Package staleexample points to ExampleGone.
package staleexample
