package app

import (
	"context"

	"cache_apis/store"
	"cache_apis/tenant"
)

func methods(ctx context.Context, s *store.Store, id string, ids []string) {
	s.Get(ctx, "user:"+id) // want `^store\.Store\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	s.Set(ctx, id, nil) // want `^store\.Store\.Set key is not tenant-scoped`

	s.Get(ctx, tenant.Key(ctx, "user:"+id))
	s.Set(ctx, tenant.Key(ctx, id), []byte(id))
	s.Close()
	s.Lookup(42)
}

func variadic(ctx context.Context, s *store.Store, a, b string) {
	s.Del(ctx, a, b) // want `^store\.Store\.Del keys \(2\) are not tenant-scoped; wrap each as tenant\.Key\(ctx, key\)$`

	s.Del(ctx, tenant.Key(ctx, a), tenant.Key(ctx, b))

	s.Copy(ctx, a, tenant.Key(ctx, b)) // want `^store\.Store\.Copy key is not tenant-scoped`

	s.Union(ctx, "dst", a, b) // want `^store\.Store\.Union keys \(3\) are not tenant-scoped`

	s.Union(ctx, tenant.Key(ctx, "dst"), tenant.Key(ctx, a))
}

func slices(ctx context.Context, s *store.Store, a string, ids []string) {
	s.MGet(ctx, []string{a, tenant.Key(ctx, a)}) // want `^store\.Store\.MGet key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	s.MGet(ctx, []string{tenant.Key(ctx, a)})

	s.MGet(ctx, ids) // want `^store\.Store\.MGet key is not tenant-scoped.*\(manual fix: the keys are built where the fix cannot wrap them one by one\)$`
}

func items(ctx context.Context, s *store.Store, a string) {
	s.Put(ctx, &store.Entry{Name: a}) // want `^store\.Store\.Put key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	s.PutValue(ctx, store.Entry{Name: a, Value: nil}) // want `^store\.Store\.PutValue key is not tenant-scoped`

	s.PutValue(ctx, store.Entry{a, nil}) // want `^store\.Store\.PutValue key is not tenant-scoped`

	e := store.Entry{Value: []byte(a)}
	e.Name = a
	s.PutValue(ctx, e) // want `^store\.Store\.PutValue key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	s.Put(ctx, &store.Entry{Name: tenant.Key(ctx, a)})
	s.PutValue(ctx, store.Entry{tenant.Key(ctx, a), nil})
	ok := store.Entry{Name: tenant.Key(ctx, a)}
	s.PutValue(ctx, ok)
	s.Put(ctx, &ok)
}

// Wrapped embeds the configured type: its methods are promoted.
type Wrapped struct {
	*store.Store
}

func promoted(ctx context.Context, w Wrapped, a string) {
	w.Get(ctx, a) // want `^store\.Store\.Get key is not tenant-scoped`

	w.Get(ctx, tenant.Key(ctx, a))
}

type name string

func funcs(ctx context.Context, a string, n name) {
	store.Fetch(ctx, a) // want `^store\.Fetch key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	store.FetchAll(ctx, a, "b") // want `^store\.FetchAll keys \(2\) are not tenant-scoped`

	store.FetchTyped(a) // want `^store\.FetchTyped key is not tenant-scoped`

	store.FetchTyped[name](n) // want `^store\.FetchTyped key is not tenant-scoped`

	f := store.Fetch
	f(ctx, a) // a func value is no configured function

	store.Fetch(ctx, tenant.Key(ctx, a))
	store.FetchAll(ctx, tenant.Key(ctx, a))
	store.FetchTyped(tenant.Key(ctx, a))
}
