// Package driver imports the MySQL driver, so its queries are MySQL:
// backticks, ? bind variables, ON DUPLICATE KEY UPDATE, REPLACE,
// multi-table UPDATE and DELETE, LIMIT.
package driver

import (
	"context"
	"database/sql"

	_ "github.com/go-sql-driver/mysql"
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
	OrgID string `db:"org_id"`
}

type User struct{ ID int64 }

func selects(ctx context.Context, db *sql.DB, t string, id int64) {
	db.QueryContext(ctx, "SELECT * FROM `invoices` WHERE `tenant_id` = ? AND `id` = ?", t, id)
	db.QueryContext(ctx, "SELECT * FROM `invoices` WHERE `id` = ?", id) // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \? to its WHERE\)$`
	db.QueryContext(ctx, "SELECT * FROM invoices WHERE tenant_id IN (?)", t)
	db.QueryContext(ctx, "SELECT * FROM invoices WHERE tenant_id = ? ORDER BY id DESC LIMIT ?, ?", t, 0, 10)
	db.QueryContext(ctx, "SELECT * FROM invoices ORDER BY id LIMIT 10") // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \? to its WHERE\)$`
	db.QueryContext(ctx, "SELECT * FROM users WHERE id = ?", id)
}

func joins(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SELECT * FROM invoices i JOIN lines l ON l.invoice_id = i.id AND l.tenant_id = i.tenant_id WHERE i.tenant_id = ?")
	db.QueryContext(ctx, "SELECT * FROM invoices i JOIN lines l ON l.invoice_id = i.id WHERE i.tenant_id = ?") // want `^SELECT from lines has no predicate on lines.tenant_id \(manual fix: add l\.tenant_id = \? to its WHERE\)$`
	db.QueryContext(ctx, "SELECT * FROM `invoices` JOIN `lines` USING (`tenant_id`) WHERE `tenant_id` = ?")
	db.QueryContext(ctx, "SELECT * FROM invoices i JOIN lines l USING (invoice_id) WHERE i.tenant_id = ?") // want `^SELECT from lines has no predicate on lines.tenant_id \(manual fix: add l\.tenant_id = \? to its WHERE\)$`
}

func branches(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SELECT * FROM invoices WHERE (tenant_id = ? AND id = ?) OR (tenant_id = ? AND total > ?)")
	db.QueryContext(ctx, "SELECT * FROM invoices WHERE tenant_id = ? OR id = ?") // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \? to its WHERE\)$`
}

func nested(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SELECT * FROM users u WHERE EXISTS (SELECT 1 FROM invoices i WHERE i.owner = u.id)") // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add i\.tenant_id = \? to its WHERE\)$`
	db.QueryContext(ctx, "SELECT * FROM invoices i WHERE i.tenant_id = ? AND i.id IN (SELECT l.invoice_id FROM lines l WHERE l.tenant_id = i.tenant_id)")
	db.QueryContext(ctx, "WITH open AS (SELECT * FROM invoices WHERE paid = 0) SELECT * FROM open") // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \? to its WHERE\)$`
	db.QueryContext(ctx, "WITH open AS (SELECT * FROM invoices WHERE tenant_id = ?) SELECT * FROM open")
}

func writes(ctx context.Context, db *sql.DB) {
	db.ExecContext(ctx, "INSERT INTO `invoices` (`id`, `tenant_id`) VALUES (?, ?)")
	db.ExecContext(ctx, "INSERT INTO invoices (id, total) VALUES (?, ?)") // want `^INSERT into invoices does not set invoices.tenant_id \(manual fix: insert the column tenant_id with the tenant\)$`
	db.ExecContext(ctx, "INSERT INTO invoices (id, tenant_id, total) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE total = VALUES(total)")
	db.ExecContext(ctx, "INSERT INTO invoices (id, total) VALUES (?, ?) ON DUPLICATE KEY UPDATE total = total + 1")  // want `^INSERT into invoices does not set invoices.tenant_id \(manual fix: insert the column tenant_id with the tenant\)$`
	db.ExecContext(ctx, "REPLACE INTO invoices (id, total) VALUES (?, ?)")                                           // want `^INSERT into invoices does not set invoices.tenant_id \(manual fix: insert the column tenant_id with the tenant\)$`
	db.ExecContext(ctx, "INSERT INTO lines (invoice_id, tenant_id) SELECT id, tenant_id FROM invoices WHERE id = ?") // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \? to its WHERE\)$`
	db.ExecContext(ctx, "UPDATE `invoices` SET `total` = 0 WHERE `id` = ? LIMIT 1")                                  // want `^UPDATE of invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \? to its WHERE\)$`
	db.ExecContext(ctx, "UPDATE invoices SET total = 0 WHERE id = ? AND tenant_id = ?")
	db.ExecContext(ctx, "UPDATE invoices i JOIN lines l ON l.invoice_id = i.id SET i.total = l.amount WHERE i.tenant_id = ?") // want `^UPDATE from lines has no predicate on lines.tenant_id \(manual fix: add l\.tenant_id = \? to its WHERE\)$`
	db.ExecContext(ctx, "DELETE FROM workers WHERE id = ?")                                                                   // want `^DELETE from workers has no predicate on workers.org_id \(manual fix: add workers\.org_id = \? to its WHERE\)$`
	db.ExecContext(ctx, "DELETE FROM workers WHERE org_id = ? AND id = ?")
	db.ExecContext(ctx, "DELETE i FROM invoices i JOIN lines l ON l.invoice_id = i.id WHERE l.tenant_id = ?") // want `^DELETE using invoices has no predicate on invoices.tenant_id \(manual fix: add i\.tenant_id = \? to its WHERE\)$`
	db.ExecContext(ctx, "DELETE i FROM invoices i JOIN lines l USING (tenant_id) WHERE l.tenant_id = ?")
}

func inScope(ctx context.Context, db *sql.DB, tenantID string, id int64) {
	db.ExecContext(ctx, "DELETE FROM `invoices` WHERE `id` = ?", id) // want `^tenantID is in scope but DELETE from invoices does not filter by it \(manual fix: add invoices\.tenant_id = \? to its WHERE, bound to tenantID\)$`
}

func unchecked(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "SELEC * FROM invoices")                                   // does not parse: unchecked
	db.QueryContext(ctx, "SELECT * FROM invoices WHERE tenant_id = ANY(?::text[])") // PostgreSQL's: unchecked
}

func suppressed(ctx context.Context, db *sql.DB) {
	db.QueryContext(ctx, "-- tenantlint:ignore tenantsql the nightly job reads every tenant\nSELECT * FROM invoices")
}
