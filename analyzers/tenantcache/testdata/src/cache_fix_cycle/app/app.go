// Package app imports store but not tenant: importing tenant is fine.
package app

import (
	"context"

	"github.com/redis/go-redis/v9"

	"cache_fix_cycle/store"
)

func get(ctx context.Context, c *redis.Client, id string) {
	c.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	store.Get(ctx, c, id)
}
