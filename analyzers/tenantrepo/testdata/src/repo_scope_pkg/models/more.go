package models

import "repo_scope_pkg/tenant"

// Covered from another file of its package.
type Line struct {
	tenant.Model
}

var Lines tenant.Repository[Line]
