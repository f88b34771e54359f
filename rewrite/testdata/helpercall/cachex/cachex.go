// Package cachex wraps kv: with follow_helpers its functions are cache
// APIs, and the fixes wrap the keys where they are called.
package cachex

import (
	"context"

	"example.com/helpercall/kv"
)

// Cache prefixes the keys of the application.
type Cache struct{ kv *kv.Store }

// Load reads key under the application's prefix.
func (c *Cache) Load(ctx context.Context, key string) string {
	v, _ := c.kv.Get(ctx, "app:"+key)
	return v
}

// Forget deletes keys.
func (c *Cache) Forget(ctx context.Context, keys ...string) error {
	return c.kv.Del(ctx, keys...)
}

// Profile reads a profile through Load: a helper of a helper.
func Profile(ctx context.Context, c *Cache, user string) string {
	return c.Load(ctx, "profile:"+user)
}
