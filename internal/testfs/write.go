package testfs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// WriteFile writes src to path, creating its folders, and fails the test
// on error.
func WriteFile(t testing.TB, path, src string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// ReadFile returns the content of path and fails the test on error.
func ReadFile(t testing.TB, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Write writes files (slash-separated names relative to root, and their
// contents) below root.
func Write(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, src := range files {
		WriteFile(t, filepath.Join(root, filepath.FromSlash(name)), src)
	}
}

// Replace replaces the first from in the file at path by to, and fails
// the test when the file does not hold from.
func Replace(t testing.TB, path, from, to string) {
	t.Helper()
	data := ReadFile(t, path)
	if !strings.Contains(data, from) {
		t.Fatalf("%s does not hold %q:\n%s", path, from, data)
	}
	WriteFile(t, path, strings.Replace(data, from, to, 1))
}
