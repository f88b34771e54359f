package hookfiles

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

func TestGroup(t *testing.T) {
	top := t.TempDir()
	repo := filepath.Join(top, "repo")
	for _, f := range []string{
		"go.mod", "a.go", "b/c.go", "b/c_test.go", "b/d/e.go", "docs/README.md",
		"testdata/x.go", "vendor/v/v.go", "_tools/t.go", ".hidden/h.go",
		"svc/go.mod", "svc/api/api.go", "empty/keep.txt",
	} {
		testfs.WriteFile(t, filepath.Join(repo, f), "package x\n")
	}
	outside := filepath.Join(top, "loose", "main.go") // no go.mod above it
	testfs.WriteFile(t, outside, "package main\n")

	got := Group(repo, []string{
		"a.go", "b/c.go", "b/c_test.go", "./b/d/e.go", "docs/README.md", "go.mod",
		"testdata/x.go", "vendor/v/v.go", "_tools/t.go", ".hidden/h.go",
		"svc/api/api.go",
		"b/deleted.go",     // deleted, but its package is still there
		"empty/deleted.go", // deleted with the last Go file of its directory
		outside,
	})
	want := []Module{
		{Root: repo, Patterns: []string{".", "./b", "./b/d"}},
		{Root: filepath.Join(repo, "svc"), Patterns: []string{"./api"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Group:\n got %+v\nwant %+v", got, want)
	}

	if got := Group(repo, []string{"docs/README.md", "go.mod"}); len(got) != 0 {
		t.Errorf("no Go files: got %+v, want nothing", got)
	}
	if got := Group(filepath.Join(repo, "b"), []string{"c.go", "../a.go"}); !reflect.DeepEqual(got, []Module{{Root: repo, Patterns: []string{".", "./b"}}}) {
		t.Errorf("relative to a subdirectory: got %+v", got)
	}
}
