package app

import (
	"context"
	"database/sql"
	"fmt"

	"sql_forms/dbx"
)

type Invoice struct {
	ID       int64
	TenantID string
}

type Line struct {
	InvoiceID int64
	TenantID  string
}

type Worker struct {
	OrgID string `db:"org_id" json:"orgId"`
}

// User has no tenant field: its table is not a tenant table.
type User struct{ ID int64 }

const invoiceCols = "id, total"

// Text forms: constants, concatenations, a local assigned once,
// fmt.Sprintf; a parameter or a local assigned twice is unchecked.
func texts(ctx context.Context, db *sql.DB, q string, id int64) {
	db.QueryContext(ctx, "SELECT "+invoiceCols+" FROM invoices WHERE id = $1", id) // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \$2 to its WHERE\)$`
	query := "SELECT * FROM invoices WHERE id = $1"
	db.QueryContext(ctx, query, id) // want `SELECT from invoices has no predicate`
	scoped := query + " AND tenant_id = $2"
	db.QueryContext(ctx, scoped, id, "t")
	db.QueryContext(ctx, fmt.Sprintf("SELECT %s FROM invoices WHERE id = %d", invoiceCols, id)) // want `SELECT from invoices has no predicate`
	db.QueryContext(ctx, fmt.Sprintf("SELECT * FROM invoices WHERE tenant_id = '%s'", q))
	db.QueryContext(ctx, fmt.Sprintf("SELECT * FROM %s WHERE id = 1", q)) // an opaque table: not a tenant table
	db.QueryContext(ctx, q)                                               // a parameter: unchecked
	twice := "SELECT * FROM invoices"
	twice = "SELECT * FROM users"
	db.QueryContext(ctx, twice)                   // assigned twice: unchecked
	db.QueryContext(ctx, "SELEC * FROM invoices") // does not parse: unchecked
	db.QueryContext(ctx, "SELECT * FROM users WHERE id = $1")
}

// Joins, OR, subqueries, CTEs.
func shapes(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, `SELECT * FROM invoices i JOIN lines l ON l.invoice_id = i.id AND l.tenant_id = i.tenant_id WHERE i.tenant_id = $1`)
	db.QueryContext(ctx, `SELECT * FROM invoices i JOIN lines l ON l.invoice_id = i.id WHERE i.tenant_id = $1`) // want `^SELECT from lines has no predicate on lines.tenant_id \(manual fix: add l\.tenant_id = \$2 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM invoices JOIN lines USING (tenant_id) WHERE tenant_id = $1`)
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE (tenant_id = $1 AND id = $2) OR (tenant_id = $1 AND total > $3)`)
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id = $1 OR id = $2`)                             // want `SELECT from invoices has no predicate`
	db.QueryContext(ctx, `SELECT * FROM users u WHERE EXISTS (SELECT 1 FROM invoices i WHERE i.owner = u.id)`) // want `SELECT from invoices has no predicate`
	db.QueryContext(ctx, `SELECT * FROM invoices i WHERE i.tenant_id = $1 AND EXISTS (SELECT 1 FROM lines l WHERE l.invoice_id = i.id AND l.tenant_id = i.tenant_id)`)
	db.QueryContext(ctx, `WITH open AS (SELECT * FROM invoices WHERE paid = false) SELECT * FROM open`) // want `SELECT from invoices has no predicate`
	db.QueryContext(ctx, `WITH open AS (SELECT * FROM invoices WHERE tenant_id = $1) SELECT * FROM open`)
	db.QueryContext(ctx, `SELECT * FROM invoices a, lines b`) // want `SELECT from invoices has no predicate` `SELECT from lines has no predicate`
}

