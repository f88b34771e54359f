// Package models is imported by the tenant package.
package models

// Audit is tenant-scoped; its repository would import tenant, which
// imports this package.
type Audit struct {
	TenantID string
}
