package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// sqlBuilderFiles (testdata/sqlbuilders.txtar) is a module with
// tenantsql findings in gorm builder chains.
var sqlBuilderFiles = testfs.MustReadTxtar("testdata/sqlbuilders.txtar")

// wantSQLBuilders is the standalone output on sqlBuilderFiles.
var wantSQLBuilders = []string{
	"store/store.go:19:2: SELECT from billing_invoices has no predicate on billing_invoices.tenant_id (manual fix: add .Where(\"billing_invoices.tenant_id = ?\", the tenant)) (tenantsql)",
	"store/store.go:24:2: tenantID is in scope but DELETE from billing_invoices does not filter by it (manual fix: add .Where(\"billing_invoices.tenant_id = ?\", tenantID)) (tenantsql)",
	"store/store.go:38:2: tenantID is in scope but SELECT from billing_invoices does not filter by it: its predicate is added on one branch only (tenantsql)",
}

// TestTenantSQLBuilders: standalone and go vet -vettool report the same
// findings on builder chains, the model's TableName reaching the queries
// of another package through tenantsqlmodels' facts in both; the chains'
// statistics reach tenantfix --verify.
func TestTenantSQLBuilders(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, src := range sqlBuilderFiles {
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}

	r := lint(t, dir, "./...")
	if r.code != 1 || r.stderr != "" {
		t.Errorf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	diffLines(t, "standalone", lines(r.stdout), wantSQLBuilders)
	diffLines(t, "go vet -vettool", vet(t, dir), stripChecks(wantSQLBuilders))

	r = runCmd(t, dir, tenantfix(t), "--verify", "./...")
	want := "sql queries: 1/5 constrained, 3 unconstrained, 0 suppressed, 1 unchecked (of which builder chains: 1/5 constrained, 3 unconstrained, 1 unchecked)"
	if !strings.Contains(r.stdout+r.stderr, want) {
		t.Errorf("tenantfix --verify: exit %d, no %q in\n%s%s", r.code, want, r.stdout, r.stderr)
	}
}
