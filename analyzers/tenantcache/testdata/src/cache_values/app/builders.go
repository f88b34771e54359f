package app

import (
	"context"

	"github.com/redis/go-redis/v9"

	"cache_values/keys"
)

// A key builder's result is scoped when it is built from a parameter that
// receives a tenant value (facts, across packages), or always.
func builders(ctx context.Context, rdb *redis.Client, tenantID, id string) {
	rdb.Get(ctx, keys.User(tenantID, id))
	rdb.Get(ctx, keys.User(id, tenantID))
	rdb.Get(ctx, keys.Order(tenantID, id))
	rdb.Get(ctx, keys.Parts("user", tenantID, id))
	rdb.Get(ctx, keys.Of(tenantID, id))
	rdb.Get(ctx, keys.Of[string](id, tenantID))
	rdb.Get(ctx, keys.Prefix("u:").Key(tenantID, id))
	rdb.Get(ctx, keys.Prefix.Key("u:", tenantID, id))
	rdb.Get(ctx, keys.Current(ctx)+id)
	rdb.Get(ctx, keys.Hashed(tenantID))
	rdb.Get(ctx, localKey(tenantID, id))
	rdb.Get(ctx, viaLocal(tenantID, id))
	k, err := keyOrErr(tenantID)
	if err == nil {
		rdb.Get(ctx, k)
	}

	rdb.Get(ctx, keys.User("x", id))                 // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, keys.Parts("user", id))             // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, keys.Lower(tenantID))               // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, keys.Either(tenantID, true))        // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, keys.Prefix(tenantID).Key("x", id)) // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, localKey(id, "x"))                  // want `^redis\.Client\.Get key is not tenant-scoped`
}

// localKey builds through a local: a builder of this package.
func localKey(t, id string) string {
	k := "local:" + t
	return k + ":" + id
}

// viaLocal calls a builder of this package: a chain.
func viaLocal(t, id string) (key string) {
	key = localKey(t, id)
	return
}

func keyOrErr(t string) (string, error) { return "k:" + t, nil }
