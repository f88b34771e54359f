//go:build !unix

package diskcache

// Lock is a no-op where flock is unavailable: concurrent processes may
// then build the same index twice, which is wasteful but correct.
func Lock(string) func() { return func() {} }

// TryLock takes a lock file made with O_EXCL where flock is
// unavailable (tryLockFile): its work (compiling the SQL parser, two
// seconds) must not be done by every process at once.
func TryLock(path string) (release func(), ok bool) { return tryLockFile(path) }
