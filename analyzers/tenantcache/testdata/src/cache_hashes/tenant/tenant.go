// Package tenant is the fixture's tenant package: Key is cache.key_func.
package tenant

import "context"

// Key scopes a cache key to the tenant carried by ctx.
func Key(ctx context.Context, key string) string {
	id, _ := ctx.Value("tenant").(string)
	return id + ":" + key
}
