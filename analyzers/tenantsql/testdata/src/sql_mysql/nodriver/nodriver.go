// Package nodriver imports no driver and its configuration sets no
// dialect: its queries are PostgreSQL, so MySQL's backticks do not
// parse and the query is unchecked, never a finding.
package nodriver

import (
	"context"
	"database/sql"
)

type Invoice struct {
	ID       int64
	TenantID string
}

func q(ctx context.Context, db *sql.DB, id int64) {
	db.QueryContext(ctx, "SELECT * FROM `invoices` WHERE `id` = ?", id)
	db.QueryContext(ctx, "SELECT * FROM invoices WHERE id = ?", id) // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \? to its WHERE\)$`
}
