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
