// Package models declares the tenant tables invoices and lines.
package models

type Invoice struct {
	ID       int64
	TenantID string `db:"tenant_id"`
}

type Line struct {
	InvoiceID int64
	TenantID  string `db:"tenant_id"`
}
