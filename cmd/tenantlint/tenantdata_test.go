package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
	"github.com/tenantlint/tenantlint/report/inventory"
)

// tenantDataFiles (testdata/tenantdata.txtar) is a module with
// cache.report: tenant-data: an in-house cache keyed by a UUID type in
// front of a tenant-filtered store, a fact across packages, caches that
// hold no tenant data and an unchecked key.
var tenantDataFiles = testfs.MustReadTxtar("testdata/tenantdata.txtar")

func writeTenantData(t *testing.T, edit func(name, src string) string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range tenantDataFiles {
		if edit != nil {
			src = edit(name, src)
		}
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	return dir
}

// TestTenantDataStandaloneAndVet: the calls about tenant data are
// findings whatever their key's type, the same in both modes (the fact
// of store.Totals reaches app under go vet too); the inventory counts
// the others as not tenant data and the unchecked key apart.
func TestTenantDataStandaloneAndVet(t *testing.T) {
	t.Parallel()
	dir := writeTenantData(t, nil)
	const lookedFor = "the key has no tenant value (looked for: params orgID) (manual fix: no cache.key_func is configured)"
	want := []string{
		"app/app.go:19:2: kv.Store.Put key is not tenant-scoped; it caches *store.Invoice from Store.Get, a tenant-filtered lookup; " + lookedFor,
		"app/app.go:21:2: kv.Store.Put key is not tenant-scoped; it caches store.Summary from Store.Sum, a tenant-filtered lookup; " + lookedFor,
	}
	diffLines(t, "standalone findings", standalone(t, dir), want)
	diffLines(t, "go vet -vettool findings", vet(t, dir), want)

	r := lint(t, dir, "--inventory", "--format", "json", "./...")
	if r.code != 0 {
		t.Fatalf("--inventory: exit %d\n%s", r.code, r.stderr)
	}
	var inv inventory.Inventory
	if err := json.Unmarshal([]byte(r.stdout), &inv); err != nil {
		t.Fatalf("%v in\n%s", err, r.stdout)
	}
	c := inv.Totals.Cache
	if c.Total != 6 || c.Scoped != 1 || c.RawManual != 2 || c.Unchecked != 1 || c.NotTenantData != 2 || c.ByReason == nil ||
		c.ByReason.Unchecked["key from a call not followed"] != 1 ||
		c.ByReason.NotTenantData["holds *app.Route"] != 1 || c.ByReason.NotTenantData["holds int64"] != 1 {
		t.Errorf("cache totals %+v, by reason %+v", c, c.ByReason)
	}
	text := lint(t, dir, "--inventory", "./...")
	for _, want := range []string{"unchecked 1, not tenant data 2)", "UNCHECKED  NOT TENANT DATA", "Unchecked cache calls by reason:"} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("text inventory lacks %q:\n%s", want, text.stdout)
		}
	}
}

// TestCacheReportConfigError: a cache.report that is neither all nor
// tenant-data stops tenantlint with one line naming the file, line and
// column, and exit status 2.
func TestCacheReportConfigError(t *testing.T) {
	t.Parallel()
	dir := writeTenantData(t, func(name, src string) string {
		if name == ".tenantlint.yaml" {
			return strings.Replace(src, "report: tenant-data", "report: tenants", 1)
		}
		return src
	})
	r := lint(t, dir, "./...")
	want := regexp.MustCompile(`^tenantlint: .*/\.tenantlint\.yaml:8:11: cache\.report must be "all" or "tenant-data", not "tenants"$`)
	if ls := lines(r.stderr); r.code != 2 || r.stdout != "" || len(ls) != 1 || !want.MatchString(ls[0]) {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant one line matching %s", r.code, r.stdout, r.stderr, want)
	}
}
