// Package app does not import key_func's package: the fix imports it and
// calls it by its package name.
package app

import (
	"context"

	"github.com/redis/go-redis/v9"
)

func get(ctx context.Context, c *redis.Client, id string) {
	c.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	c.Get(context.TODO(), id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

func manual(c *redis.Client, id string) {
	c.Get(context.TODO(), id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: no context\.Context in scope`
}
