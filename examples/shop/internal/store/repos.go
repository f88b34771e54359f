// Package store declares the tenant-aware repositories of the shop's models.
package store

import (
	"example.com/shop/internal/catalog"
	"example.com/shop/internal/tenant"
)

// Products is the repository of catalog.Product.
var Products = tenant.NewRepository[catalog.Product]("product_catalog")
