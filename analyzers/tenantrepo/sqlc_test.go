package tenantrepo_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantlint/tenantlint/internal/registry"
)

// runChecks runs tenantrepo as the drivers build it with checks, on the
// case pattern, against its // want comments.
func runChecks(t *testing.T, pattern string, checks ...string) []*analysistest.Result {
	t.Helper()
	t.Parallel()
	analyzers, err := registry.Analyzers(registry.NewSourceEnv(), checks)
	if err != nil {
		t.Fatal(err)
	}
	results := analysistest.Run(t, testdata(t), analyzers[0], pattern)
	checkPositions(t, results)
	return results
}

// TestSQLCLeftToTenantSQL: when tenantsql runs, the models sqlc
// generated for tables (models.go) are tenantsql's: their queries are
// what reads and writes their rows, and tenantsql reports each one that
// does not filter. tenantrepo neither covers them by *Queries' methods
// (which cover every struct they return, filtered or not) nor reports
// them (a second finding for one problem: Job's DELETE). A query's Row
// struct and a hand-written model follow tenantrepo's rule as before.
func TestSQLCLeftToTenantSQL(t *testing.T) {
	results := runChecks(t, "repo_sqlc/...", "tenantrepo", "tenantsql")
	checkRecords(t, records(t, results, "repo_sqlc/db"), map[string]string{
		"Invoice":        "models.go:8:6 has field TenantID left to tenantsql: table invoices",
		"Worker":         "models.go:15:6 has field TenantID left to tenantsql: table workers",
		"Job":            "models.go:21:6 has field TenantID left to tenantsql: table jobs",
		"ListWorkersRow": "queries.sql.go:27:6 has field TenantID covered by db.Queries in repo_sqlc/db at db.go:17:6",
		"Note":           "notes.go:5:6 has field TenantID missing",
	})
}

// TestSQLCWithoutTenantSQL: without tenantsql nothing changes: *Queries,
// which has a method taking tenantID, covers the models its methods
// return, and Job, which none returns, is reported.
func TestSQLCWithoutTenantSQL(t *testing.T) {
	results := runChecks(t, "repo_sqlc_off/...", "tenantrepo")
	checkRecords(t, records(t, results, "repo_sqlc_off/db"), map[string]string{
		"Invoice": "models.go:8:6 has field TenantID covered by db.Queries in repo_sqlc_off/db at db.go:17:6",
		"Worker":  "models.go:15:6 has field TenantID covered by db.Queries in repo_sqlc_off/db at db.go:17:6",
		"Job":     "models.go:21:6 has field TenantID missing",
		"Note":    "notes.go:5:6 has field TenantID missing",
	})
}
