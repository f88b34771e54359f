package bigcacheuse

import (
	"context"

	"github.com/allegro/bigcache/v3"

	"cache_presets/tenant"
)

func use(ctx context.Context, c *bigcache.BigCache, id string, v []byte) {
	c.Get("user:" + id)    // want `^bigcache\.BigCache\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	c.Set(id, v)           // want `^bigcache\.BigCache\.Set key is not tenant-scoped`
	c.Append(id, v)        // want `^bigcache\.BigCache\.Append key is not tenant-scoped`
	c.Delete("user:" + id) // want `^bigcache\.BigCache\.Delete key is not tenant-scoped`
	c.Get(tenant.Key(ctx, "user:"+id))
	c.Set(tenant.Key(ctx, id), v)
	c.Close()
}
