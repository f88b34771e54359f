// Package repo queries the tables of package models, known here
// through its fact, and those of sql.tables.
package repo

import (
	"context"
	"database/sql"

	_ "sql_tables/models"
)

func tables(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, `SELECT * FROM billing_invoices WHERE id = $1`) // want `^SELECT from billing_invoices has no predicate on billing_invoices.tid \(manual fix: add billing_invoices\.tid = \$2 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM billing_invoices WHERE tid = $1`)
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE id = $1`)  // TableName wins over the plural
	db.QueryContext(ctx, `SELECT * FROM staff w WHERE w.id = $1`) // want `^SELECT from staff has no predicate on staff.org \(manual fix: add w\.org = \$2 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM staff w WHERE w.org = $1`)
	db.QueryContext(ctx, `SELECT * FROM jobs WHERE id = $1`)      // want `^SELECT from jobs has no predicate on jobs.network_id \(manual fix: add jobs\.network_id = \$2 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM notes WHERE tenant = $1`) // want `^SELECT from notes has no predicate on notes.tenant_id \(manual fix: add notes\.tenant_id = \$2 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM audits WHERE id = $1`)    // want `^SELECT from audits has no predicate on audits.account_id \(manual fix: add audits\.account_id = \$2 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM legacy_rows WHERE id = $1`)
	db.QueryContext(ctx, `SELECT * FROM reports WHERE org_id = $1`)  // want `^SELECT from reports has no predicate on reports.owner_org \(manual fix: add reports\.owner_org = \$2 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM audit_events WHERE id = $1`) // want `^SELECT from audit_events has no predicate on audit_events.account_id \(manual fix: add audit_events\.account_id = \$2 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM plans WHERE id = $1`)        // a global model: not a tenant table
}
