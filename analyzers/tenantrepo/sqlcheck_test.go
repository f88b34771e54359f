package tenantrepo

import (
	"testing"

	"github.com/tenantlint/tenantlint/analyzers/tenantsql"
)

// tenantrepo names tenantsql without importing it.
func TestSQLCheckName(t *testing.T) {
	if sqlCheck != tenantsql.Name {
		t.Errorf("sqlCheck is %q, tenantsql's name %q", sqlCheck, tenantsql.Name)
	}
}

// tenantfix --verify counts sqlc's models left to tenantsql apart, as
// it does the unreferenced ones, and only when there are some.
func TestSummaryLeftToSQL(t *testing.T) {
	s := &Stats{Models: 6, Covered: 2, Global: 1, SuppressedModels: 1, LeftToSQL: 2}
	if got, want := s.Summary(), "tenant-scoped models: 2/3 covered (1 global, 1 suppressed, 2 sqlc models left to tenantsql)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	s.LeftToSQL, s.Models = 0, 4
	if got, want := s.Summary(), "tenant-scoped models: 2/3 covered (1 global, 1 suppressed)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
