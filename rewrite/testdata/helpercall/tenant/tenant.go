// Package tenant provides the tenant-aware cache key function.
package tenant

import "context"

type ctxKey struct{}

// Key scopes a cache key to the tenant carried by ctx.
func Key(ctx context.Context, key string) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return "t:" + id + ":" + key
}
