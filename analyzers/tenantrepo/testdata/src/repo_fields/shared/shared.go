package shared

import "repo_fields/tenant"

// Stamp has the field; it is covered, so only its embedders show.
type Stamp struct {
	TenantID string
	At       int64
}

var StampRepo tenant.Repository[Stamp]
