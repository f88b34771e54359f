package app

import (
	"context"

	"example.com/slicesitems/kv"
	"example.com/slicesitems/tenant"
)

// Slices passes keys in slices.
func Slices(ctx context.Context, s *kv.Store, id string) {
	s.MGet(ctx, []string{"a:" + id, tenant.Key(ctx, "b"), "c"})
	keys := []string{"d:" + id}
	keys = append(keys, "e")
	s.MGet(ctx, keys)
	s.Del(ctx, "f", tenant.Key(ctx, "g"), "h:"+id)
	s.MGet(ctx, []string{
		"i", // first
		"j", // second
	})
}

// Items passes keys in items.
func Items(ctx context.Context, s *kv.Store, id string) {
	s.Put(ctx, &kv.Item{Key: "item:" + id, Value: "v"})
	it := &kv.Item{Value: "w", Key: "other:" + id}
	s.Put(ctx, it)
	s.Put(ctx, &kv.Item{
		Key:   "multi",
		Value: "x",
	})
}
