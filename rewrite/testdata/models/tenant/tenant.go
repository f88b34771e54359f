// Package tenant carries the tenant through a request and provides the
// tenant-aware repository and cache key function.
package tenant

import "context"

// Model is embedded by tenant-scoped models.
type Model struct{ TenantID string }

// Repository stores models of type M, filtered by tenant.
type Repository[M any] struct{ table string }

// NewRepository returns a repository for the models stored in table.
func NewRepository[M any](table string) *Repository[M] { return &Repository[M]{table: table} }

type ctxKey struct{}

// Key scopes a cache key to the tenant carried by ctx.
func Key(ctx context.Context, key string) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return "t:" + id + ":" + key
}
