package runcache

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/tenantlint/tenantlint/internal/testfs"
	"github.com/tenantlint/tenantlint/report"
)

// writeOld writes files and dates them an hour back, so that the walk
// does not find them racy.
func writeOld(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	testfs.Write(t, dir, files)
	for name := range files {
		if err := os.Chtimes(filepath.Join(dir, name), old, old); err != nil {
			t.Fatal(err)
		}
	}
}

func TestResultKey(t *testing.T) {
	t.Setenv("GOWORK", "")
	base := map[string]string{
		"go.mod":            "module example.com/m\n\ngo 1.26\n",
		".tenantlint.yaml":  "version: 1\n",
		"a/a.go":            "package a\n",
		"b/b.go":            "package b\n",
		"testdata/x/x.go":   "package x\n",
		"nested/go.mod":     "module example.com/n\n",
		"nested/n/n.go":     "package n\n",
		"_skipped/s/s.go":   "package s\n",
		".hidden/h/h.go":    "package h\n",
		"a/notes/readme.md": "not an input\n",
	}
	key := func(t *testing.T, dir string, patterns ...string) (string, bool) {
		t.Helper()
		return Key(dir, "", nil, patterns)
	}
	dir := t.TempDir()
	writeOld(t, dir, base)
	k1, ok := key(t, dir, "./...")
	if !ok {
		t.Fatal("a plain module is not cacheable")
	}
	if k2, _ := key(t, dir, "./..."); k2 != k1 {
		t.Error("the key is not stable")
	}
	if k, _ := key(t, dir, "./a"); k == k1 {
		t.Error("patterns are not part of the key")
	}
	if k, _ := Key(dir, "", []string{"tenantrepo"}, []string{"./..."}); k == k1 {
		t.Error("checks are not part of the key")
	}

	// Files the go command ignores do not change the key; inputs do.
	writeOld(t, dir, map[string]string{"testdata/x/x.go": "package x // edited\n", "nested/n/n.go": "package n // edited\n",
		"a/notes/readme.md": "edited\n"})
	if k, _ := key(t, dir, "./..."); k != k1 {
		t.Error("an edit outside the module's inputs changed the key")
	}
	for name, src := range map[string]string{"a/a.go": "package a // edited\n", ".tenantlint.yaml": "version: 1 # edited\n", "go.sum": "x\n"} {
		writeOld(t, dir, map[string]string{name: src})
		k, ok := key(t, dir, "./...")
		if !ok || k == k1 {
			t.Errorf("editing %s did not change the key", name)
		}
		k1 = k
	}

	// A file written just now is racy: no key.
	if err := os.WriteFile(filepath.Join(dir, "b/b.go"), []byte("package b // now\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := key(t, dir, "./..."); ok {
		t.Error("a racy file still gave a key")
	}
}

func TestResultKeyRefusesOutsideInputs(t *testing.T) {
	t.Setenv("GOWORK", "")
	cases := map[string]map[string]string{
		"local replace": {"go.mod": "module example.com/m\n\ngo 1.26\n\nreplace example.com/x => ../x\n"},
		"vendor":        {"go.mod": "module example.com/m\n\ngo 1.26\n", "vendor/modules.txt": "\n"},
		"go.work":       {"go.mod": "module example.com/m\n\ngo 1.26\n", "go.work": "go 1.26\n\nuse .\n"},
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			files["a/a.go"] = "package a\n"
			writeOld(t, dir, files)
			if _, ok := Key(dir, "", nil, []string{"./..."}); ok {
				t.Errorf("%s: cacheable", name)
			}
		})
	}
	dir := t.TempDir()
	writeOld(t, dir, map[string]string{"go.mod": "module example.com/m\n\ngo 1.26\n", "a/a.go": "package a\n"})
	for _, pattern := range []string{"std", "example.com/m/...", "../x/..."} {
		if _, ok := Key(dir, "", nil, []string{pattern}); ok {
			t.Errorf("pattern %s: cacheable", pattern)
		}
	}
}

