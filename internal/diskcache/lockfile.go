package diskcache

import (
	"os"
	"time"
)

// staleLockFile is the age past which a lock file (tryLockFile) is
// taken to be left by a process that died holding it.
const staleLockFile = 2 * time.Minute

// tryLockFile takes a lock that is a file made with O_EXCL, where flock
// is unavailable (TryLock on other systems): a second process that
// tries while the first holds it fails, as with flock; release removes
// the file. A file older than staleLockFile was left by a process that
// died holding it, and is taken over.
func tryLockFile(path string) (release func(), ok bool) {
	for attempt := 0; attempt < 2; attempt++ {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			f.Close()
			return func() { os.Remove(path) }, true
		}
		st, serr := os.Stat(path)
		if serr != nil || time.Since(st.ModTime()) < staleLockFile {
			return nil, false
		}
		os.Remove(path) // stale: try once more
	}
	return nil, false
}
