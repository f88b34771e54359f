package ristrettouse

import (
	"context"
	"time"

	"github.com/dgraph-io/ristretto/v2"

	"cache_presets/keys"
	"cache_presets/tenant"
)

// String keys are checked.
func strings(ctx context.Context, c *ristretto.Cache[string, []byte], id string, v []byte) {
	c.Get("user:" + id)                 // want `^ristretto\.Cache\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	c.Set(id, v, 1)                     // want `^ristretto\.Cache\.Set key is not tenant-scoped`
	c.SetWithTTL(id, v, 1, time.Minute) // want `^ristretto\.Cache\.SetWithTTL key is not tenant-scoped`
	c.GetTTL(id)                        // want `^ristretto\.Cache\.GetTTL key is not tenant-scoped`
	c.Del(id)                           // want `^ristretto\.Cache\.Del key is not tenant-scoped`
	c.Get(tenant.Key(ctx, "user:"+id))
	c.Set(tenant.Key(ctx, id), v, 1)
	c.Wait()
}

type name string

// A defined string type is a string key too.
func named(ctx context.Context, c *ristretto.Cache[name, int], n name) {
	c.Del(n) // want `^ristretto\.Cache\.Del key is not tenant-scoped`

	c.Set("fixed", 1, 1) // want `^ristretto\.Cache\.Set key is not tenant-scoped`

	c.Get(prefix + n) // want `^ristretto\.Cache\.Get key is not tenant-scoped`

	c.Get(name(tenant.Key(ctx, string(n))))
}

const prefix = "p:"

// A key type of another package, named through its import.
func public(ctx context.Context, c *ristretto.Cache[keys.Public, int], k keys.Public) {
	c.Del(k) // want `^ristretto\.Cache\.Del key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

// A key type the file cannot name: the fix cannot convert key_func's result.
func private(ctx context.Context, c *keys.Private) {
	c.Del(keys.Make("x")) // want `^ristretto\.Cache\.Del key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: the key has type cache_presets/keys\.private, which this file cannot name to convert tenant\.Key's string result\)$`
}

// Other key types are not checked.
func hashes(ctx context.Context, c *ristretto.Cache[uint64, []byte], h uint64, v []byte) {
	c.Get(h)
	c.Set(h, v, 1)
	c.Del(42)
}

func bytes(ctx context.Context, c *ristretto.Cache[[]byte, int], k []byte) {
	c.Get(k)
}
