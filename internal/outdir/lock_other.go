//go:build !unix

package outdir

import "os"

// tryLock does not lock where flock does not exist: writers there are not
// kept apart (see README, Safety).
func tryLock(*os.File) (bool, error) { return false, nil }

func unlock(*os.File) {}
