package driver

import (
	"path/filepath"
	"reflect"
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
	c := newPkgCache(nil, false)
	out := &unitResult{Findings: fs}
	c.store(key, out)
	if got, ok := c.load(key); !ok || !reflect.DeepEqual(got.Findings, fs) {
		t.Fatalf("pkgCache.load = %v, %v; want what was stored", got, ok)
	}
	testfs.Replace(t, c.file(key), `"line":3`, `"line":4`)
	if got, ok := c.load(key); ok {
		t.Errorf("a damaged per-package entry was replayed: %v", got.Findings)
	}
}
