package index

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestRacyAlias: an index built while a file was racy is found again once
// the file no longer is (no second build), unless the file's content
// changed without its size or time changing.
func TestRacyAlias(t *testing.T) {
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	root := t.TempDir()
	write := func(name, src string, mtime time.Time) {
		t.Helper()
		path := filepath.Join(root, name)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now()
	write("go.mod", "module example.com/m\n\ngo 1.26\n", now.Add(-time.Hour))
	edited := now.Add(-time.Second) // racy now, not three seconds later
	write("a.go", "package m\n\nfunc A() {}\n", edited)

	built := 0
	build := func() (*Index, error) {
		built++
		ix := &Index{Root: root, Names: map[string]string{"example.com/m": "m"}}
		ix.finish()
		return ix, nil
	}
	walk := func(at time.Time) *Tree {
		t.Helper()
		tree, err := walkAt(root, at)
		if err != nil {
			t.Fatal(err)
		}
		return tree
	}
	racy := walk(now)
	if !racy.Racy {
		t.Fatal("a file written a second ago is not racy")
	}
	first, _, err := cached(racy, false, build)
	if err != nil || built != 1 {
		t.Fatalf("first build: %v, built %d times", err, built)
	}

	later := walk(now.Add(3 * time.Second))
	if later.Racy || later.Key == racy.Key {
		t.Fatalf("three seconds later: racy %v, same key %v", later.Racy, later.Key == racy.Key)
	}
	again, _, err := cached(later, false, build)
	if err != nil || built != 1 || again.Hash != first.Hash {
		t.Errorf("once no longer racy: %v, built %d times (want the racy build's index)", err, built)
	}
	if hash, err := CachedHash(later, false); err != nil || hash != first.Hash {
		t.Errorf("CachedHash once no longer racy = %q, %v; want %s", hash, err, first.Hash)
	}

	// Same size, same time, other content: the alias must not be used.
	write("a.go", "package m\n\nfunc B() {}\n", edited)
	changed := walk(now.Add(3 * time.Second))
	if changed.Key != later.Key {
		t.Fatal("the rewrite changed the tree's key; the test needs it unchanged")
	}
	if _, _, err := cached(changed, false, build); err != nil || built != 2 {
		t.Errorf("a same-size rewrite of a racy file: %v, built %d times, want a second build", err, built)
	}
	if _, err := CachedHash(changed, false); err != nil {
		t.Error(err)
	}
	// A tree with a missing racy file does not use the alias either.
	if err := os.Remove(filepath.Join(root, "a.go")); err != nil {
		t.Fatal(err)
	}
	if _, ok := aliasFor(changed); ok {
		t.Error("an alias whose racy file is gone was used")
	}
	if _, err := os.Stat(aliasFile(racy.statKey)); errors.Is(err, os.ErrNotExist) {
		t.Error("the racy tree left no alias")
	}
}
