package v2

import (
	"repo_exclude/models"
	"repo_exclude/tenant"
)

type User struct {
	TenantID string
}

// A repository in an excluded package still covers.
var Covered tenant.Repository[models.Covered]
