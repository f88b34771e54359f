// Package app joins tenant tables by keys, with sql.propagate: keys: a
// reference joined by a key column to a constrained one is constrained,
// whichever side the key is on.
package app

import (
	"database/sql"

	sq "github.com/Masterminds/squirrel"
)

type Invoice struct{ TenantID string }
type Line struct{ TenantID string }
type Account struct{ TenantID string }

// A line of a constrained invoice: l.invoice_id = i.id, the key on the
// constrained side.
func linesOfInvoice(db *sql.DB) {
	db.Query(`SELECT l.* FROM lines l JOIN invoices i ON l.invoice_id = i.id WHERE i.tenant_id = $1 AND i.id = $2`)
}

// The invoice of a constrained line: i.id = l.invoice_id, the key on the
// side it constrains.
func invoiceOfLine(db *sql.DB) {
	db.Query(`SELECT i.* FROM invoices i JOIN lines l ON i.id = l.invoice_id WHERE l.tenant_id = $1 AND l.id = $2`)
}

// Key joins chain: accounts are constrained through the invoice, by
// their own key (sql.keys: number).
func chain(db *sql.DB) {
	db.Query(`SELECT * FROM lines l JOIN invoices i ON i.id = l.invoice_id JOIN accounts a ON a.number = i.account WHERE l.tenant_id = $1`)
}

// A key semi-join: the rows whose key is among those a constrained
// subquery selects.
func semiJoin(db *sql.DB) {
	db.Exec(`UPDATE invoices SET paid = true WHERE id IN (SELECT id FROM invoices WHERE tenant_id = $1 AND total = 0)`)
	db.Exec(`DELETE FROM lines WHERE invoice_id = ANY (SELECT id FROM invoices WHERE tenant_id = $1)`)
	db.Exec(`DELETE FROM lines WHERE owner IN (SELECT owner FROM invoices WHERE tenant_id = $1)`) // want `^DELETE from lines has no predicate on lines.tenant_id \(manual fix: add lines\.tenant_id = \$2 to its WHERE\)$`
}

// A CTE that selects keys of constrained rows, joined by key.
func cte(db *sql.DB) {
	db.Exec(`WITH found AS (SELECT id FROM invoices WHERE tenant_id = $1 LIMIT 100) UPDATE invoices SET paid = true FROM found WHERE invoices.id = found.id`)
	db.Exec(`WITH found AS (SELECT id FROM invoices WHERE paid) UPDATE invoices SET total = 0 FROM found WHERE invoices.id = found.id`) // want `SELECT from invoices has no predicate` `UPDATE of invoices has no predicate`
}

// Negatives.
func notKeys(db *sql.DB) {
	// Neither column is a key.
	db.Query(`SELECT * FROM invoices i JOIN lines l ON l.owner = i.owner WHERE i.tenant_id = $1`) // want `^SELECT from lines has no predicate on lines.tenant_id \(manual fix: add l\.tenant_id = \$2 to its WHERE\)$`
	// accounts' key is number (sql.keys), not id.
	db.Query(`SELECT * FROM invoices i JOIN accounts a ON a.id = i.account_id WHERE i.tenant_id = $1`) // want `^SELECT from accounts has no predicate on accounts.tenant_id \(manual fix: add a\.tenant_id = \$2 to its WHERE\)$`
	// A key join to an unconstrained reference constrains nothing.
	db.Query(`SELECT * FROM invoices i JOIN lines l ON l.invoice_id = i.id WHERE i.id = $1`) // want `SELECT from invoices has no predicate` `SELECT from lines has no predicate`
	// An unqualified id may be any table's.
	db.Query(`SELECT * FROM invoices i JOIN lines l ON invoice_id = id WHERE i.tenant_id = $1`) // want `^SELECT from lines has no predicate on lines.tenant_id \(manual fix: add l\.tenant_id = \$2 to its WHERE\)$`
}

// Builder chains follow key joins too.
func builder(t string) {
	sq.Select("*").From("invoices i").Join("lines l ON l.invoice_id = i.id").Where(sq.Eq{"i.tenant_id": t}).ToSql()
	sq.Select("*").From("invoices i").Join("lines l ON l.owner = i.owner").Where(sq.Eq{"i.tenant_id": t}).ToSql() // want `SELECT from lines has no predicate on lines.tenant_id`
}
