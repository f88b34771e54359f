//go:build !unix

package diskcache

// Lock is a no-op where flock is unavailable: concurrent processes may
// then build the same index twice, which is wasteful but correct.
func Lock(string) func() { return func() {} }
