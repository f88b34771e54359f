// Package app builds statements with squirrel.
package app

import (
	"context"

	sq "github.com/Masterminds/squirrel"

	_ "sql_squirrel/models"
)

func Constrained(ctx context.Context, t string, id int64) {
	sq.Select("*").From("invoices").Where(sq.Eq{"tenant_id": t}).ToSql()
	sq.Select("*").From("invoices i").Where(sq.Eq{"i.tenant_id": t, "i.id": id}).ToSql()
	sq.Select("*").From("invoices").Where("tenant_id = ? AND id = ?", t, id).QueryRowContext(ctx)
	sq.Delete("invoices").Where(sq.And{sq.Eq{"tenant_id": t}, sq.Eq{"id": id}}).Exec()
	sq.Update("invoices").Set("total", 0).Where(sq.Expr("tenant_id = ?", t)).ExecContext(ctx)
	where := sq.Eq{"tenant_id": t}
	sq.Select("*").From("invoices").Where(where).Where("id = ?", id).MustSql()
	psql := sq.StatementBuilder.PlaceholderFormat(sq.Dollar)
	psql.Select("*").From("invoices").Where(sq.Eq{"tenant_id": t}).ToSql()
	sq.Select("1").From("accounts").Where("id = ?", id).ToSql() // not a tenant table
}

func Unconstrained(id int64, t string) {
	sq.Select("*").From("invoices").Where("id = ?", id).ToSql()                                // want `SELECT from invoices has no predicate on invoices.tenant_id`
	sq.Update("invoices").Set("total", 0).Where(sq.Eq{"id": id}).Exec()                        // want `UPDATE of invoices has no predicate on invoices.tenant_id`
	sq.Delete("").From("invoices").Where(sq.Or{sq.Eq{"tenant_id": t}, sq.Eq{"id": id}}).Exec() // want `DELETE from invoices has no predicate`
	sq.Select("*").From("invoices").Where(sq.NotEq{"tenant_id": t}).ToSql()                    // want `SELECT from invoices has no predicate`
	sq.Select("*").From("invoices").Where(sq.Eq{"tenant_id": nil}).ToSql()                     // want `SELECT from invoices has no predicate`
}

func InScope(tenantID string, id int64) {
	sq.Select("*").From("invoices").Where(sq.Eq{"id": id}).ToSql() // want `tenantID is in scope but SELECT from invoices does not filter by it`
}

// A builder kept in a local: squirrel's builders are values, so only an
// assignment extends one.
func Locals(t string, admin bool) {
	q := sq.Select("*").From("invoices")
	q = q.Where(sq.Eq{"tenant_id": t})
	q = q.Limit(10)
	q.ToSql()

	b := sq.Select("*").From("invoices")
	if !admin {
		b = b.Where(sq.Eq{"tenant_id": t})
	}
	b.ToSql() // want `SELECT from invoices has no predicate on invoices.tenant_id: its predicate is added on one branch only`

	d := sq.Select("*").From("invoices")
	d.Where(sq.Eq{"tenant_id": t}) // its result is dropped
	d.ToSql()                      // want `SELECT from invoices has no predicate`
}

// Joins: Join's text is the joined table and its ON clause.
func Joins(t string) {
	sq.Select("*").From("invoices i").Join("lines l ON l.invoice_id = i.id").Where(sq.Eq{"i.tenant_id": t}).ToSql() // want `SELECT from lines has no predicate on lines.tenant_id`
	sq.Select("*").From("invoices i").LeftJoin("lines l ON l.invoice_id = i.id AND l.tenant_id = i.tenant_id").Where(sq.Eq{"i.tenant_id": t}).ToSql()
}

// Chains that cannot be followed are unchecked.
func Unresolvable(q sq.SelectBuilder, table string, cond sq.Sqlizer, t string) {
	q.ToSql()
	sq.Select("*").From(table).ToSql()
	sq.Select("*").From("invoices").Where(cond).ToSql()
	sq.Select("*").FromSelect(q, "x").Where(sq.Eq{"tenant_id": t}).ToSql()
	sq.Insert("invoices").Columns("id").Values(1).Exec() // INSERT: not a chain
}