// Writes.
func writes(ctx context.Context, db *sql.DB) {
	db.ExecContext(ctx, `INSERT INTO invoices (id, tenant_id) VALUES ($1, $2)`)
	db.ExecContext(ctx, `INSERT INTO invoices (id, total) VALUES ($1, $2)`) // want `^INSERT into invoices does not set invoices.tenant_id \(manual fix: insert the column tenant_id with the tenant\)$`
	db.ExecContext(ctx, `INSERT INTO invoices (id, tenant_id, total) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET total = excluded.total`)
	db.ExecContext(ctx, `INSERT INTO lines (invoice_id, tenant_id) SELECT id, tenant_id FROM invoices WHERE id = $1`) // want `SELECT from invoices has no predicate`
	db.ExecContext(ctx, `UPDATE invoices SET total = 0 WHERE id = $1`)                                                // want `^UPDATE of invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \$2 to its WHERE\)$`
	db.ExecContext(ctx, `DELETE FROM workers WHERE id = $1`)                                                          // want `^DELETE from workers has no predicate on workers.org_id \(manual fix: add workers\.org_id = \$2 to its WHERE\)$`
	db.ExecContext(ctx, `DELETE FROM workers WHERE org_id = $1 AND id = $2`)
}

// A tenant value in scope: the finding says the query does not use it.
func inScope(ctx context.Context, db *sql.DB, orgID string, id int64) {
	db.ExecContext(ctx, `DELETE FROM workers WHERE id = $1`, id)    // want `^orgID is in scope but DELETE from workers does not filter by it \(manual fix: add workers\.org_id = \$2 to its WHERE, bound to orgID\)$`
	db.ExecContext(ctx, `INSERT INTO workers (id) VALUES ($1)`, id) // want `^orgID is in scope but INSERT into workers does not set workers.org_id \(manual fix: insert the column org_id with orgID\)$`
	func() {
		db.QueryContext(ctx, `SELECT * FROM invoices`) // want `^orgID is in scope but SELECT from invoices does not filter by it \(manual fix: add invoices\.tenant_id = \$1 to its WHERE, bound to orgID\)$`
	}()
}

func inScopeValue(ctx context.Context, db *sql.DB, tenantID string) {
	db.QueryContext(ctx, `SELECT * FROM lines`) // want `^tenantID is in scope but SELECT from lines does not filter by it \(manual fix: add lines\.tenant_id = \$1 to its WHERE, bound to tenantID\)$`
}

// In-house APIs of sql.apis.
func apis(ctx context.Context, s *dbx.Store) {
	s.Run(ctx, `SELECT * FROM invoices`) // want `SELECT from invoices has no predicate`
	s.Run(ctx, `SELECT * FROM invoices WHERE tenant_id = $1`)
	dbx.Query(`UPDATE lines SET x = 1`) // want `UPDATE of lines has no predicate`
	s.Name()
}

// Suppressions.
func suppressed(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, `SELECT count(*) FROM invoices`) //tenantlint:ignore tenantsql metrics across every tenant
	//tenantlint:ignore tenantsql the nightly cleanup runs for every tenant
	db.ExecContext(ctx, `DELETE FROM lines WHERE invoice_id IS NULL`)
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id = $1`) //tenantlint:ignore tenantsql nothing to suppress // want `unused //tenantlint:ignore directive: no tenantsql finding`
}

// Suppressions inside the SQL: a comment directive on the statement.
func suppressedInSQL(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, `-- tenantlint:ignore tenantsql the scheduler polls every tenant's jobs
		SELECT * FROM invoices WHERE paid = false`)
	const cleanup = `/* tenantlint:ignore tenantsql cleanup */ DELETE FROM lines WHERE invoice_id IS NULL;
		DELETE FROM invoices WHERE total = 0`
	db.ExecContext(ctx, cleanup)                                                                                  // want `^DELETE from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \$1 to its WHERE\)$`
	db.QueryContext(ctx, `SELECT * FROM invoices WHERE tenant_id = $1 -- tenantlint:ignore tenantsql not needed`) // want `^unused -- tenantlint:ignore tenantsql in the query: its statement has no tenantsql finding$`
	db.QueryContext(ctx, `SELECT * FROM lines -- tenantlint:ignore tenantsql`)                                    // want `^in the query: -- tenantlint:ignore tenantsql needs a reason after the check names$` `^SELECT from lines has no predicate`
	db.QueryContext(ctx, `SELECT '-- tenantlint:ignore tenantsql in a string' FROM invoices`)                     // want `^SELECT from invoices has no predicate`
	db.QueryContext(ctx, `SELECT * FROM invoices -- tenantlint:ignore tenantrepo another check's`)                // want `^SELECT from invoices has no predicate`
}
