package pgwasm

import (
	"bufio"
	"errors"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"

	"github.com/tetratelabs/wazero"
)

// TestCachedLoad: a second NewCached Parser on the same folder loads the
// module the first compiled (through bufferOf's buffered view, which a
// wazero upgrade that renames the cache's field would break), and
// parses to the same trees and errors.
func TestCachedLoad(t *testing.T) {
	const (
		good = "SELECT i.id FROM invoices i WHERE i.tenant_id = $1"
		bad  = "SELECT FROM WHERE invoices"
	)
	dir := t.TempDir()
	first := NewCached(dir)
	defer first.Close()
	want, err := first.ParseToJSON(good)
	if err != nil {
		t.Fatal(err)
	}
	if first.FromCache() {
		t.Fatal("the first Parser loaded the module from an empty folder")
	}
	_, wantErr := first.ParseToJSON(bad)
	var entries int
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, _ error) error {
		if d != nil && !d.IsDir() && !strings.HasSuffix(d.Name(), ".tmp") {
			entries++
		}
		return nil
	})
	if entries != 1 {
		t.Fatalf("%d entries in the cache folder after a compile; want 1", entries)
	}

	second := NewCached(dir)
	defer second.Close()
	if err := second.Start(); err != nil {
		t.Fatal(err)
	}
	if !second.FromCache() {
		t.Fatal("the second Parser compiled the module again instead of loading it from the folder")
	}
	got, err := second.ParseToJSON(good)
	if err != nil || got != want {
		t.Fatalf("loaded module: %q, %v; want %q", got, err, want)
	}
	if _, err := second.ParseToJSON(bad); err == nil || err.Error() != wantErr.Error() {
		t.Fatalf("loaded module's error %v; want the compiled one's %v", err, wantErr)
	}
}

// TestBufferOfShape: a cache without a file cache to wrap (wazero's
// in-memory one) is refused, not half-wrapped.
func TestBufferOfShape(t *testing.T) {
	var hits atomic.Int32
	if err := bufferOf(wazero.NewCompilationCache(), &hits); !errors.Is(err, errCacheShape) {
		t.Fatalf("bufferOf(in-memory cache) = %v; want errCacheShape", err)
	}
}

// TestBufferedFileReads: every read is filled whole until the end of
// the file, where the short read and then io.EOF are what os.File gives
// (wazero's reader relies on both).
func TestBufferedFileReads(t *testing.T) {
	// One byte per read underneath, as a buffer's refill can be.
	f := bufferedFile{bufio.NewReader(iotest.OneByteReader(strings.NewReader("0123456789"))), io.NopCloser(nil)}
	b := make([]byte, 8)
	if n, err := f.Read(b); n != 8 || err != nil {
		t.Fatalf("first read: %d, %v; want 8 bytes from reads of one", n, err)
	}
	if n, err := f.Read(b); n != 2 || err != nil {
		t.Fatalf("read at the end: %d, %v; want the 2 bytes left, no error", n, err)
	}
	if n, err := f.Read(b); n != 0 || err != io.EOF {
		t.Fatalf("read past the end: %d, %v; want 0, io.EOF", n, err)
	}
}
