// Package app queries with pop.
package app

import (
	"github.com/gobuffalo/pop/v6"

	"sql_pop/models"
)

func Constrained(c *pop.Connection, t string, id int64) {
	var invs []models.Invoice
	var inv models.Invoice
	c.Where("tenant_id = ?", t).All(&invs)
	c.Where("tenant_id = ?", t).Where("id = ?", id).First(&inv)
	c.Q().Where("tenant_id = ?", t).Count(&inv)
	pop.Q(c).Where("invoices.tenant_id = ?", t).Exists(&inv)
	c.Transaction(func(tx *pop.Connection) error {
		return tx.Where("tenant_id = ?", t).All(&invs)
	})
}

func Unconstrained(c *pop.Connection, id int64) {
	var invs []models.Invoice
	var inv models.Invoice
	c.All(&invs)                                          // want `SELECT from invoices has no predicate on invoices.tenant_id`
	c.Find(&inv, id)                                      // want `SELECT from invoices has no predicate`
	c.Where("id = ?", id).First(&inv)                     // want `SELECT from invoices has no predicate`
	c.Where("id = ?", id).Delete(&models.Invoice{})       // want `DELETE from invoices has no predicate on invoices.tenant_id`
	c.Where("id = ?", id).Order("id").Limit(1).All(&invs) // want `SELECT from invoices has no predicate`
}

func InScope(c *pop.Connection, tenantID string, id int64) error {
	var inv models.Invoice
	return c.Find(&inv, id) // want `tenantID is in scope but SELECT from invoices does not filter by it`
}

// A *pop.Query kept in a local changes in place.
func Locals(c *pop.Connection, t string, admin bool) {
	var invs []models.Invoice
	q := c.Where("id > ?", 0)
	q.Where("tenant_id = ?", t)
	q.All(&invs)

	b := c.Q()
	if !admin {
		b = b.Where("tenant_id = ?", t)
	}
	b.All(&invs) // want `SELECT from invoices has no predicate on invoices.tenant_id: its predicate is added on one branch only`
}

// Joins: Join(table, on).
func Joins(c *pop.Connection, t string) {
	var invs []models.Invoice
	c.Q().Join("lines l", "l.invoice_id = invoices.id").Where("invoices.tenant_id = ?", t).All(&invs) // want `SELECT from lines has no predicate on lines.tenant_id`
	c.Q().LeftJoin("lines l", "l.invoice_id = invoices.id AND l.tenant_id = invoices.tenant_id").Where("invoices.tenant_id = ?", t).All(&invs)
}

// Chains that cannot be followed are unchecked.
func Unresolvable(c *pop.Connection, q *pop.Query, scope pop.ScopeFunc) {
	var invs []models.Invoice
	q.All(&invs)
	c.Q().Scope(scope).All(&invs)
}

// Raw texts are the raw presets' queries, counted once.
func Raw(c *pop.Connection, id int64) {
	var invs []models.Invoice
	c.RawQuery("SELECT * FROM invoices WHERE id = ?", id).All(&invs) // want `SELECT from invoices has no predicate`
	c.Create(&models.Invoice{})
}
