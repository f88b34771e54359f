package app

import (
	"context"

	"cache_helpers/store"
	"cache_helpers/tenant"
)

type request struct{ ID string }

// Calls of cache helpers are checked like cache calls; the fix wraps the
// key at the call site. (A string parameter used in the key would make
// handlers a helper itself: the ID comes from the request.)
func handlers(ctx context.Context, s *store.Store, tenantID string, req request) {
	id := req.ID
	s.Get(ctx, "user:"+id)                           // want `^store\.Store\.Get key, passed on to redis\.Client\.Get, is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	s.Set(ctx, id, 1)                                // want `^store\.Store\.Set key, passed on to redis\.Client\.Set, is not tenant-scoped`
	s.Del(ctx, "a", tenant.Key(ctx, "b"), id)        // want `^store\.Store\.Del keys \(2\), passed on to redis\.Client\.Del, are not tenant-scoped`
	s.MGet(ctx, []string{"a", tenant.Key(ctx, "b")}) // want `^store\.Store\.MGet key, passed on to redis\.Client\.MGet, is not tenant-scoped`
	s.Put(id, nil)                                   // want `^store\.Store\.Put key, passed on to memcache\.Client\.Set, is not tenant-scoped`
	store.Load[string](ctx, s, id)                   // want `^store\.Load key, passed on to redis\.Client\.Get, is not tenant-scoped`
	store.Fetch(ctx, s, id)                          // want `^store\.Fetch key, passed on to redis\.Client\.Get, is not tenant-scoped`
	store.Later(ctx, s, id)                          // want `^store\.Later key, passed on to redis\.Client\.Get, is not tenant-scoped`
	(*store.Store).Get(s, ctx, id)                   // want `^store\.Store\.Get key, passed on to redis\.Client\.Get, is not tenant-scoped`
	get(ctx, s, id)                                  // want `^app\.get key, passed on to redis\.Client\.Get, is not tenant-scoped`
	s.Lock(ctx, id)                                  // want `^store\.Store\.Lock key, passed on to redis\.Client\.Del, is not tenant-scoped`
	func() {
		s.Get(ctx, id) // want `^store\.Store\.Get key, passed on to redis\.Client\.Get, is not tenant-scoped`
	}()

	s.GetIn(ctx, "users", id)                  // want `^store\.Store\.GetIn key, passed on to redis\.Client\.Get, is not tenant-scoped`
	s.Touch(ctx, tenant.Key(ctx, "users"), id) // want `^store\.Store\.Touch key, passed on to redis\.Client\.Get, is not tenant-scoped`

	s.Get(ctx, tenant.Key(ctx, "user:"+id))
	s.GetIn(ctx, "users", tenant.Key(ctx, id))
	s.GetIn(ctx, tenant.Key(ctx, "users"), id)
	s.Touch(ctx, "users", tenant.Key(ctx, id))
	s.Get(ctx, tenantID+":"+id)
	s.Del(ctx, tenant.Key(ctx, "a"), tenant.Key(ctx, "b"))
	s.MGet(ctx, []string{tenant.Key(ctx, "a")})
	get(ctx, s, tenant.Key(ctx, id))
	s.ForTenant(ctx, "t", id)
	s.Normalized(ctx, id)
	s.ByID(ctx, 1)
	s.Flags(ctx)
}

// get is a helper of a helper in another package: its body is not
// checked, its callers are.
func get(ctx context.Context, s *store.Store, key string) string {
	v, _ := s.Get(ctx, key)
	return v
}

// The variadic keys of a helper passed as a slice: the fix wraps them
// where they are appended.
func spread(ctx context.Context, s *store.Store, req []request) {
	var ids []string
	for _, r := range req {
		ids = append(ids, r.ID)
	}
	s.Del(ctx, ids...) // want `^store\.Store\.Del key, passed on to redis\.Client\.Del, is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}
