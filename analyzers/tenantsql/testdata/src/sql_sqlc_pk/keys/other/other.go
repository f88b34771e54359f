// Package other runs SQL of its own on the tables of the sqlc package it
// imports: their keys, like their tables, come with the package (its
// KeysFact).
package other

import (
	"context"
	"database/sql"

	"sql_sqlc_pk/keys/db"
)

func Refunds(ctx context.Context, db *sql.DB, tenantID string) {
	db.QueryContext(ctx, `SELECT r.id FROM payments p JOIN refunds r ON r.payment_no = p.payment_no WHERE p.tenant_id = $1`, tenantID)
	db.QueryContext(ctx, `SELECT r.id FROM lines l JOIN refunds r ON r.line_id = l.id WHERE l.tenant_id = $1`, tenantID) // want `^tenantID is in scope but SELECT from refunds does not filter by it \(manual fix: add r\.tenant_id = \$2 to its WHERE, bound to tenantID\)$`
}

// Only the query with a finding under the schema's keys runs one
// (QueryFact).
func RefundsOf(ctx context.Context, q *db.Queries, tenantID string) {
	q.ListRefundsOfPayment(ctx, tenantID)
	q.ListRefundsOfLine(ctx, tenantID) // want `^tenantID is in scope but db.Queries.ListRefundsOfLine runs SELECT from refunds, which does not filter by it \(sqlc query ListRefundsOfLine, queries.sql:4\)$`
}
