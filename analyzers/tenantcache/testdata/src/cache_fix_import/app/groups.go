package app

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"cache_fix_import/other"
)

func groups(ctx context.Context, c *redis.Client, id string) {
	c.Get(ctx, fmt.Sprint(other.Name, id)) // want `^redis\.Client\.Get key is not tenant-scoped`
}
