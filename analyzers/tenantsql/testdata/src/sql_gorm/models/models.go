// Package models declares gorm models; Invoice's table comes from its
// TableName method, which the packages importing it know through a fact.
package models

type Invoice struct { // want Invoice:`table\(billing_invoices\)`
	ID       int64
	TenantID string `gorm:"column:tenant_id"`
	Total    int64
}

func (Invoice) TableName() string { return "billing_invoices" }

type Line struct {
	ID        int64
	InvoiceID int64
	TenantID  string
}
