// Package models declares pop models.
package models

type Invoice struct {
	ID       int64  `db:"id"`
	TenantID string `db:"tenant_id"`
}

type Line struct {
	ID        int64  `db:"id"`
	InvoiceID int64  `db:"invoice_id"`
	TenantID  string `db:"tenant_id"`
}
