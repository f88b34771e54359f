// Package store runs a generated query through database/sql directly: it
// is judged once, at its constant, not again at the call.
package store

import (
	"context"
	"database/sql"
)

const getInvoice = // want `^SELECT from invoices has no predicate on invoices.tenant_id \(sqlc query GetInvoice, queries/invoices.sql:1\) \(manual fix: add invoices\.tenant_id = \$2 to its WHERE\)$`
`-- name: GetInvoice :one
SELECT id, tenant_id, total FROM invoices WHERE id = $1
`

type Invoice struct{ TenantID string }

func get(ctx context.Context, db *sql.DB) {
	db.QueryRowContext(ctx, getInvoice, 1)
	db.QueryRowContext(ctx, `SELECT * FROM invoices`) // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \$1 to its WHERE\)$`
}
