// Package app runs unconstrained queries with and without a tenant
// value in scope, with sql.report: in-scope: only the first are
// reported.
package app

import (
	"database/sql"

	sq "github.com/Masterminds/squirrel"
)

type Invoice struct{ TenantID string }

func withTenant(db *sql.DB, tenantID string, id int64) {
	db.Query(`SELECT * FROM invoices WHERE id = $1`, id) // want `^tenantID is in scope but SELECT from invoices does not filter by it \(manual fix: add invoices\.tenant_id = \$2 to its WHERE, bound to tenantID\)$`
	db.Query(`SELECT * FROM invoices WHERE tenant_id = $1 AND id = $2`, tenantID, id)
	sq.Select("*").From("invoices").Where("id = ?", id).ToSql() // want `^tenantID is in scope but SELECT from invoices does not filter by it \(manual fix: add \.Where\("invoices\.tenant_id = \?", tenantID\)\)$`
}

// No tenant in scope: unconstrained, not reported.
func poll(db *sql.DB) {
	db.Query(`SELECT * FROM invoices WHERE paid = false`)
	db.Exec(`INSERT INTO invoices (id, total) VALUES ($1, $2)`, 1, 2)
	sq.Select("*").From("invoices").ToSql()
	// A directive on a finding left out is used, not reported as unused.
	//tenantlint:ignore tenantsql the scheduler polls every tenant's invoices
	db.Query(`SELECT * FROM invoices`)
}
