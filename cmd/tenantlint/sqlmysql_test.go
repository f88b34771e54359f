package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// sqlMySQLFiles (testdata/sqlmysql.txtar) is a module whose queries are
// MySQL.
var sqlMySQLFiles = testfs.MustReadTxtar("testdata/sqlmysql.txtar")

// TestTenantSQLMySQL: standalone and go vet -vettool parse a package's
// queries as MySQL when it imports MySQL's driver, or else when go.mod
// requires it; sql.dialect overrides both. The same findings in both
// modes (so the vettool, which links vitess's parser, starts: its glog
// flags do not clash with unitchecker's).
func TestTenantSQLMySQL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, src := range sqlMySQLFiles {
		testfs.WriteFile(t, filepath.Join(dir, name), src)
	}
	want := []string{
		"reports/reports.go:13:2: SELECT from invoices has no predicate on invoices.tenant_id (manual fix: add invoices.tenant_id = ? to its WHERE) (tenantsql)",
		"store/store.go:28:2: SELECT from lines has no predicate on lines.tenant_id (manual fix: add l.tenant_id = ? to its WHERE) (tenantsql)",
		"store/store.go:33:2: INSERT into invoices does not set invoices.tenant_id (manual fix: insert the column tenant_id with the tenant) (tenantsql)",
		"store/store.go:38:2: tenantID is in scope but DELETE using invoices does not filter by it (manual fix: add i.tenant_id = ? to its WHERE, bound to tenantID) (tenantsql)",
		"store/store.go:38:2: tenantID is in scope but DELETE using lines does not filter by it (manual fix: add l.tenant_id = ? to its WHERE, bound to tenantID) (tenantsql)",
	}
	r := lint(t, dir, "./...")
	if r.code != 1 || r.stderr != "" {
		t.Errorf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	diffLines(t, "standalone", lines(r.stdout), want)
	diffLines(t, "go vet -vettool", vet(t, dir), stripChecks(want))

	// sql.dialect: postgres wins over the driver and go.mod: MySQL's
	// backticks do not parse, the queries are unchecked, never findings.
	cfg := filepath.Join(dir, ".tenantlint.yaml")
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	testfs.WriteFile(t, cfg, string(data)+"sql:\n  dialect: postgres\n")
	r = lint(t, dir, "./...")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("sql.dialect: postgres: exit %d, want 0 and no finding; stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	diffLines(t, "go vet -vettool, sql.dialect: postgres", vet(t, dir), nil)

	testfs.WriteFile(t, cfg, string(data)+"sql:\n  dialect: oracle\n")
	r = lint(t, dir, "./...")
	if r.code != 2 || r.stdout != "" || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || !strings.Contains(r.stderr, `.tenantlint.yaml:10:12: sql.dialect must be "postgres" or "mysql", not "oracle"`) {
		t.Errorf("an unknown dialect: exit %d, want 2 and one line; stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}
