package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/report/inventory"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// legacyModel is a model whose missing repository is suppressed, with a
// reason that HTML must escape.
const legacyModel = `package models

// Legacy predates repositories.
//
//tenantlint:ignore tenantrepo read by the <batch> importer only
type Legacy struct {
	TenantID string
}
`

// wantInventory is the text inventory of the test module with legacyModel.
const wantInventory = `Tenant-scoped types: 6 (covered 2, MISSING 2, suppressed 1, global 1)

PACKAGE                           TYPE      POSITION                         WHY                  REPOSITORY
example.com/e2e/internal/billing  Payment   internal/billing/billing.go:5:6  has field TenantID   MISSING
example.com/e2e/internal/models   AuditLog  internal/models/models.go:32:6   has field TenantID   not needed: //tenantlint:global
example.com/e2e/internal/models   Invoice   internal/models/models.go:19:6   embeds tenant.Model  MISSING
example.com/e2e/internal/models   Legacy    internal/models/legacy.go:6:6    has field TenantID   MISSING, suppressed: read by the <batch> importer only
example.com/e2e/internal/models   Order     internal/models/models.go:13:6   has field TenantID   tenant.Repository at internal/repos/repos.go:14:2
example.com/e2e/internal/models   User      internal/models/models.go:7:6    embeds tenant.Model  tenant.Repository at internal/repos/repos.go:10:5

Cache calls: 10 (scoped 3, raw fixable 3, raw manual 3, suppressed 1)

PACKAGE                           CALLS  SCOPED  RAW FIXABLE  RAW MANUAL  SUPPRESSED
example.com/e2e/internal/cache    2      0       0            2           0
example.com/e2e/internal/jobs     1      0       1            0           0
example.com/e2e/internal/service  6      2       2            1           1
example.com/e2e/internal/tenant   1      1       0            0           0
`

// wantContextInventory follows wantInventory: the test module's sink
// calls (cache APIs, key_func, safe types) all keep the tenant context.
const wantContextInventory = `
Tenant contexts at sink calls: 14 (kept 14, dropped fixable 0, dropped manual 0, suppressed 0)

PACKAGE                           CALLS  KEPT  DROPPED FIXABLE  DROPPED MANUAL  SUPPRESSED
example.com/e2e/internal/cache    2      2     0                0               0
example.com/e2e/internal/jobs     1      1     0                0               0
example.com/e2e/internal/service  9      9     0                0               0
example.com/e2e/internal/tenant   2      2     0                0               0
`

// TestInventory runs --inventory on the test module: exit 0 although it
// has findings, the same content in every format, and no use of the
// findings cache.
func TestInventory(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{"internal/models/legacy.go": legacyModel})
	// Fill the findings cache first: the inventory must not replay it.
	testfs.Backdate(t, dir)
	if r := lint(t, dir); r.code != 1 {
		t.Fatalf("findings run: exit %d\n%s", r.code, r.stderr)
	}
	results := cachedResults(t)
	if results != 1 {
		t.Fatalf("%d cached results after a findings run, want 1", results)
	}

	r := lint(t, dir, "--inventory")
	if r.code != 0 || r.stderr != "" {
		t.Errorf("exit %d, want 0; stderr:\n%s", r.code, r.stderr)
	}
	if r.stdout != wantInventory+wantContextInventory {
		t.Errorf("text inventory:\n%s\nwant:\n%s", r.stdout, wantInventory+wantContextInventory)
	}
	if after := cachedResults(t); after != results {
		t.Errorf("--inventory touched the findings cache: %d results before, %d after", results, after)
	}

	r = lint(t, dir, "--inventory", "--format", "json", "./...")
	if r.code != 0 {
		t.Fatalf("json: exit %d: %s", r.code, r.stderr)
	}
	var inv inventory.Inventory
	if err := json.Unmarshal([]byte(r.stdout), &inv); err != nil {
		t.Fatalf("%v in\n%s", err, r.stdout)
	}
	if inv.Version != inventory.SchemaVersion {
		t.Errorf("version %d", inv.Version)
	}
	status := map[string]string{}
	for _, ty := range inv.Types {
		status[ty.Name] = ty.Status
		if ty.Name == "Legacy" && ty.SuppressionReason != "read by the <batch> importer only" {
			t.Errorf("Legacy's suppression reason: %q", ty.SuppressionReason)
		}
		if ty.Name == "Order" && (ty.Repository == nil || ty.Repository.Package != "example.com/e2e/internal/repos" ||
			ty.Repository.Position != (inventory.Position{File: "internal/repos/repos.go", Line: 14, Column: 2})) {
			t.Errorf("Order's repository: %+v", ty.Repository)
		}
	}
	wantStatus := map[string]string{"Payment": "missing", "AuditLog": "global", "Invoice": "missing",
		"Legacy": "suppressed", "Order": "covered", "User": "covered"}
	for name, want := range wantStatus {
		if status[name] != want {
			t.Errorf("%s: status %q, want %q", name, status[name], want)
		}
	}
	if len(status) != len(wantStatus) {
		t.Errorf("types %v, want %v", status, wantStatus)
	}
	if c := inv.Totals.Cache; c != (inventory.CacheCounts{Total: 10, Scoped: 3, RawFixable: 3, RawManual: 3, Suppressed: 1}) {
		t.Errorf("cache totals %+v", c)
	}

	r = lint(t, dir, "--inventory", "--format=html")
	if r.code != 0 {
		t.Fatalf("html: exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"<!DOCTYPE html>", "<td><code>Legacy</code></td>", "read by the &lt;batch&gt; importer only",
		`<svg class="chart"`, "tenant.Repository at internal/repos/repos.go:10:5"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("html lacks %q", want)
		}
	}
}

