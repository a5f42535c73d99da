//go:build !unix || solaris || illumos || aix

package outdir

import "os"

// tryLock does not lock where flock does not exist (Windows, Solaris, AIX): writers there are not
// kept apart (see README, Safety).
func tryLock(*os.File) (bool, error) { return false, nil }

func unlock(*os.File) {}
