// Package tenant holds the tenant-aware building blocks.
package tenant

import "context"

// Model is embedded by tenant-scoped models.
type Model struct {
	TenantID string `db:"tenant_id" json:"tenant_id"`
}

type ctxKey struct{}

// FromContext returns the tenant in ctx.
func FromContext(ctx context.Context) string {
	s, _ := ctx.Value(ctxKey{}).(string)
	return s
}

// Key scopes a cache key to the tenant in ctx.
func Key(ctx context.Context, key string) string {
	return "t:" + FromContext(ctx) + ":" + key
}

// prefix has the shape of a key function but cannot be called from
// another package.
func prefix(ctx context.Context, key string) string {
	return FromContext(ctx) + key
}