// TestResultKeyInModuleReplace: a replace directive naming a directory
// inside the module keeps the run cacheable, and the replacement's files
// are keyed like the module's own (the module's walk skips them: the
// replacement has its own go.mod); one naming a directory outside the
// module, directly or through a symbolic link, does not.
func TestResultKeyInModuleReplace(t *testing.T) {
	t.Setenv("GOWORK", "")
	dir := t.TempDir()
	mod := filepath.Join(dir, "m")
	writeOld(t, mod, map[string]string{
		"go.mod":                      "module example.com/m\n\ngo 1.26\n\nrequire example.com/x v0.0.0\n\nreplace example.com/x => ./third_party/x\n",
		"a/a.go":                      "package a\n",
		"third_party/x/go.mod":        "module example.com/x\n\ngo 1.26\n",
		"third_party/x/x.go":          "package x\n",
		"third_party/x/sub/sub.go":    "package sub\n",
		"third_party/x/testdata/t.go": "package t\n",
	})
	k1, ok := Key(mod, "", nil, []string{"./..."})
	if !ok {
		t.Fatal("a module whose replacement lies inside it is not cacheable")
	}
	writeOld(t, mod, map[string]string{"third_party/x/testdata/t.go": "package t // edited\n"})
	if k, _ := Key(mod, "", nil, []string{"./..."}); k != k1 {
		t.Error("an edit the go command ignores, under the replacement's testdata, changed the key")
	}
	for _, name := range []string{"third_party/x/x.go", "third_party/x/sub/sub.go", "third_party/x/go.mod"} {
		path := filepath.Join(mod, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		writeOld(t, mod, map[string]string{name: string(data) + "// edited\n"})
		k, ok := Key(mod, "", nil, []string{"./..."})
		if !ok || k == k1 {
			t.Errorf("editing %s, in the replacement, did not change the key (ok=%v)", name, ok)
		}
		k1 = k
	}
	// A file of the replacement written just now is racy: no key.
	testfs.WriteFile(t, filepath.Join(mod, "third_party/x/x.go"), "package x // now\n")
	if _, ok := Key(mod, "", nil, []string{"./..."}); ok {
		t.Error("a racy file in the replacement still gave a key")
	}

	// Outside the module: a sibling folder, by a relative or absolute
	// path, or through a link inside the module.
	writeOld(t, dir, map[string]string{"y/go.mod": "module example.com/y\n\ngo 1.26\n", "y/y.go": "package y\n"})
	for name, target := range map[string]string{"relative": "../y", "absolute": filepath.Join(dir, "y"), "missing": "./third_party/none"} {
		writeOld(t, mod, map[string]string{"go.mod": "module example.com/m\n\ngo 1.26\n\nreplace example.com/y => " + target + "\n"})
		if _, ok := Key(mod, "", nil, []string{"./..."}); ok {
			t.Errorf("%s: a replacement at %s is cacheable", name, target)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "y"), filepath.Join(mod, "third_party", "y")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	writeOld(t, mod, map[string]string{"go.mod": "module example.com/m\n\ngo 1.26\n\nreplace example.com/y => ./third_party/y\n"})
	if _, ok := Key(mod, "", nil, []string{"./..."}); ok {
		t.Error("a replacement linked from inside the module to a folder outside it is cacheable")
	}
}

// TestResultKeySymlink: a symlinked .go file is keyed by the content read
// through it, so editing its target (outside the walk) changes the key,
// even with the target's size and time kept.
func TestResultKeySymlink(t *testing.T) {
	t.Setenv("GOWORK", "")
	dir := t.TempDir()
	mod := filepath.Join(dir, "m")
	writeOld(t, mod, map[string]string{"go.mod": "module example.com/m\n\ngo 1.26\n", ".tenantlint.yaml": "version: 1\n"})
	writeOld(t, dir, map[string]string{"shared/a.go": "package a // one\n"})
	if err := os.MkdirAll(filepath.Join(mod, "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "shared", "a.go")
	link := filepath.Join(mod, "a", "a.go")
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	// Date the link itself back too, where touch can (the standard
	// library has no Lchtimes), so that only its target is recent.
	_ = exec.Command("touch", "-h", "-d", "1 hour ago", link).Run()
	k1, ok := Key(mod, "", nil, []string{"./..."})
	if !ok {
		t.Fatal("a module with a symlinked file is not cacheable")
	}
	st, err := os.Stat(target)
	if err != nil {
		t.Fatal(err)
	}
	testfs.WriteFile(t, target, "package a // two\n") // same size
	if err := os.Chtimes(target, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	if k2, ok := Key(mod, "", nil, []string{"./..."}); !ok || k2 == k1 {
		t.Errorf("editing the target of a symlinked file kept the key (ok=%v)", ok)
	}
}

// TestResultCacheIntegrity: a whole-run cache entry that was damaged but
// still decodes is ignored (and so computed again), not replayed. (The
// per-package cache's half of this test is in internal/driver.)
func TestResultCacheIntegrity(t *testing.T) {
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	file := filepath.Join(t.TempDir(), "a.go")
	testfs.WriteFile(t, file, "package a\n")
	fs := []report.Finding{{Check: "tenantcache", File: file, Line: 3, Column: 2, Message: "m"}}
	const key = "0123456789abcdef"
	StoreFindings(key, fs)
	if got, ok := LoadFindings(key); !ok || !reflect.DeepEqual(got, fs) {
		t.Fatalf("LoadFindings = %v, %v; want what was stored", got, ok)
	}
	testfs.Replace(t, resultFile(key, "findings"), `"line":3`, `"line":4`)
	if got, ok := LoadFindings(key); ok {
		t.Errorf("a damaged whole-run entry was replayed: %v", got)
	}
	StoreFindings(key, fs)
	if _, ok := LoadFindings(key); !ok {
		t.Error("the entry stored again is not loaded")
	}
}
