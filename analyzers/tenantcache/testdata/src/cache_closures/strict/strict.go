// Package strict has no cache.tenant_values: key builders are not
// followed, closures no more than package-level functions.
package strict

import (
	"context"

	"github.com/redis/go-redis/v9"

	"cache_closures/tenant"
)

func strict(ctx context.Context, rdb *redis.Client, tenantID, id string) {
	key := func(id string) string { return tenant.Key(ctx, "user:"+id) }
	rdb.Get(ctx, key(id)) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	rdb.Get(ctx, tenant.Key(ctx, id))
}
