// Package undocumented has one documented and one undocumented name of
// each kind, for the doc check's own test.
package undocumented

// Documented is documented.
const Documented = 1

const C = 2

// The group comment documents both.
const (
	G1 = 1
	G2 = 2
)

const (
	// Spec1 has its own comment.
	Spec1 = 1
	Spec2 = 2 // and so has Spec2
)

var V = 3

func F() {}

// D is documented.
func D() {}

type T struct{}

func New() T { return T{} }

func (T) M() {}

// N is documented.
func (T) N() {}

func (T) unexported() {}

// U is documented, and its method is not exported.
type U struct{}

func (U) private() {}
