package parallel

import (
	"sync/atomic"
	"testing"
)

func TestFor(t *testing.T) {
	for _, n := range []int{0, 1, 7, 100} {
		got := make([]int, n)
		var calls atomic.Int32
		For(n, func(i int) { got[i] = i * i; calls.Add(1) })
		if int(calls.Load()) != n {
			t.Fatalf("n=%d: %d calls", n, calls.Load())
		}
		for i, v := range got {
			if v != i*i {
				t.Fatalf("n=%d: got[%d] = %d", n, i, v)
			}
		}
	}
}
