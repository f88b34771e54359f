package pkg

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// Without cache.key_func nothing is scoped and nothing can be fixed.
func get(ctx context.Context, c *redis.Client, id string) {
	c.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped; configure cache\.key_func and wrap it \(manual fix: no cache\.key_func is configured\)$`

	c.Del(ctx, "a", fmt.Sprint(id)) // want `^redis\.Client\.Del keys \(2\) are not tenant-scoped; configure cache\.key_func and wrap it \(manual fix: no cache\.key_func is configured\)$`
}
