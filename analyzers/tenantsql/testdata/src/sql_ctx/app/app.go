// Package app runs queries where the configuration says the tenant
// travels in contexts (ctx.sinks): a context that may carry it in scope
// is a tenant value in scope.
package app

import (
	"context"
	"database/sql"
	"net/http"
)

type Invoice struct{ TenantID string }

// Audit reads the tenant from ctx.
func Audit(ctx context.Context) {}

func byContext(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, `SELECT * FROM invoices`) // want `^the tenant in ctx is in scope but SELECT from invoices does not filter by it \(manual fix: add invoices\.tenant_id = \$1 to its WHERE, bound to the tenant in ctx\)$`
}

func byRequest(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	db.Query(`SELECT * FROM invoices`) // want `^the tenant in r.Context\(\) is in scope but SELECT from invoices does not filter by it \(manual fix: add invoices\.tenant_id = \$1 to its WHERE, bound to the tenant in r\.Context\(\)\)$`
}

func noContext(db *sql.DB) {
	ctx := context.Background()
	db.QueryContext(ctx, `SELECT * FROM invoices`) // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \$1 to its WHERE\)$`
}
