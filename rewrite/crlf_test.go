package rewrite

import (
	"os"
	"path/filepath"
	"testing"

	udiff "github.com/aymanbagabas/go-udiff"
)

// TestCRLFInsertions: the lines that fixes insert into a CRLF file end
// with CRLF too.
func TestCRLFInsertions(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.go")
	old := []byte("package a\r\n\r\nvar A = 1\r\n")
	if err := os.WriteFile(name, old, 0o644); err != nil {
		t.Fatal(err)
	}
	fc, err := newChange(dir, name, old, []udiff.Edit{{Start: len(old), End: len(old), New: "\n// B is new.\nvar B = 2\n"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := "package a\r\n\r\nvar A = 1\r\n\r\n// B is new.\r\nvar B = 2\r\n"; string(fc.New) != want {
		t.Errorf("got %q, want %q", fc.New, want)
	}
}
