package parallel

import (
	"runtime"
	"sync"
)

// For calls fn(0) ... fn(n-1) on up to GOMAXPROCS goroutines and returns
// when all calls have returned.
func For(n int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
