package main

// End-to-end tests of the whole-run result cache on modules with local
// replace directives (see runcache.Key).

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// replaceFiles adds to the test module a dependency replaced by a folder
// inside it (testdata/replace.txtar).
var replaceFiles = testfs.MustReadTxtar("testdata/replace.txtar")

// shipmentFinding is the start of the finding that Shipment gets once
// audit.Base, in the replacement, has a tenant field.
const shipmentFinding = "internal/shipping/shipping.go:7:6: Shipment is tenant-scoped (has field TenantID"

// resultFiles lists the whole-run results in the test's
// TENANTLINT_CACHE.
func resultFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(tenantlintCache(t), "results", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// plantFinding adds to a cached result a finding that no analysis
// reports, on dir's go.mod, so that output holding it proves a replay.
func plantFinding(t *testing.T, result, dir string) {
	t.Helper()
	data, err := os.ReadFile(result)
	if err != nil {
		t.Fatal(err)
	}
	const planted = `{"check":"tenantcache","file":"%s","line":1,"column":1,"message":"planted","fix":"manual"}`
	marker := fmt.Sprintf(planted, filepath.Join(dir, "go.mod"))
	testfs.WriteFile(t, result, testfs.Reseal(t, strings.Replace(string(data), "[", "["+marker+",", 1)))
}

// TestResultCacheInModuleReplace: a module whose go.mod replaces a
// dependency by a folder inside it is replayed when nothing changed, and
// an edit in that folder (a nested module, which the module's own walk
// skips) is analyzed again rather than replayed.
func TestResultCacheInModuleReplace(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, replaceFiles)
	testfs.Backdate(t, dir)
	first := lint(t, dir)
	if first.code != 1 || first.stderr != "" || strings.Contains(first.stdout, "Shipment") {
		t.Fatalf("first run: exit %d\n%s%s", first.code, first.stdout, first.stderr)
	}
	results := resultFiles(t)
	if len(results) != 1 {
		t.Fatalf("a run with an in-module replace stored %d results, want 1: %v", len(results), results)
	}
	plantFinding(t, results[0], dir)
	if replay := lint(t, dir); !strings.Contains(replay.stdout, "go.mod:1:1: planted (tenantcache)") || replay.code != first.code {
		t.Fatalf("an unchanged module with an in-module replace was analyzed again instead of replayed:\n%s", replay.stdout)
	}

	// The edited file keeps its modification time (so it is not racy and
	// no other file's time moves): only its size, in the key's view of
	// the replacement's files, tells the tree from the cached run's.
	editKeepTime(t, dir, "third_party/audit/audit.go", "CreatedBy string", "CreatedBy string\n\tTenantID  string")
	edited := lint(t, dir)
	if strings.Contains(edited.stdout, "planted") || !strings.Contains(edited.stdout, shipmentFinding) {
		t.Fatalf("an edit in the replaced folder was not analyzed again:\n%s%s", edited.stdout, edited.stderr)
	}
	if fresh := lint(t, dir, "--no-cache"); fresh.stdout != edited.stdout || fresh.code != edited.code {
		t.Errorf("after the edit, the cached run differs from --no-cache:\n%s\nwant:\n%s", edited.stdout, fresh.stdout)
	}
}

// editKeepTime is edit, with the file's modification time kept.
func editKeepTime(t *testing.T, dir, name, old, new string) {
	t.Helper()
	st, err := os.Stat(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	edit(t, dir, name, old, new)
	if err := os.Chtimes(filepath.Join(dir, name), st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
}

// TestResultCacheOutsideReplace: a replace naming a folder outside the
// module keeps the whole-run cache off: nothing is stored, and an edit
// there is seen by the next run.
func TestResultCacheOutsideReplace(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	mod := writeModule(t, map[string]string{
		"go.mod":                        strings.Replace(replaceFiles["go.mod"], "./third_party/audit", "../audit", 1),
		"internal/shipping/shipping.go": replaceFiles["internal/shipping/shipping.go"],
	})
	audit := filepath.Join(parent, "audit")
	for _, name := range []string{"go.mod", "audit.go"} {
		testfs.WriteFile(t, filepath.Join(audit, name), replaceFiles["third_party/audit/"+name])
	}
	// The module and the replacement must be siblings for ../audit.
	dir := filepath.Join(parent, "m")
	if err := os.Rename(mod, dir); err != nil {
		t.Fatal(err)
	}
	testfs.Backdate(t, parent)
	for i := 0; i < 2; i++ {
		if r := lint(t, dir); r.code != 1 || strings.Contains(r.stdout, "Shipment") {
			t.Fatalf("run %d: exit %d\n%s%s", i, r.code, r.stdout, r.stderr)
		}
	}
	if results := resultFiles(t); len(results) != 0 {
		t.Fatalf("a run with a replace outside the module stored results: %v", results)
	}
	edit(t, audit, "audit.go", "CreatedBy string", "CreatedBy string\n\tTenantID  string")
	testfs.Backdate(t, parent)
	if r := lint(t, dir); !strings.Contains(r.stdout, shipmentFinding) {
		t.Errorf("an edit in the replacement outside the module was not seen:\n%s%s", r.stdout, r.stderr)
	}
}
