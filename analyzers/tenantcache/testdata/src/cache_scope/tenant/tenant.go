// Package tenant is the fixture's tenant package: Key is cache.key_func.
package tenant

import "context"

// Key scopes a cache key to the tenant carried by ctx.
func Key(ctx context.Context, key string) string {
	return ID(ctx) + ":" + key
}

// ID returns the tenant carried by ctx.
func ID(ctx context.Context) string {
	id, _ := ctx.Value("tenant").(string)
	return id
}

// Keys has a Key method: it is not key_func.
type Keys struct{}

// Key looks like key_func.
func (Keys) Key(ctx context.Context, key string) string { return Key(ctx, key) }
