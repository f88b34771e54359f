package tenant

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// Cache is a Redis cache whose keys are always scoped to the tenant carried
// by the context, so callers can pass plain keys.
type Cache struct {
	rdb *redis.Client
}

// NewCache returns a tenant-aware cache backed by rdb.
func NewCache(rdb *redis.Client) *Cache {
	return &Cache{rdb: rdb}
}

// Get returns the value stored under the tenant's key.
func (c *Cache) Get(ctx context.Context, key string) (string, error) {
	return c.rdb.Get(ctx, Key(ctx, key)).Result()
}

// Set stores value under the tenant's key for ttl.
func (c *Cache) Set(ctx context.Context, key, value string, ttl time.Duration) error {
	return c.rdb.Set(ctx, Key(ctx, key), value, ttl).Err()
}
