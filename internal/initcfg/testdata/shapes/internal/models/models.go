// Package models holds the data model.
package models

import (
	"example.com/shapes/internal/audit"
	"example.com/shapes/internal/tenant"
)

// User is tenant-scoped through tenant.Model.
type User struct {
	tenant.Model
	audit.Stamp
	Name string
}

// Invoice is tenant-scoped through tenant.Model.
type Invoice struct {
	*tenant.Model
	Total int
}

// Project is tenant-scoped through tenant.Model and has no repository.
type Project struct {
	tenant.Model
	Title string
}

// Order declares its TenantID itself.
type Order struct {
	audit.Stamp
	ID       string
	TenantID string `db:"tenant_id" json:"tenantId"`
}

// Country is shared by every tenant.
type Country struct {
	audit.Stamp
	Code string
}
