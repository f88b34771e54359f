package models

import "repo_tests_on/tenant"

// Models in test files are reported when tests are checked.
type Fixture struct { // want `^Fixture is tenant-scoped`
	TenantID string
}

// Covered in the same test file.
type CoveredFixture struct {
	TenantID string
}

var (
	UserRepo    tenant.Repository[User]
	CoveredRepo tenant.Repository[CoveredFixture]
)

// Directives in checked test files are judged.
//
//tenantlint:ignore tenantrepo nothing to suppress // want `^unused //tenantlint:ignore directive: no tenantrepo finding on this line or the next$`
type plain struct{}
