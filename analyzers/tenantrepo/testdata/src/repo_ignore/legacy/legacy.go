// Package legacy matches repo_ignore/legacy/... itself.
package legacy

import (
	"repo_ignore/app"
	"repo_ignore/tenant"
)

type Old struct {
	TenantID string
}

var Covered tenant.Repository[app.Covered]

// Directives in ignored packages are not judged either.
//
//tenantlint:ignore tenantrepo nothing to suppress here
type Plain struct{}

//tenantlint:ignore
type Bad struct{}
