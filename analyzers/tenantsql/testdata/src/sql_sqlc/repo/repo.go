// Package repo wraps the generated queries: a method that has the tenant
// and calls a generated method whose query does not use it is reported
// at the call, through the facts of package db.
package repo

import (
	"context"

	"sql_sqlc/db"
)

type Repo struct{ q *db.Queries }

func (r *Repo) Get(ctx context.Context, tenantID string, id int64) {
	r.q.GetInvoice(ctx, id) // want `^tenantID is in scope but db.Queries.GetInvoice runs SELECT from invoices, which does not filter by it \(sqlc query GetInvoice, queries/invoices.sql:1\)$`
	r.q.GetTenantInvoice(ctx, db.GetTenantInvoiceParams{ID: id, TenantID: tenantID})
	r.q.PollUnpaid(ctx) // suppressed in the .sql file: global by intent
	r.q.CountUsers(ctx) // no tenant table
}

func (r *Repo) Delete(ctx context.Context, tenantID string, id int64) error {
	return r.q.DeleteInvoice(ctx, id) // want `^tenantID is in scope but db.Queries.DeleteInvoice runs DELETE from invoices, which does not filter by it \(sqlc query DeleteInvoice, queries/invoices.sql:15\)$`
}

// No tenant in scope: the query is reported at its constant, not here.
func (r *Repo) GetAny(ctx context.Context, id int64) {
	r.q.GetInvoice(ctx, id)
}
