// Package app holds the regression cases of increment 1's review.
package app

import (
	"context"
	"database/sql"
)

type Invoice struct {
	ID       int64
	TenantID string
}

// A tenant column compared with something no caller chose is no
// predicate: a function of nothing, a constant, another column.
func notTenantValues(ctx context.Context, db *sql.DB, id int64) {
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id = now()`)         // want `^SELECT from invoices has no predicate on invoices.tenant_id$`
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id = 'acme'`)        // want `^SELECT from invoices has no predicate on invoices.tenant_id$`
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id = owner_id`)      // want `^SELECT from invoices has no predicate on invoices.tenant_id$`
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id IN ($1, 'acme')`) // want `^SELECT from invoices has no predicate on invoices.tenant_id$`
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id IN ($1, $2)`)     // every item a parameter
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id = lower($1)`)     // a function of a parameter
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id = current_setting('app.tenant')::uuid`)
}
