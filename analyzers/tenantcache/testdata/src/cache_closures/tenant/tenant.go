// Package tenant is the fixture's tenant package: Key is cache.key_func,
// FromContext a tenant value.
package tenant

import "context"

// Key scopes a cache key to the tenant carried by ctx.
func Key(ctx context.Context, key string) string { return FromContext(ctx) + ":" + key }

// FromContext returns the tenant carried by ctx.
func FromContext(ctx context.Context) string {
	id, _ := ctx.Value("tenant").(string)
	return id
}
