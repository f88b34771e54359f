// Package app runs queries that sql.global marks as global on purpose.
package app

import (
	"database/sql"

	sq "github.com/Masterminds/squirrel"
)

type Invoice struct{ TenantID string }

const pollJobs = `SELECT * FROM invoices WHERE paid = false`

// countInvoices is constrained: the entry naming it is unused.
const countInvoices = `SELECT count(*) FROM invoices WHERE tenant_id = $1`

// listAllInvoices is a sqlc query, named ListAllInvoices.
const listAllInvoices = `-- name: ListAllInvoices :many
SELECT * FROM invoices
`

func poll(db *sql.DB) {
	db.Query(pollJobs)
	db.Query(`SELECT * FROM invoices WHERE paid = false`) // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices.tenant_id = \$1 to its WHERE\)$`
	db.Query(countInvoices, "t")
	q := pollJobs                           // only a constant named directly is matched by its name
	db.Query(q)                             // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices.tenant_id = \$1 to its WHERE\)$`
	sq.Select("*").From("invoices").ToSql() // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add \.Where\("invoices\.tenant_id = \?", the tenant\)\)$`
}

// ListAllInvoices runs the sqlc query, as sqlc's method would.
func ListAllInvoices(db *sql.DB) {
	db.Query(listAllInvoices)
}

// handler has the tenant in scope: a call of a function that runs a
// global query is not reported either.
func handler(db *sql.DB, tenantID string) {
	ListAllInvoices(db)
}
