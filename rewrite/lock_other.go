//go:build !unix

package rewrite

import (
	"os"
	"strconv"
	"strings"
)

// tryLock, without flock: the lock is held while the file names a live
// process other than this one. A pid that no longer runs is a stale lock
// of a killed run and is taken over.
func tryLock(f *os.File) (bool, error) {
	b := make([]byte, 32)
	n, _ := f.ReadAt(b, 0)
	pid, err := strconv.Atoi(strings.TrimSpace(string(b[:n])))
	if err != nil {
		return true, nil // empty: a new lock file
	}
	if pid == os.Getpid() {
		return false, nil
	}
	if _, err := os.FindProcess(pid); err != nil {
		return true, nil
	}
	return false, nil
}

func unlock(*os.File) {}
