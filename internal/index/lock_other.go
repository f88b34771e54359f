//go:build !unix

package index

// lock is a no-op where flock is unavailable: concurrent processes may
// then build the same index twice, which is wasteful but correct.
func lock(string) func() { return func() {} }
