// Package helpers starts squirrel statements in a function that returns
// one: its FROM item comes from the helper.
package helpers

import (
	sq "github.com/Masterminds/squirrel"

	_ "sql_squirrel/models"
)

func invoices() sq.SelectBuilder {
	return sq.Select("*").From("invoices")
}

func Get(t string, id int64) {
	invoices().Where(sq.Eq{"tenant_id": t, "id": id}).ToSql()
	invoices().Where("id = ?", id).ToSql() // want `SELECT from invoices has no predicate on invoices.tenant_id`
}
