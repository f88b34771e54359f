package scope

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"cache_scope/tenant"
)

// A local is scoped when it is assigned at least once and every
// assignment is scoped.
func locals(ctx context.Context, rdb *redis.Client, id string, cond bool) {
	once := tenant.Key(ctx, id)
	rdb.Get(ctx, once)

	var declared = tenant.Key(ctx, id)
	rdb.Get(ctx, declared)

	var assigned string
	assigned = fmt.Sprintf("%s:x", tenant.Key(ctx, id))
	rdb.Get(ctx, assigned)

	several := tenant.Key(ctx, "a")
	if cond {
		several = tenant.Key(ctx, "b") + ":b"
	}
	rdb.Get(ctx, several)

	derived := once + ":derived"
	rdb.Get(ctx, derived)

	oneBad := tenant.Key(ctx, "a")
	if cond {
		oneBad = "b:" + id
	}
	rdb.Get(ctx, oneBad) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	plain := "user:" + id
	rdb.Get(ctx, plain) // want `^redis\.Client\.Get key is not tenant-scoped`

	fromBad := oneBad + ":x"
	rdb.Get(ctx, fromBad) // want `^redis\.Client\.Get key is not tenant-scoped`

	a, b := tenant.Key(ctx, id), id
	rdb.Get(ctx, a)
	rdb.Get(ctx, b) // want `^redis\.Client\.Get key is not tenant-scoped`

	fromCall, err := keyOf(ctx, id)
	_ = err
	rdb.Get(ctx, fromCall) // want `^redis\.Client\.Get key is not tenant-scoped`
}

func keyOf(ctx context.Context, id string) (string, error) { return tenant.Key(ctx, id), nil }

// += concatenates: scoped when the variable or the operand is, provided
// something grounds it.
func concat(ctx context.Context, rdb *redis.Client, id string) {
	var k1 string
	k1 += tenant.Key(ctx, id)
	rdb.Get(ctx, k1)

	k2 := tenant.Key(ctx, id)
	k2 += ":x"
	rdb.Get(ctx, k2)

	var k3 string
	k3 += "x"
	rdb.Get(ctx, k3) // want `^redis\.Client\.Get key is not tenant-scoped`

	k4 := "user:"
	k4 += tenant.Key(ctx, id)
	rdb.Get(ctx, k4) // want `^redis\.Client\.Get key is not tenant-scoped`

	var never string
	rdb.Get(ctx, never) // want `^redis\.Client\.Get key is not tenant-scoped`

	// Variables defined from each other: scoped only when a scoped value
	// enters the cycle.
	var p, q string
	p = q + ":p"
	q = p + ":q"
	rdb.Get(ctx, p) // want `^redis\.Client\.Get key is not tenant-scoped`

	var r, s string
	r = s + ":r"
	s = r + ":s"
	s = tenant.Key(ctx, id)
	rdb.Get(ctx, r)
	rdb.Get(ctx, s)
}

// Parameters are never scoped, even when reassigned.
func params(ctx context.Context, rdb *redis.Client, key string) {
	rdb.Get(ctx, key) // want `^redis\.Client\.Get key is not tenant-scoped`

	key = tenant.Key(ctx, key)
	rdb.Get(ctx, key) // want `^redis\.Client\.Get key is not tenant-scoped`
}

// Named results are locals.
func result(ctx context.Context, rdb *redis.Client, id string) (k string) {
	k = tenant.Key(ctx, id)
	rdb.Get(ctx, k)
	return k
}

// Shadowed variables are separate.
func shadowed(ctx context.Context, rdb *redis.Client, id string, cond bool) {
	k := "global:" + id
	if cond {
		k := tenant.Key(ctx, id)
		rdb.Get(ctx, k)
	}
	rdb.Get(ctx, k) // want `^redis\.Client\.Get key is not tenant-scoped`

	good := tenant.Key(ctx, id)
	for i := 0; i < 2; i++ {
		good := fmt.Sprint(i)
		rdb.Get(ctx, good) // want `^redis\.Client\.Get key is not tenant-scoped`
	}
	rdb.Get(ctx, good)
}

// Assignments inside closures belong to the declaration.
func closures(ctx context.Context, rdb *redis.Client, id string) {
	var k string
	func() {
		k = tenant.Key(ctx, id)
	}()
	rdb.Get(ctx, k)

	var viaParam string
	set := func(v string) { viaParam = v }
	set(tenant.Key(ctx, id))
	rdb.Get(ctx, viaParam) // want `^redis\.Client\.Get key is not tenant-scoped`

	var late string = tenant.Key(ctx, id)
	defer func() {
		late = "late:" + id
	}()
	rdb.Get(ctx, late) // want `^redis\.Client\.Get key is not tenant-scoped`

	go func() {
		inner := tenant.Key(ctx, id)
		rdb.Get(ctx, inner)
		rdb.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped`
	}()
}

// Taking a variable's address makes it unscoped: it may change elsewhere.
func addressTaken(ctx context.Context, rdb *redis.Client, id string) {
	k := tenant.Key(ctx, id)
	fill(&k)
	rdb.Get(ctx, k) // want `^redis\.Client\.Get key is not tenant-scoped`
}

func fill(k *string) { *k = "x" }

// Range variables are not scoped.
func ranges(ctx context.Context, rdb *redis.Client, ids []string) {
	for _, k := range []string{tenant.Key(ctx, "a"), tenant.Key(ctx, "b")} {
		rdb.Get(ctx, k) // want `^redis\.Client\.Get key is not tenant-scoped`
	}
	for _, id := range ids {
		k := tenant.Key(ctx, id)
		rdb.Get(ctx, k)
	}
}

// Function literals at package level are checked as one declaration.
var handler = func(ctx context.Context, rdb *redis.Client, id string) {
	k := tenant.Key(ctx, id)
	rdb.Get(ctx, k)
	rdb.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped`
}
