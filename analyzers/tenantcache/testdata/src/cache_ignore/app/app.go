package app

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func get(ctx context.Context, c *redis.Client, id string) {
	c.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped`
}
