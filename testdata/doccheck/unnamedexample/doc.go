// Package unnamedexample names no example.
package unnamedexample

// F is a function.
func F() {}
