package app2

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func use(ctx context.Context, c *redis.Client, id string) {
	c.Get(ctx, tenant+id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}