// cachedResults counts the findings cache's entries.
func cachedResults(t *testing.T) int {
	t.Helper()
	return len(resultFiles(t))
}

// TestInventoryCountsTestFilesOnce: with tests checked, a package and
// its test variant are both analyzed, and the inventory takes the
// variant's counts, which include the package's own files.
func TestInventoryCountsTestFilesOnce(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, map[string]string{".tenantlint.yaml": strings.Replace(e2eConfig, "tests: true", "tests: false", 1)})
	r := lint(t, dir, "--inventory")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	// service.go's six calls and service_test.go's raw one (manual: no ctx).
	want := regexp.MustCompile(`(?m)^example\.com/e2e/internal/service  7      2       2            2           1$`)
	if !want.MatchString(r.stdout) {
		t.Errorf("service's counts are not 7 calls, each counted once:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "Cache calls: 11 (scoped 3, raw fixable 3, raw manual 4, suppressed 1)") {
		t.Errorf("totals:\n%s", r.stdout)
	}
}

func TestInventoryErrors(t *testing.T) {
	t.Parallel()
	dir := writeModule(t, nil)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--inventory", "--format", "sarif"}, `^tenantlint: unknown --format "sarif" for --inventory \(known: text, json, html\)$`},
		{[]string{"--inventory", "--checks", "tenantrepo"}, `^tenantlint: --inventory covers every check; drop --checks$`},
		{[]string{"--inventory", "./nowhere/..."}, `nowhere`},
		{[]string{"--inventory", "--baseline", "b.json"}, `^tenantlint: --inventory lists every type and call; drop --baseline`},
		{[]string{"--inventory", "--new-from-rev", "HEAD"}, `^tenantlint: --inventory lists every type and call; drop --baseline`},
		{[]string{"--inventory", "--files", "a.go"}, `^tenantlint: --inventory lists every type and call; drop --baseline`},
	} {
		r := lint(t, dir, tc.args...)
		if r.code != 2 || r.stdout != "" {
			t.Errorf("%v: exit %d, stdout %q", tc.args, r.code, r.stdout)
		}
		if ls := lines(r.stderr); len(ls) != 1 || !regexp.MustCompile(tc.want).MatchString(ls[0]) {
			t.Errorf("%v: stderr\n%s\nwant one line matching %s", tc.args, r.stderr, tc.want)
		}
	}
	bad := writeModule(t, map[string]string{".tenantlint.yaml": strings.Replace(e2eConfig, "gomemcache]", "memcached]", 1)})
	r := lint(t, bad, "--inventory", "--format", "json")
	if r.code != 2 || r.stdout != "" || !regexp.MustCompile(`\.tenantlint\.yaml:14:23: cache\.presets: unknown preset "memcached"`).MatchString(r.stderr) {
		t.Errorf("bad config: exit %d, stdout %q, stderr %s", r.code, r.stdout, r.stderr)
	}
}
