//go:build unix

package diskcache

import (
	"os"
	"syscall"
)

// Lock takes an exclusive advisory lock on path and returns its release.
// Failing to lock only costs duplicate work, so errors are ignored.
func Lock(path string) func() {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return func() {}
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return func() {}
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}
}
