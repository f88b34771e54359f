// Package low is imported by store, which tenant imports.
package low

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// Get is below key_func's package.
func Get(ctx context.Context, c *redis.Client, id string) {
	c.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: importing cache_fix_cycle/tenant would make an import cycle: cache_fix_cycle/tenant imports cache_fix_cycle/low\)$`
}
