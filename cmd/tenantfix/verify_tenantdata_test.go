package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestVerifyCountsUncheckedApart: --verify's summary never counts an
// unchecked call as scoped; it gives the unchecked calls and those not
// about tenant data their own counts, by reason (the module of
// cmd/tenantlint/testdata/tenantdata.txtar, cache.report: tenant-data).
func TestVerifyCountsUncheckedApart(t *testing.T) {
	t.Parallel()
	ar, err := txtar.ParseFile(filepath.Join("..", "tenantlint", "testdata", "tenantdata.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "tdata")
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ver := tenantfix(t, dir, "--verify")
	mustCode(t, ver, 1, "--verify")
	const want = "cache calls: 1/6 scoped, 0 raw fixable, 2 raw manual, 0 suppressed, " +
		"1 unchecked (key from a call not followed: 1), 2 not tenant data (holds *app.Route: 1; holds int64: 1)"
	if !strings.Contains(ver.stderr, want) {
		t.Errorf("--verify summary lacks %q:\n%s", want, ver.stderr)
	}
}
