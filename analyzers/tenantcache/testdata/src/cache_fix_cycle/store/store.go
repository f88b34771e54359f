// Package store is imported by tenant.
package store

import (
	"context"

	"github.com/redis/go-redis/v9"

	"cache_fix_cycle/low"
)

// Prefix is used by tenant.
const Prefix = "t:"

// Get cannot import tenant to scope its key.
func Get(ctx context.Context, c *redis.Client, id string) {
	c.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: importing cache_fix_cycle/tenant would make an import cycle: cache_fix_cycle/tenant imports cache_fix_cycle/store\)$`

	low.Get(ctx, c, id)
}
