package testfs

import (
	"fmt"
	"testing"

	"golang.org/x/tools/txtar"
)

// ReadTxtar reads the txtar archive at path (a fixture module under the
// test's testdata) and returns its files: slash-separated names relative
// to the module's root, and their contents. The map has the shape of the
// fixture maps that Write takes, so a test can still override files.
func ReadTxtar(path string) (map[string]string, error) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading fixture archive: %w", err)
	}
	files := make(map[string]string, len(ar.Files))
	for _, f := range ar.Files {
		if _, dup := files[f.Name]; dup {
			return nil, fmt.Errorf("%s: file %s appears twice", path, f.Name)
		}
		files[f.Name] = string(f.Data)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no files", path)
	}
	return files, nil
}

// MustReadTxtar is ReadTxtar for the package-level fixture variables of
// test files, which are initialised before any test runs: it panics on
// error, which fails the test binary with the archive's name.
func MustReadTxtar(path string) map[string]string {
	files, err := ReadTxtar(path)
	if err != nil {
		panic(err)
	}
	return files
}

// WriteTxtar writes the files of the txtar archive at path below root
// and fails the test on error.
func WriteTxtar(t testing.TB, root, path string) {
	t.Helper()
	files, err := ReadTxtar(path)
	if err != nil {
		t.Fatal(err)
	}
	Write(t, root, files)
}
