// Package app queries with Ory's fork of pop, as Kratos does.
package app

import (
	"github.com/ory/pop/v6"

	"sql_pop/models"
)

func Constrained(c *pop.Connection, t string, id int64) {
	var inv models.Invoice
	c.Where("tenant_id = ?", t).Where("id = ?", id).First(&inv)
	c.RawQuery("SELECT * FROM invoices WHERE tenant_id = ? AND id = ?", t, id).First(&inv)
}

func Unconstrained(c *pop.Connection, id int64) {
	var inv models.Invoice
	c.Where("id = ?", id).First(&inv)                                 // want `SELECT from invoices has no predicate on invoices.tenant_id`
	c.RawQuery("SELECT * FROM invoices WHERE id = ?", id).First(&inv) // want `SELECT from invoices has no predicate on invoices.tenant_id`
}
