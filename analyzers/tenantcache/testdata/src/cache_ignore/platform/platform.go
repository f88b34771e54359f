package platform

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// An ignored package: never checked.
func get(ctx context.Context, c *redis.Client, id string) {
	c.Get(ctx, id)
}
