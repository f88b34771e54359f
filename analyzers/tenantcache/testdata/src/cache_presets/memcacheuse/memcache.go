package memcacheuse

import (
	"context"

	"github.com/bradfitz/gomemcache/memcache"

	"cache_presets/tenant"
)

func keys(ctx context.Context, mc *memcache.Client, id string) {
	mc.Get("user:" + id) // want `^memcache\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	mc.Get(tenant.Key(ctx, "user:"+id))
	mc.Delete(id)               // want `^memcache\.Client\.Delete key is not tenant-scoped`
	mc.Touch(id, 10)            // want `^memcache\.Client\.Touch key is not tenant-scoped`
	mc.Increment("hits", 1)     // want `^memcache\.Client\.Increment key is not tenant-scoped`
	mc.Decrement("hits:"+id, 1) // want `^memcache\.Client\.Decrement key is not tenant-scoped`
	mc.Delete(tenant.Key(ctx, id))
	mc.Increment(tenant.Key(ctx, "hits"), 1)
}

// GetMulti takes a slice of keys.
func multi(ctx context.Context, mc *memcache.Client, a, b string, ids []string) {
	mc.GetMulti([]string{a, tenant.Key(ctx, b)}) // want `^memcache\.Client\.GetMulti key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	mc.GetMulti([]string{tenant.Key(ctx, a), tenant.Key(ctx, b)})
	mc.GetMulti(nil)
	mc.GetMulti(ids) // want `^memcache\.Client\.GetMulti key is not tenant-scoped.*\(manual fix: the keys are built where the fix cannot wrap them one by one\)$`
}

// Set and its family take the key in Item.Key.
func items(ctx context.Context, mc *memcache.Client, id string, v []byte) {
	mc.Set(&memcache.Item{Key: "user:" + id, Value: v}) // want `^memcache\.Client\.Set key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	mc.Set(&memcache.Item{Key: tenant.Key(ctx, "user:"+id), Value: v})
	mc.Add(&memcache.Item{Key: id})                      // want `^memcache\.Client\.Add key is not tenant-scoped`
	mc.Replace(&memcache.Item{Value: v, Key: id})        // want `^memcache\.Client\.Replace key is not tenant-scoped`
	mc.CompareAndSwap(&memcache.Item{Key: id, CasID: 1}) // want `^memcache\.Client\.CompareAndSwap key is not tenant-scoped`
	mc.Append(&memcache.Item{Key: tenant.Key(ctx, id), Value: v})
	mc.Prepend(&memcache.Item{Key: id, Value: v}) // want `^memcache\.Client\.Prepend key is not tenant-scoped`

	// An Item literal, a local assigned from one.
	it := memcache.Item{Key: tenant.Key(ctx, id), Value: v}
	mc.Set(&it)
	bad := memcache.Item{Key: id, Value: v}
	mc.Set(&bad) // want `^memcache\.Client\.Set key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	p := &memcache.Item{Key: tenant.Key(ctx, id)}
	mc.Add(p)
	q := &memcache.Item{Key: "q:" + id}
	mc.Add(q) // want `^memcache\.Client\.Add key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	// A local item whose Key is set by a field assignment.
	var byField memcache.Item
	byField.Key = tenant.Key(ctx, id)
	byField.Value = v
	mc.Set(&byField)
	later := &memcache.Item{Value: v}
	later.Key = tenant.Key(ctx, id)
	mc.Set(later)
	badField := &memcache.Item{Value: v}
	badField.Key = "k:" + id
	mc.Set(badField) // want `^memcache\.Client\.Set key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	noKey := &memcache.Item{Value: v}
	mc.Set(noKey)                    // want `^memcache\.Client\.Set key is not tenant-scoped.*\(manual fix: the item sets no Key field\)$`
	mc.Set(&memcache.Item{Value: v}) // want `^memcache\.Client\.Set key is not tenant-scoped.*\(manual fix: the item sets no Key field\)$`

	// An item made elsewhere: the fix cannot see where its key is built.
	mc.Set(newItem(id, v)) // want `^memcache\.Client\.Set key is not tenant-scoped.*\(manual fix: the item's Key is set where the fix cannot wrap it\)$`
	made := newItem(tenant.Key(ctx, id), v)
	mc.Set(made) // want `^memcache\.Client\.Set key is not tenant-scoped.*\(manual fix: the item's Key is set where the fix cannot wrap it\)$`
}

func newItem(key string, v []byte) *memcache.Item { return &memcache.Item{Key: key, Value: v} }
