package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"cache_closures/tenant"
)

// A closure that captures a tenant value builds scoped keys, whatever it
// is given.
func captures(ctx context.Context, rdb *redis.Client, tenantID, id string) {
	key := func(id string) string { return fmt.Sprintf("user:%s:%s", tenantID, id) }
	rdb.Get(ctx, key(id))
	rdb.Get(ctx, key("x"))

	t := tenant.FromContext(ctx)
	var orderKey = func(id string) string { return "order:" + t + ":" + id }
	rdb.Get(ctx, orderKey(id))

	k := key(id) // a local assigned from a builder's call
	rdb.Get(ctx, k)

	nested := func(id string) string { return key(id) + ":v2" } // a closure calling a closure
	rdb.Get(ctx, nested(id))

	plain := func(id string) string { return "user:" + id }
	rdb.Get(ctx, plain(id)) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

// A closure that takes the tenant as a parameter builds a scoped key
// when the call passes it a tenant value.
func takes(ctx context.Context, rdb *redis.Client, tenantID, id string) {
	key := func(t, id string) string { return t + ":" + id }
	rdb.Get(ctx, key(tenantID, id))
	rdb.Get(ctx, key(tenant.FromContext(ctx), id))
	rdb.Get(ctx, key(id, "x")) // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, key("x", id)) // want `^redis\.Client\.Get key is not tenant-scoped`

	parts := func(p ...string) string { return strings.Join(p, ":") }
	rdb.Get(ctx, parts("user", tenantID, id))
	rdb.Get(ctx, parts("user", id)) // want `^redis\.Client\.Get key is not tenant-scoped`

	// A parameter named in tenant_values.params is a tenant value in the
	// closure too, as in a package-level builder.
	named := func(tenantID, id string) string { return tenantID + ":" + id }
	rdb.Get(ctx, named(id, id))
}

// Every return must be scoped; a closure's first result is the key.
func paths(ctx context.Context, rdb *redis.Client, tenantID, id string) {
	either := func(id string, global bool) string {
		if global {
			return "global:" + id
		}
		return tenantID + ":" + id
	}
	rdb.Get(ctx, either(id, false)) // want `^redis\.Client\.Get key is not tenant-scoped`

	withErr := func(id string) (string, error) { return tenantID + ":" + id, nil }
	if k, err := withErr(id); err == nil {
		rdb.Get(ctx, k)
	}

	assigned := func(t string) string {
		t = strings.TrimSpace(t) // a parameter given a new value may hold anything
		return t
	}
	rdb.Get(ctx, assigned(tenantID)) // want `^redis\.Client\.Get key is not tenant-scoped`
}

// A closure variable assigned again, or whose address is taken, may call
// another function: it is no key builder, and its calls are not followed,
// even when every function it is given is scoped.
func reassigned(ctx context.Context, rdb *redis.Client, tenantID, id string, cond bool) {
	key := func(id string) string { return tenantID + ":" + id }
	if cond {
		key = func(id string) string { return "global:" + id }
	}
	rdb.Get(ctx, key(id)) // want `^redis\.Client\.Get key is not tenant-scoped`

	both := func(id string) string { return tenantID + ":" + id }
	both = func(id string) string { return "v2:" + tenantID + ":" + id }
	rdb.Get(ctx, both(id)) // want `^redis\.Client\.Get key is not tenant-scoped`

	var later func(string) string
	later = func(id string) string { return tenantID + ":" + id }
	rdb.Get(ctx, later(id)) // want `^redis\.Client\.Get key is not tenant-scoped`

	shared := func(id string) string { return tenantID + ":" + id }
	p := &shared
	_ = p
	rdb.Get(ctx, shared(id)) // want `^redis\.Client\.Get key is not tenant-scoped`
}

// A closure passed to another function is still a builder where it is
// declared; the function that receives it holds a function value that
// may be any function, so its calls there are not followed.
func passes(ctx context.Context, rdb *redis.Client, tenantID, id string) {
	key := func(id string) string { return tenantID + ":" + id }
	load(ctx, rdb, key, id)
	rdb.Get(ctx, key(id))
}

func load(ctx context.Context, rdb *redis.Client, kf func(string) string, id string) {
	rdb.Get(ctx, kf(id)) // want `^redis\.Client\.Get key is not tenant-scoped`
}

// A package-level key builder may use a closure: its fact follows it.
func userKey(t, id string) string {
	build := func(id string) string { return t + ":" + id }
	return build(id)
}

func viaBuilder(ctx context.Context, rdb *redis.Client, tenantID, id string) {
	rdb.Get(ctx, userKey(tenantID, id))
	rdb.Get(ctx, userKey(id, id)) // want `^redis\.Client\.Get key is not tenant-scoped`
}
