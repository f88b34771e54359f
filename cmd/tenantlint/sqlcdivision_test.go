package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/tenantlint/tenantlint/internal/testfs"
)

// sqlcDivisionFiles (testdata/sqlcdivision.txtar) is a sqlc package
// whose *Queries covers every generated model by repository.methods.
var sqlcDivisionFiles = testfs.MustReadTxtar("testdata/sqlcdivision.txtar")

// TestSQLCDivision: tenantrepo and tenantsql divide the work on a sqlc
// project so that each real problem is one finding, never zero. With
// both checks (standalone and go vet alike) the generated models are
// tenantsql's: each query that does not filter is reported at its
// constant, and tenantrepo says nothing about the models (Job's DELETE is
// not reported twice, Worker is not covered by *Queries' tenantID
// method); the hand-written Note is still tenantrepo's. Without
// tenantsql, tenantrepo judges them as before. The inventory counts a
// generated model covered when every query on its table is constrained.
func TestSQLCDivision(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	testfs.Write(t, dir, sqlcDivisionFiles)

	want := []string{
		"db/notes.go:5:6: Note is tenant-scoped (has field TenantID) but has no tenant-aware repository; declare a package-level repository for it, or take or return it in the methods of a type with a method that has a parameter tenantID (tenantrepo)",
		"db/queries.sql.go:21:7: SELECT from workers has no predicate on workers.tenant_id (sqlc query ListWorkers) (manual fix: add workers.tenant_id = $1 to its WHERE) (tenantsql)",
		"db/queries.sql.go:37:7: DELETE from jobs has no predicate on jobs.tenant_id (sqlc query DeleteJob) (manual fix: add jobs.tenant_id = $2 to its WHERE) (tenantsql)",
	}
	r := lint(t, dir, "./...")
	if r.code != 1 || r.stderr != "" {
		t.Errorf("exit %d, want 1; stderr:\n%s", r.code, r.stderr)
	}
	diffLines(t, "standalone", lines(r.stdout), want)
	diffLines(t, "go vet -vettool", vet(t, dir), stripChecks(want))

	r = lint(t, dir, "--checks", "tenantrepo", "./...")
	diffLines(t, "--checks tenantrepo", lines(r.stdout), []string{
		"db/models.go:21:6: Job is tenant-scoped (has field TenantID) but has no tenant-aware repository; declare a package-level repository for it, or take or return it in the methods of a type with a method that has a parameter tenantID (tenantrepo)",
		want[0],
	})

	// The rows with their columns' padding collapsed to one space.
	r = lint(t, dir, "--inventory")
	var rows []string
	for _, l := range lines(r.stdout) {
		rows = append(rows, strings.Join(strings.Fields(l), " "))
	}
	for _, row := range []string{
		"Tenant-scoped types: 5 (covered 2, MISSING 1, suppressed 0, global 0, left to tenantsql 2)",
		"example.com/sqlcdiv/db Invoice db/models.go:8:6 has field TenantID tenantsql: every query on invoices is constrained (1)",
		"example.com/sqlcdiv/db Job db/models.go:21:6 has field TenantID tenantsql: of 1 queries on jobs, 0 constrained, 1 UNCONSTRAINED, 0 suppressed, 0 unchecked",
		"example.com/sqlcdiv/db ListWorkersRow db/queries.sql.go:27:6 has field TenantID db.Queries at db/db.go:17:6",
		"example.com/sqlcdiv/db Worker db/models.go:15:6 has field TenantID tenantsql: of 1 queries on workers, 0 constrained, 1 UNCONSTRAINED, 0 suppressed, 0 unchecked",
	} {
		if !slices.Contains(rows, row) {
			t.Errorf("inventory lacks %q:\n%s", row, r.stdout)
		}
	}
}
