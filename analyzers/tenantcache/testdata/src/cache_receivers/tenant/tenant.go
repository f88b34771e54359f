// Package tenant is the fixture's tenant package: Key is cache.key_func,
// Cache and Store are safe types.
package tenant

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// Key scopes a cache key to the tenant carried by ctx.
func Key(ctx context.Context, key string) string {
	id, _ := ctx.Value("tenant").(string)
	return "t:" + id + ":" + key
}

// Cache is a tenant-aware cache: it scopes every key itself, so calls on
// it are fine even though it embeds a *redis.Client.
type Cache struct {
	*redis.Client
}

// Store is a tenant-aware cache interface.
type Store interface {
	redis.Cmdable
}
