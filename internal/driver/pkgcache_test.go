package driver

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
	"github.com/tenantlint/tenantlint/report"
)

// TestPackageCacheIntegrity: a per-package cache entry that was damaged
// but still decodes is ignored (and so computed again), not replayed.
// (The whole-run cache's half of this test is in internal/runcache.)
func TestPackageCacheIntegrity(t *testing.T) {
	t.Setenv("TENANTLINT_CACHE", t.TempDir())
	file := filepath.Join(t.TempDir(), "a.go")
	testfs.WriteFile(t, file, "package a\n")
	fs := []report.Finding{{Check: "tenantcache", File: file, Line: 3, Column: 2, Message: "m"}}
	const key = "0123456789abcdef"
	damage := func(path, from, to string) {
		t.Helper()
		data := testfs.ReadFile(t, path)
		if !strings.Contains(data, from) {
			t.Fatalf("%s does not hold %q:\n%s", path, from, data)
		}
		testfs.WriteFile(t, path, strings.Replace(data, from, to, 1))
	}

	c := newPkgCache(nil, false)
	out := &unitResult{Findings: fs}
	c.store(key, out)
	if got, ok := c.load(key); !ok || !reflect.DeepEqual(got.Findings, fs) {
		t.Fatalf("pkgCache.load = %v, %v; want what was stored", got, ok)
	}
	damage(c.file(key), `"line":3`, `"line":4`)
	if got, ok := c.load(key); ok {
		t.Errorf("a damaged per-package entry was replayed: %v", got.Findings)
	}
}
