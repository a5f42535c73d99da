//go:build !linux

package outdir

// exchange is not available outside Linux; Replace renames twice.
func exchange(a, b string) error { return errNoExchange }
