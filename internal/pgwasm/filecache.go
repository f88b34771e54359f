package pgwasm

import (
	"bufio"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sync/atomic"
	"unsafe"

	"github.com/tetratelabs/wazero"
)

// fileCache is the method set of wazero's internal filecache.Cache
// (whose Key is an alias of [sha256.Size]byte), so that a value of ours
// can take its place.
type fileCache interface {
	Get(key [sha256.Size]byte) (content io.ReadCloser, ok bool, err error)
	Add(key [sha256.Size]byte, content io.Reader) error
	Delete(key [sha256.Size]byte) error
}

// bufferedCache reads wazero's cached compiled code through a buffer.
// wazero's reader of a cache entry reads the offset of each of the
// module's functions with its own 8-byte read of the file: tens of
// thousands of system calls for libpg_query, which took 1 s of CPU in
// our sandbox, more than the interpreter's whole start-up. Buffered, a
// load is one read per 64 KiB (docs/performance.md, "the compiled
// module shared between processes").
// hits counts the entries it served.
type bufferedCache struct {
	fileCache
	hits *atomic.Int32
}

func (c bufferedCache) Get(key [sha256.Size]byte) (io.ReadCloser, bool, error) {
	rc, ok, err := c.fileCache.Get(key)
	if !ok || err != nil {
		return rc, ok, err
	}
	c.hits.Add(1)
	return bufferedFile{bufio.NewReaderSize(rc, 64<<10), rc}, true, nil
}

// bufferedFile fills every read whole, as a read of a regular file does
// except at its end: wazero's reader takes a short read of one of its
// 8-byte fields for the end of the entry, which a bufio.Reader's read
// at the end of its buffer would also be.
type bufferedFile struct {
	r *bufio.Reader
	io.Closer
}

func (f bufferedFile) Read(p []byte) (int, error) {
	n, err := io.ReadFull(f.r, p)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil // the file's end, where os.File gives a short read too
	}
	return n, err
}

// errCacheShape is bufferOf's error when wazero's CompilationCache no
// longer has the field it replaces (a wazero upgrade): the caller then
// runs without the file cache rather than with a slow one.
var errCacheShape = errors.New("pgwasm: wazero's compilation cache has no fileCache field of the expected type (wazero upgraded?)")

// bufferOf replaces the file cache inside cc, a cache made by
// wazero.NewCompilationCacheWithDir, by a buffered view of it that
// counts its hits in hits. wazero
// has no way to give a runtime a file cache of ours: its cache value
// keeps the file cache in an unexported interface field, which is set
// here by reflection. TestCachedLoad fails if a wazero upgrade changes
// that.
func bufferOf(cc wazero.CompilationCache, hits *atomic.Int32) error {
	v := reflect.ValueOf(cc)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return errCacheShape
	}
	f := v.Elem().FieldByName("fileCache")
	if !f.IsValid() || f.Kind() != reflect.Interface {
		return errCacheShape
	}
	field := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem() //nolint:gosec // the unexported field, see above
	inner, ok := field.Interface().(fileCache)
	if !ok || inner == nil {
		return errCacheShape
	}
	wrapped := reflect.ValueOf(bufferedCache{inner, hits})
	if !wrapped.Type().AssignableTo(field.Type()) {
		return fmt.Errorf("%w: %s does not implement %s", errCacheShape, wrapped.Type(), field.Type())
	}
	field.Set(wrapped)
	return nil
}
