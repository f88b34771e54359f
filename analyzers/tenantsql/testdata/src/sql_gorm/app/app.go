// Package app queries with gorm.
package app

import (
	"context"

	"gorm.io/gorm"

	"sql_gorm/models"
)

func Constrained(ctx context.Context, db *gorm.DB, t string, id int64) {
	var invs []models.Invoice
	var inv models.Invoice
	db.Where("tenant_id = ?", t).Find(&invs)
	db.WithContext(ctx).First(&inv, "tenant_id = ? AND id = ?", t, id)
	db.Where(&models.Invoice{TenantID: t, ID: id}).First(&inv)
	db.Where(map[string]interface{}{"tenant_id": t}).Find(&invs)
	db.Where("tenant_id = ?", t).Delete(&models.Invoice{}, id)
	db.Model(&models.Invoice{}).Where("billing_invoices.tenant_id = ?", t).Where("id = ?", id).Update("total", 0)
	db.Transaction(func(tx *gorm.DB) error {
		return tx.Where("tenant_id = ?", t).Find(&invs).Error
	})
}

func Unconstrained(db *gorm.DB, t string, id int64) {
	var invs []models.Invoice
	var inv models.Invoice
	var n int64
	db.Find(&invs)                                                                           // want `SELECT from billing_invoices has no predicate on billing_invoices.tenant_id`
	db.First(&inv, id)                                                                       // want `SELECT from billing_invoices has no predicate`
	db.Model(&models.Invoice{}).Where("id = ?", id).Update("total", 0)                       // want `UPDATE of billing_invoices has no predicate on billing_invoices.tenant_id`
	db.Delete(&models.Invoice{}, id)                                                         // want `DELETE from billing_invoices has no predicate`
	db.Table("billing_invoices").Where("total > ?", 0).Count(&n)                             // want `SELECT from billing_invoices has no predicate`
	db.Where("tenant_id = ?", t).Or("id = ?", id).Find(&invs)                                // want `SELECT from billing_invoices has no predicate`
	db.Not("tenant_id = ?", t).Find(&invs)                                                   // want `SELECT from billing_invoices has no predicate`
	db.Where(&models.Invoice{ID: id}).Find(&[]models.Line{})                                 // want `SELECT from lines has no predicate on lines.tenant_id`
	db.Model(&models.Line{}).Where("id = ?", id).Updates(map[string]interface{}{"total": 0}) // want `UPDATE of lines has no predicate`
}

func InScope(db *gorm.DB, tenantID string, id int64) error {
	var inv models.Invoice
	return db.First(&inv, "id = ?", id).Error // want `tenantID is in scope but SELECT from billing_invoices does not filter by it`
}

// A *gorm.DB kept in a local: after its first step it changes in place.
func Locals(db *gorm.DB, t string, admin bool) {
	var invs []models.Invoice
	q := db.Model(&models.Invoice{})
	q = q.Where("tenant_id = ?", t)
	q.Find(&invs)

	p := db.Model(&models.Invoice{})
	p.Where("tenant_id = ?", t)
	p.Find(&invs)

	b := db.Model(&models.Invoice{})
	if !admin {
		b = b.Where("tenant_id = ?", t)
	}
	b.Find(&invs) // want `SELECT from billing_invoices has no predicate on billing_invoices.tenant_id: its predicate is added on one branch only`
}

// Joins: a string with a space is a JOIN clause; a bare name is an
// association, whose table is not judged.
func Joins(db *gorm.DB, t string) {
	var ls []models.Line
	db.Joins("JOIN billing_invoices i ON i.id = lines.invoice_id").Where("lines.tenant_id = ?", t).Find(&ls) // want `SELECT from billing_invoices has no predicate`
	db.Joins("JOIN billing_invoices i ON i.id = lines.invoice_id AND i.tenant_id = lines.tenant_id").Where("lines.tenant_id = ?", t).Find(&ls)
	db.Joins("Invoice").Where("lines.tenant_id = ?", t).Find(&ls)
}

// Chains that cannot be followed are unchecked; a *gorm.DB a function
// returns is a fresh session, judged.
func Unresolvable(db *gorm.DB, t, cond string, dest interface{}) {
	var invs []models.Invoice
	db.Scopes(byTenant(t)).Find(&invs)
	db.Clauses(nil).Find(&invs)
	db.Where(cond).Find(&invs)
	db.Find(dest)
	newSession().Find(&invs) // want `SELECT from billing_invoices has no predicate`
}

func byTenant(t string) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB { return db.Where("tenant_id = ?", t) }
}

func newSession() *gorm.DB { return nil }

// Raw texts are the raw presets' queries, counted once; Create is an
// INSERT of every column.
func Raw(db *gorm.DB, id int64) {
	var inv models.Invoice
	db.Raw("SELECT * FROM billing_invoices WHERE id = ?", id).Scan(&inv) // want `SELECT from billing_invoices has no predicate`
	db.Exec("DELETE FROM billing_invoices WHERE id = ?", id)             // want `DELETE from billing_invoices has no predicate`
	db.Create(&inv)
}
