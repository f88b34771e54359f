// Package app holds conditions that say nothing about a column: a whole
// condition formatted in (unchecked) and one that is always false (no
// row touched), as Kratos writes them.
package app

import (
	"database/sql"
	"fmt"
)

type Invoice struct {
	ID       int64
	TenantID string
}

// revoke takes its condition from its callers ("id = $1 AND tenant_id =
// $2"): the statement cannot be judged here.
func revoke(db *sql.DB, predicate string, args ...any) {
	db.Exec(fmt.Sprintf("UPDATE invoices SET paid = true WHERE %s", predicate), args...)
}

// lock takes the table's write lock with a statement that matches no row.
func lock(db *sql.DB) {
	db.Exec("UPDATE invoices SET id = id WHERE 1 = 0")
}

func byID(db *sql.DB, id int64) {
	db.Query("SELECT * FROM invoices WHERE id = $1", id)              // want `SELECT from invoices has no predicate on invoices.tenant_id`
	db.Query("SELECT * FROM invoices WHERE 1 = 1 AND id = $1", id)    // want `SELECT from invoices has no predicate on invoices.tenant_id`
	db.Query(fmt.Sprintf("SELECT * FROM invoices WHERE id = %d", id)) // want `SELECT from invoices has no predicate on invoices.tenant_id`
}
