// Package model declares the tenant model whose table the queries of
// package store touch: it reaches store as a fact.
package model

type Invoice struct {
	ID       int64
	TenantID string `db:"tenant_id"`
}
