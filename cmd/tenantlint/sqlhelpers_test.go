package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// sqlHelperFiles (testdata/sqlhelpers.txtar) is a module whose builder
// chains start at helpers returning a builder.
var sqlHelperFiles = testfs.MustReadTxtar("testdata/sqlhelpers.txtar")

// TestTenantSQLHelpers: standalone and go vet -vettool follow a chain
// into the helper of another package that starts it (the ChainFact
// crosses the vet processes) and into a parameter-taking helper of the
// package: the same finding, and the constrained chain counted so.
func TestTenantSQLHelpers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, src := range sqlHelperFiles {
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	want := []string{"store/store.go:30:2: SELECT from billing_invoices has no predicate on billing_invoices.tenant_id (manual fix: add .Where(\"billing_invoices.tenant_id = ?\", the tenant)) (tenantsql)"}

	r := lint(t, dir, "./...")
	if r.code != 1 || r.stderr != "" {
		t.Errorf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	diffLines(t, "standalone", lines(r.stdout), want)
	diffLines(t, "go vet -vettool", vet(t, dir), stripChecks(want))

	r = runCmd(t, dir, tenantfix(t), "--verify", "./...")
	stats := "sql queries: 1/2 constrained, 1 unconstrained, 0 suppressed, 0 unchecked (of which builder chains: 1/2 constrained, 1 unconstrained, 0 unchecked)"
	if !strings.Contains(r.stdout+r.stderr, stats) {
		t.Errorf("tenantfix --verify: exit %d, no %q in\n%s%s", r.code, stats, r.stdout, r.stderr)
	}
}
