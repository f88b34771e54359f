//go:build !unix

package diskcache

// Lock is a no-op where flock is unavailable: concurrent processes may
// then build the same index twice, which is wasteful but correct.
func Lock(string) func() { return func() {} }

// TryLock always succeeds where flock is unavailable: two processes may
// then do the locked work twice, which is wasteful but correct.
func TryLock(string) (release func(), ok bool) { return func() {}, true }
