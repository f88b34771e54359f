// Package app imports no driver; its configuration's sql.dialect says
// its queries are MySQL.
package app

import (
	"context"
	"database/sql"
)

type Invoice struct {
	ID       int64
	TenantID string
}

func q(ctx context.Context, db *sql.DB, t string, id int64) {
	db.QueryContext(ctx, "SELECT * FROM `invoices` WHERE `id` = ?", id) // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \? to its WHERE\)$`
	db.QueryContext(ctx, "SELECT * FROM `invoices` WHERE `tenant_id` = ? AND `id` = ?", t, id)
	db.ExecContext(ctx, "INSERT INTO `invoices` (`id`) VALUES (?) ON DUPLICATE KEY UPDATE `id` = `id`", id) // want `^INSERT into invoices does not set invoices.tenant_id \(manual fix: insert the column tenant_id with the tenant\)$`
}
