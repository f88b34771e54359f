package gocacheuse

import (
	"context"

	"github.com/patrickmn/go-cache"

	"cache_presets/tenant"
)

// go-cache's methods are promoted from the unexported *cache into Cache.
func use(ctx context.Context, c *cache.Cache, id string) {
	c.Set("user:"+id, 1, cache.DefaultExpiration) // want `^cache\.Cache\.Set key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	c.Set(tenant.Key(ctx, "user:"+id), 1, cache.NoExpiration)
	c.Add(id, 1, 0)           // want `^cache\.Cache\.Add key is not tenant-scoped`
	c.Get(id)                 // want `^cache\.Cache\.Get key is not tenant-scoped`
	c.IncrementInt("hits", 1) // want `^cache\.Cache\.IncrementInt key is not tenant-scoped`
	c.Delete("user:" + id)    // want `^cache\.Cache\.Delete key is not tenant-scoped`
	c.Get(tenant.Key(ctx, id))
	c.IncrementInt(tenant.Key(ctx, "hits"), 1)
}
