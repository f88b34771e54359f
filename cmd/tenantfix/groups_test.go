package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestCacheGroups runs tenantfix on testdata/groups.txtar: the calls on
// one cache with one key form are wrapped together or not at all. A
// group whose calls all have a context is wrapped whole; a group with a
// Set that has none is left whole, and the manual sites of both its
// calls name the other; the same key form on another cache, and another
// key form on the same cache, are wrapped. The tree after the fix is the
// archive's fixed/ files, it builds, and a second run changes nothing.
func TestCacheGroups(t *testing.T) {
	t.Parallel()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "groups.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "groups")
	fixed := map[string]string{}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "fixed/"); ok {
			fixed[name] = string(f.Data)
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	orig := snapshot(t, dir)
	want := expect(orig)

	dry := tenantfix(t, dir, "--dry-run")
	mustCode(t, dry, 0, "--dry-run")
	_, _, nKeys, nManual := summary(t, dry.stderr)
	if nKeys != want.keys || nManual != len(want.manual) {
		t.Errorf("--dry-run: %d keys to wrap, %d manual sites; want %d, %d\n%s", nKeys, nManual, want.keys, len(want.manual), dry.stderr)
	}
	sameSet(t, want.manual, sites(dry.stderr), "manual sites listed by --dry-run")
	for _, s := range []string{
		"(manual fix: the Set at warm.go:7 shares this cache and key form and cannot be wrapped (no context.Context in scope); wrapping only this call would make the cache miss)",
		"; the Get at users.go:32 shares this cache and key form, so it is left unwrapped too)",
	} {
		if !strings.Contains(dry.stderr, s) {
			t.Errorf("--dry-run does not say %q:\n%s", s, dry.stderr)
		}
	}

	mustCode(t, tenantfix(t, dir), 0, "apply")
	after := snapshot(t, dir).without(".tenantfix")
	for name, e := range orig.files() {
		wantData, ok := fixed[name]
		if !ok {
			wantData = e.data
		}
		if got := after[name].data; got != wantData {
			t.Errorf("%s after apply:\n%s\nwant:\n%s", name, got, wantData)
		}
	}
	mustCode(t, command(t, dir, nil, "go", "build", "./..."), 0, "go build ./... after apply")

	again := tenantfix(t, dir)
	mustCode(t, again, 0, "second apply")
	if f, _, k, m := summary(t, again.stderr); f != 0 || k != 0 || m != len(want.manual) {
		t.Errorf("second apply: %d files, %d keys, %d manual; want 0, 0, %d", f, k, m, len(want.manual))
	}
	sameTree(t, after, snapshot(t, dir).without(".tenantfix"), "after a second apply")
}
