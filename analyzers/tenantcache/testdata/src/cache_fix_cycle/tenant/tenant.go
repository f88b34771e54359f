// Package tenant imports store: store cannot import tenant.
package tenant

import (
	"context"

	"cache_fix_cycle/store"
)

// Key scopes a cache key to the tenant carried by ctx.
func Key(ctx context.Context, key string) string {
	return store.Prefix + key
}
