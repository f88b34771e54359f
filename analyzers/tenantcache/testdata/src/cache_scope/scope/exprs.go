package scope

import (
	"context"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"cache_scope/other"
	"cache_scope/tenant"
)

const fixed = "fixed"

var global = tenant.Key(context.Background(), "global")

// Key expressions: a key_func call, a concatenation or fmt.Sprintf with a
// scoped part. Nothing else.
func exprs(ctx context.Context, rdb *redis.Client, id string, n int) {
	rdb.Get(ctx, tenant.Key(ctx, id))
	rdb.Get(ctx, (tenant.Key(ctx, id)))
	rdb.Get(ctx, tenant.Key(ctx, id)+":suffix")
	rdb.Get(ctx, "prefix:"+tenant.Key(ctx, id))
	rdb.Get(ctx, "a:"+id+":"+tenant.Key(ctx, "b")+":c")
	rdb.Get(ctx, fmt.Sprintf("%s:%d", tenant.Key(ctx, id), n))
	rdb.Get(ctx, fmt.Sprintf(tenant.Key(ctx, "user:%s"), id))
	rdb.Get(ctx, string(tenant.Key(ctx, id)))

	rdb.Get(ctx, fmt.Sprintf("user:%s:%d", id, n)) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	rdb.Get(ctx, fmt.Sprint(tenant.Key(ctx, id))) // want `^redis\.Client\.Get key is not tenant-scoped`

	rdb.Get(ctx, strings.ToLower(tenant.Key(ctx, id))) // want `^redis\.Client\.Get key is not tenant-scoped`

	rdb.Get(ctx, other.Key(ctx, id)) // want `^redis\.Client\.Get key is not tenant-scoped`

	rdb.Get(ctx, tenant.Keys{}.Key(ctx, id)) // want `^redis\.Client\.Get key is not tenant-scoped`

	rdb.Get(ctx, fixed) // want `^redis\.Client\.Get key is not tenant-scoped`

	rdb.Get(ctx, global) // want `^redis\.Client\.Get key is not tenant-scoped`
}

// A hand-written tenant prefix is not scoped: the rule wants key_func.
func handWritten(ctx context.Context, rdb *redis.Client, id string) {
	rdb.Get(ctx, "tenant:"+tenant.ID(ctx)+":"+id) // want `^redis\.Client\.Get key is not tenant-scoped`

	rdb.Get(ctx, fmt.Sprintf("tenant:%s:%s", tenant.ID(ctx), id)) // want `^redis\.Client\.Get key is not tenant-scoped`
}
