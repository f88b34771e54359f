// Package tenant is key_func's own package: its fixes call Key unqualified.
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

// Cache is a tenant-aware cache.
type Cache struct {
	rdb *redis.Client
}

// Get reads a scoped key.
func (c *Cache) Get(ctx context.Context, key string) *redis.StringCmd {
	return c.rdb.Get(ctx, Key(ctx, key))
}

// Set writes a key, but forgets to scope it.
func (c *Cache) Set(ctx context.Context, key string, v any) *redis.StatusCmd {
	return c.rdb.Set(ctx, key, v, 0) // want `^redis\.Client\.Set key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

// Del has a local named Key where the key is built.
func (c *Cache) Del(ctx context.Context, key string) {
	Key := "k:" + key
	c.rdb.Del(ctx, Key) // want `^redis\.Client\.Del key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: Key is shadowed where the key is built\)$`
}
