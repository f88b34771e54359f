package models // want package:`tables\(audits.account_id, billing_invoices.tid, jobs.network_id, legacy_rows.tenant_id, notes.tenant_id, reports.org_id, staff.org\)}$`

// This package declares a model of every kind of table and column
// name; its fact (reported at the file's start) lists them.

import (
	"github.com/uptrace/bun"

	"sql_tables/tenant"
)

// TableName's constant names the table; the db tag the column.
type Invoice struct { // the table is "billing_invoices"
	ID       int64
	TenantID string `db:"tid" json:"tenant"`
}

func (Invoice) TableName() string { return "billing_invoices" }

// bun's table: tag and column.
type Worker struct {
	bun.BaseModel `bun:"table:staff,alias:w"`
	OrgID         string `bun:"org,notnull"`
}

// gorm's column:.
type Job struct {
	NID string `gorm:"type:uuid;column:network_id"`
}

// The json tag names no column: the field's snake_case name.
type Note struct {
	TenantID string `json:"tenant"`
}

// A marker: sql.tenant_column.
type Audit struct {
	tenant.Model
}

// Excluded by sql.exclude_tables.
type LegacyRow struct{ TenantID string }

// Overridden by sql.tables.
type Report struct{ OrgID string }

//tenantlint:global
type Plan struct{ TenantID string }
