package suggest

import (
	"sync"

	"github.com/rejoinder/rejoinder/dataset"
)

// DefaultEvaluation is the leave-one-case-out evaluation of the embedded
// dataset, run once for the package's tests inside and outside it (the
// outside ones may import package coding, which imports this one).
var DefaultEvaluation = sync.OnceValues(func() (*Evaluation, error) { return Evaluate(dataset.MustDefault()) })
