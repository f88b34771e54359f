// Package tenant is the fixture's tenant package: Key is cache.key_func.
package tenant

import "context"

type ctxKey struct{}

// With returns a context that carries the tenant id.
func With(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, ctxKey{}, id)
}

// Key scopes a cache key to the tenant carried by ctx.
func Key(ctx context.Context, key string) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return "t:" + id + ":" + key
}
