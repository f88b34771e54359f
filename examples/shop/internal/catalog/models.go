// Package catalog holds the models of a tenant's product catalog.
package catalog

import "example.com/shop/internal/tenant"

// Product is an item a tenant sells. Its repository lives in package store.
type Product struct {
	tenant.Model
	ID         string
	Name       string
	CategoryID string
	PriceCents int64
}

// TableName is the table products are stored in.
func (Product) TableName() string { return "product_catalog" }

// Category groups a tenant's products.
type Category struct {
	tenant.Model
	ID   string
	Name string
}
