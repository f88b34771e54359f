// Package gormdriver opens its database with gorm's MySQL driver, so its
// raw queries and its builder chains are MySQL.
package gormdriver

import (
	"gorm.io/driver/mysql"
	"gorm.io/gorm"
)

var _ = mysql.Open

type Invoice struct {
	ID       int64
	TenantID string
}

func raw(db *gorm.DB, t string, id int64) {
	db.Raw("SELECT * FROM `invoices` WHERE `tenant_id` = ?", t)
	db.Raw("SELECT * FROM `invoices` WHERE `id` = ?", id)           // want `^SELECT from invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \? to its WHERE\)$`
	db.Exec("UPDATE `invoices` SET `total` = 0 WHERE `id` = ?", id) // want `^UPDATE of invoices has no predicate on invoices.tenant_id \(manual fix: add invoices\.tenant_id = \? to its WHERE\)$`
}

func chains(db *gorm.DB, t string, id int64) {
	var invs []Invoice
	db.Where("`tenant_id` = ?", t).Find(&invs)
	db.Where("`id` = ?", id).Find(&invs) // want `SELECT from invoices has no predicate on invoices.tenant_id`
}
