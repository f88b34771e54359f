package diskcache

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestTryLockFile: a second taker fails while the first holds the lock
// file, and succeeds once it is released; a file left older than
// staleLockFile is taken over.
func TestTryLockFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "compile.lock")
	release, ok := tryLockFile(path)
	if !ok {
		t.Fatal("the first taker failed")
	}
	if _, ok := tryLockFile(path); ok {
		t.Fatal("a second taker got the lock while the first held it")
	}
	release()
	_, ok = tryLockFile(path) // held until it goes stale below
	if !ok {
		t.Fatal("the lock was not free after its release")
	}
	// Left behind by a process that died holding it.
	old := time.Now().Add(-2 * staleLockFile)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	if _, ok := tryLockFile(path); !ok {
		t.Fatal("a stale lock file was not taken over")
	}
}
