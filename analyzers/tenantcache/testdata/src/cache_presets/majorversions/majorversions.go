// Package majorversions uses the other major versions of the preset
// libraries: each preset covers them all.
package majorversions

import (
	"context"

	"github.com/allegro/bigcache/v2"
	"github.com/dgraph-io/ristretto"
	redis "github.com/go-redis/redis/v8"
	lru "github.com/hashicorp/golang-lru"

	"cache_presets/tenant"
)

type name string

// ristretto v0 and golang-lru v1 take interface{} keys: a string given
// for one is a string key; other keys are not checked.
func interfaceKeys(ctx context.Context, r *ristretto.Cache, l *lru.Cache, a *lru.ARCCache, id string, n name, h uint64) {
	r.Get("user:" + id) // want `^ristretto\.Cache\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	r.Set(id, "v", 1)   // want `^ristretto\.Cache\.Set key is not tenant-scoped`
	r.Del(n)            // want `^ristretto\.Cache\.Del key is not tenant-scoped`
	l.Add(id, 1)        // want `^lru\.Cache\.Add key is not tenant-scoped`
	a.Get(id)           // want `^lru\.ARCCache\.Get key is not tenant-scoped`
	r.Set(tenant.Key(ctx, id), "v", 1)
	l.Get(tenant.Key(ctx, id))
	r.Get(h)
	l.Add(42, "v")
	r.Set(id+"x", "value", 1) // want `^ristretto\.Cache\.Set key is not tenant-scoped`
}

func redisV8(ctx context.Context, c *redis.Client, id string) {
	c.Get(ctx, "user:"+id) // want `^redis\.Client\.Get key is not tenant-scoped`
	c.Del(ctx, id, "x")    // want `^redis\.Client\.Del keys \(2\) are not tenant-scoped`
	c.Set(ctx, tenant.Key(ctx, id), 1, 0)
}

func bigcacheV2(ctx context.Context, c *bigcache.BigCache, id string) {
	c.Get(id) // want `^bigcache\.BigCache\.Get key is not tenant-scoped`
	c.Set(tenant.Key(ctx, id), nil)
}
