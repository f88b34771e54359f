// Package testfs copies fixture trees for the tests that run the tools on
// a scratch copy of a case.
package testfs

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Copy copies the files below src into dst. filter, when not nil, sees
// each file's path and bytes and returns the bytes to write, or false to
// leave the file out.
func Copy(src, dst string, filter func(path string, data []byte) ([]byte, bool)) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if filter != nil {
			var keep bool
			if data, keep = filter(path, data); !keep {
				return nil
			}
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// SkipGolden is a Copy filter that leaves out .golden files.
func SkipGolden(path string, data []byte) ([]byte, bool) {
	return data, filepath.Ext(path) != ".golden"
}

// Backdate sets the modification time of every file below dir an hour
// back, as if the tree had been written long before the run: the caches
// refuse trees with files changed in the last moments (git's racy rule).
func Backdate(t testing.TB, dir string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(path, old, old)
	})
	if err != nil {
		t.Fatal(err)
	}
}
