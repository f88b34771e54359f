package lruuse

import (
	"context"

	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/hashicorp/golang-lru/v2/expirable"

	"cache_presets/tenant"
)

// String keys are checked.
func strings(ctx context.Context, c *lru.Cache[string, int], id string) {
	c.Add("user:"+id, 1) // want `^lru\.Cache\.Add key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	c.Get(id)            // want `^lru\.Cache\.Get key is not tenant-scoped`
	c.Contains(id)       // want `^lru\.Cache\.Contains key is not tenant-scoped`
	c.Peek(id)           // want `^lru\.Cache\.Peek key is not tenant-scoped`
	c.Remove(id)         // want `^lru\.Cache\.Remove key is not tenant-scoped`
	c.Add(tenant.Key(ctx, "user:"+id), 1)
	c.Get(tenant.Key(ctx, id))
	c.Len()
}

// Other key types are not checked.
func ints(ctx context.Context, c *lru.Cache[int, string], n int) {
	c.Add(n, "v")
	c.Get(n)
	c.Remove(7)
}

func expiring(ctx context.Context, c *expirable.LRU[string, []byte], n *expirable.LRU[int64, []byte], id string) {
	c.Add(id, nil) // want `^expirable\.LRU\.Add key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	c.Get(id)      // want `^expirable\.LRU\.Get key is not tenant-scoped`
	c.Remove(id)   // want `^expirable\.LRU\.Remove key is not tenant-scoped`
	c.Get(tenant.Key(ctx, id))
	n.Add(1, nil)
	n.Get(2)
}
