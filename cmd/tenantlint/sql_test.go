package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// sqlFiles (testdata/sql.txtar) is a module with tenantsql findings.
var sqlFiles = testfs.MustReadTxtar("testdata/sql.txtar")

// wantSQL is the standalone output on sqlFiles.
var wantSQL = []string{
	"store/store.go:23:2: SELECT from invoices has no predicate on invoices.tenant_id (manual fix: add invoices.tenant_id = $2 to its WHERE) (tenantsql)",
	"store/store.go:28:2: tenantID is in scope but DELETE from lines does not filter by it (manual fix: add lines.tenant_id = $2 to its WHERE, bound to tenantID) (tenantsql)",
	"store/store.go:41:2: INSERT into invoices does not set invoices.tenant_id (manual fix: insert the column tenant_id with the tenant) (tenantsql)",
}

// TestTenantSQL: standalone and go vet -vettool report the same
// tenantsql findings, the tables of the models reaching the queries of
// another package through facts in both; --checks leaves it out; the
// statistics reach tenantfix --verify.
func TestTenantSQL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, src := range sqlFiles {
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}

	r := lint(t, dir, "./...")
	if r.code != 1 || r.stderr != "" {
		t.Errorf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	diffLines(t, "standalone", lines(r.stdout), wantSQL)
	diffLines(t, "go vet -vettool", vet(t, dir), stripChecks(wantSQL))

	r = lint(t, dir, "--checks", "tenantrepo,tenantcache,tenantctx", "./...")
	if r.code != 0 || r.stdout != "" {
		t.Errorf("--checks without tenantsql: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	r = runCmd(t, dir, tenantfix(t), "--verify", "./...")
	if want := "sql queries: 1/8 constrained, 3 unconstrained, 2 suppressed, 2 unchecked"; !strings.Contains(r.stdout+r.stderr, want) {
		t.Errorf("tenantfix --verify: exit %d, no %q in\n%s%s", r.code, want, r.stdout, r.stderr)
	}
}
