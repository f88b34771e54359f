// Package handlers uses package context only to drop the tenant: the
// fixes remove its import.
package handlers

import (
	"context"
	"net/http"

	"ctx_shapes/tenant"
)

var orders = &tenant.Repository[struct{ ID string }]{}

func Show(w http.ResponseWriter, r *http.Request) {
	orders.Get(context.Background(), r.URL.Path) // want `^context\.Background\(\) passed to tenant\.Repository\.Get drops the tenant carried by r\.Context\(\); pass r\.Context\(\)$`
	orders.Get(context.TODO(), "x")              // want `^context\.TODO\(\) passed to tenant\.Repository\.Get drops the tenant carried by r\.Context\(\); pass r\.Context\(\)$`
}
