package slices

import (
	"context"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/redis/go-redis/v9"

	"cache_slices/tenant"
)

// A composite literal of scoped elements is scoped; the fix wraps the
// unscoped elements.
func literals(ctx context.Context, rdb *redis.Client, a, b string) {
	rdb.Del(ctx, []string{tenant.Key(ctx, a), tenant.Key(ctx, b)}...)

	ok := []string{tenant.Key(ctx, a), tenant.Key(ctx, b)}
	rdb.Del(ctx, ok...)

	oneBad := []string{tenant.Key(ctx, a), "raw:" + b, tenant.Key(ctx, "c")}
	rdb.Del(ctx, oneBad...) // want `^redis\.Client\.Del key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	twoBad := []string{a, b}
	rdb.Exists(ctx, twoBad...) // want `^redis\.Client\.Exists keys \(2\) are not tenant-scoped; wrap each as tenant\.Key\(ctx, key\)$`

	indexed := []string{0: tenant.Key(ctx, a), 1: b}
	rdb.Del(ctx, indexed...) // want `^redis\.Client\.Del key is not tenant-scoped`

	var empty []string
	rdb.Del(ctx, empty...)
}

// A slice built only by appending scoped values is scoped.
func appended(ctx context.Context, rdb *redis.Client, ids []string) {
	var built []string
	for _, id := range ids {
		built = append(built, tenant.Key(ctx, id))
	}
	rdb.Del(ctx, built...)

	grown := append([]string{tenant.Key(ctx, "a")}, tenant.Key(ctx, "b"))
	rdb.Del(ctx, grown...)

	var copied []string
	copied = append(copied, built...)
	rdb.Del(ctx, copied...)

	rdb.Del(ctx, built[1:]...)

	var mixed []string
	for _, id := range ids {
		mixed = append(mixed, tenant.Key(ctx, id))
	}
	mixed = append(mixed, "raw")
	rdb.Del(ctx, mixed...) // want `^redis\.Client\.Del key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	var fromParam []string
	fromParam = append(fromParam, ids...)
	rdb.Del(ctx, fromParam...) // want `^redis\.Client\.Del key is not tenant-scoped.*\(manual fix: the keys are built where the fix cannot wrap them one by one\)$`

	rdb.Del(ctx, ids[1:]...) // want `^redis\.Client\.Del key is not tenant-scoped.*\(manual fix: the keys are built where the fix cannot wrap them one by one\)$`
}

// make plus index assignments of scoped values is scoped.
func indexed(ctx context.Context, rdb *redis.Client, ids []string, a, b string) {
	made := make([]string, len(ids))
	for i, id := range ids {
		made[i] = tenant.Key(ctx, id)
	}
	rdb.Del(ctx, made...)

	pair := make([]string, 2)
	pair[0] = tenant.Key(ctx, a)
	pair[1] = b
	rdb.Del(ctx, pair...) // want `^redis\.Client\.Del key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

// A slice from elsewhere cannot be fixed element by element.
func elsewhere(ctx context.Context, rdb *redis.Client, mc *memcache.Client) {
	ks := keysOf(ctx)
	rdb.Del(ctx, ks...) // want `^redis\.Client\.Del key is not tenant-scoped.*\(manual fix: the keys are built where the fix cannot wrap them one by one\)$`

	mc.GetMulti(keysOf(ctx)) // want `^memcache\.Client\.GetMulti key is not tenant-scoped.*\(manual fix: the keys are built where the fix cannot wrap them one by one\)$`

	rdb.Eval(ctx, "return 1", keysOf(ctx)) // want `^redis\.Client\.Eval key is not tenant-scoped.*\(manual fix`
}

func keysOf(ctx context.Context) []string { return []string{tenant.Key(ctx, "a")} }

// Slices of keys in the slice-taking APIs.
func sliceParams(ctx context.Context, rdb *redis.Client, mc *memcache.Client, a, b string) {
	keys := []string{tenant.Key(ctx, a)}
	keys = append(keys, b)
	mc.GetMulti(keys) // want `^memcache\.Client\.GetMulti key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	rdb.Eval(ctx, "return 1", keys) // want `^redis\.Client\.Eval key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	scoped := []string{tenant.Key(ctx, a), tenant.Key(ctx, b)}
	mc.GetMulti(scoped)
	rdb.Eval(ctx, "return 1", scoped, a, b)
}

// Items: the key field of a literal, or of a local set by literals and
// field assignments.
func items(ctx context.Context, mc *memcache.Client, id string, v []byte) {
	fresh := new(memcache.Item)
	fresh.Key = tenant.Key(ctx, id)
	fresh.Value = v
	mc.Set(fresh)

	reset := &memcache.Item{Key: tenant.Key(ctx, id)}
	reset.Key = "raw:" + id
	mc.Set(reset) // want `^memcache\.Client\.Set key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	copied := *reset
	mc.Set(&copied) // want `^memcache\.Client\.Set key is not tenant-scoped.*\(manual fix: the item's Key is set where the fix cannot wrap it\)$`

	shared := &memcache.Item{Key: tenant.Key(ctx, id)}
	touch(shared)
	mc.Set(shared)

	var byAddr memcache.Item
	byAddr.Key = tenant.Key(ctx, id)
	fillItem(&byAddr)
	mc.Set(&byAddr) // want `^memcache\.Client\.Set key is not tenant-scoped.*\(manual fix: the item's Key is set where the fix cannot wrap it\)$`

	pos := memcache.Item{id, v, 0, 0, 0}
	mc.Add(&pos) // want `^memcache\.Client\.Add key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

func touch(*memcache.Item)    {}
func fillItem(*memcache.Item) {}
