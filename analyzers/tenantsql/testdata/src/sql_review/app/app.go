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

// Payment's table is named by a TableName method that takes a context,
// as gorm and bun allow.
type Payment struct {
	ID       int64
	TenantID string
}

func (Payment) TableName(ctx context.Context) string { return "billing_payments" }

// A pointer receiver counts too.
type Refund struct{ TenantID string }

func (*Refund) TableName(context.Context) string { return "refund_log" }

// A TableName of another signature is not the table's name.
type Credit struct{ TenantID string }

func (Credit) TableName(n int) string { return "credit_log" }

// A tenant column compared with something no caller chose is no
// predicate: a function of nothing, a constant, another column.
func notTenantValues(ctx context.Context, db *sql.DB, id int64) {
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id = now()`)         // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \$1 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id = 'acme'`)        // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \$1 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id = owner_id`)      // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \$1 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id IN ($1, 'acme')`) // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \$2 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id IN ($1, $2)`)     // every item a parameter
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id = lower($1)`)     // a function of a parameter
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id = current_setting('app.tenant')::uuid`)
}

// TableName(ctx)'s constant is the table; the plural is not.
func tableNameWithContext(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, `SELECT * FROM billing_payments WHERE id = $1`) // want `^SELECT from billing_payments has no predicate on billing_payments.tenant_id \(manual fix: add billing_payments\.tenant_id = \$2 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM billing_payments WHERE tenant_id = $1`)
	db.QueryContext(ctx, `SELECT * FROM payments WHERE id = $1`)
	db.QueryContext(ctx, `DELETE FROM refund_log WHERE id = $1`) // want `^DELETE from refund_log has no predicate on refund_log.tenant_id \(manual fix: add refund_log\.tenant_id = \$2 to its WHERE\)$`
	db.QueryContext(ctx, `DELETE FROM credit_log WHERE id = $1`)
	db.QueryContext(ctx, `DELETE FROM credits WHERE id = $1`) // want `^DELETE from credits has no predicate on credits.tenant_id \(manual fix: add credits\.tenant_id = \$2 to its WHERE\)$`
}

// SQL directives follow //tenantlint:ignore's rules (internal/directive):
// known check names, several of them, a reason.
func sqlDirectives(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, `SELECT * FROM invoices -- tenantlint:ignore tenantsq typo`) // want `^in the query: unknown check "tenantsq" in -- tenantlint:ignore \(known checks: tenantrepo, tenantcache, tenantctx, tenantsql\)$` `^SELECT from invoices has no predicate`
	db.QueryContext(ctx, `SELECT * FROM invoices -- tenantlint:ignore tenantctx,tenantsql metrics of every tenant`)
	db.QueryContext(ctx, `SELECT * FROM invoices /* tenantlint:ignore */`)                     // want `^in the query: malformed directive: write -- tenantlint:ignore <check>\[,<check>\] <reason>$` `^SELECT from invoices has no predicate`
	db.QueryContext(ctx, `SELECT * FROM invoices -- tenantlint:ignore tenantsql, tenantctx x`) // want `^in the query: empty check name` `^SELECT from invoices has no predicate`
	db.QueryContext(ctx, `SELECT * FROM invoices -- tenantlint:ignoreall tenantsql x`)         // want `^SELECT from invoices has no predicate`
}
