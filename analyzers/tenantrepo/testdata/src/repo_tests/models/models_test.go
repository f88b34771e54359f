package models

import "repo_tests/tenant"

// Models in skipped test files are not reported.
type Fixture struct {
	TenantID string
}

var UserRepo tenant.Repository[User]

// Directives in skipped test files are not judged.
//
//tenantlint:ignore tenantrepo nothing to suppress
type plain struct{}

//tenantlint:ignore
type bad struct{}
