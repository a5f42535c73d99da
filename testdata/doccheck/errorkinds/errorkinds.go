// Package errorkinds is a fixture for TestErrorCatalogueCheck: the error
// kinds it declares, and names that look like kinds but are not.
package errorkinds

import "errors"

// ErrFirst is a kind on its own.
var ErrFirst = errors.New("first")

// Two kinds in a group.
var (
	ErrSecond, ErrThird = errors.New("second"), errors.New("third")
)

// Not kinds: unexported, not named Err..., a constant, a function.
var (
	errHidden = errors.New("hidden")
	Errors    = []error{errHidden}
)

// ErrConst is a constant, not an error value.
const ErrConst = "not a kind"

// ErrFunc is a function.
func ErrFunc() error { return ErrFirst }

// PosError is a kind with a pointer receiver.
type PosError struct{ Line int }

// Error formats the problem.
func (e *PosError) Error() string { return "line" }

// ListError is a kind with a value receiver.
type ListError []PosError

// Error formats the problems.
func (l ListError) Error() string { return "list" }

// hiddenError is unexported.
type hiddenError struct{}

func (hiddenError) Error() string { return "hidden" }

// Limits has an Error method of another shape.
type Limits struct{}

// Error is not the error interface's method.
func (Limits) Error(n int) string { return "" }

// Message returns an error rather than a string.
type Message struct{}

// Error is not the error interface's method either.
func (Message) Error() error { return nil }
