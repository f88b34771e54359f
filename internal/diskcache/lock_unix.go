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

// TryLock takes an exclusive advisory lock on path if no other process
// holds it, and returns its release; ok is false when the lock is held
// elsewhere or cannot be taken. The lock goes with the process, so a
// process that dies holding it never blocks the next.
func TryLock(path string) (release func(), ok bool) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, false
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, false
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, true
}
