// Package app is cache_values without cache.tenant_values: only key_func
// scopes a key (the strict rule), even through key builders whose facts
// say they are built from a tenant value.
package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"

	"cache_values/keys"
	"cache_values/tenant"
)

func strict(ctx context.Context, rdb *redis.Client, tenantID, id string, orgID int64, acct tenant.Account, s *tenant.Session) {
	rdb.Get(ctx, fmt.Sprintf("user:%s:%s", tenantID, id))           // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, tenantID+":"+id)                                   // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, strings.Join([]string{"user", tenantID, id}, ":")) // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, "org:"+strconv.FormatInt(orgID, 10))               // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, s.Tenant().String()+":"+id)                        // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, fmt.Sprint(acct.TenantID, id))                     // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, tenant.FromContext(ctx)+id)                        // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, keys.User(tenantID, id))                           // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, keys.Current(ctx))                                 // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, fmt.Sprint(tenant.Key(ctx, id)))                   // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, strings.Join([]string{tenant.Key(ctx, id)}, ":"))  // want `^redis\.Client\.Get key is not tenant-scoped`

	t := tenant.FromContext(ctx)
	rdb.Get(ctx, t+":"+id) // want `^redis\.Client\.Get key is not tenant-scoped`

	rdb.Get(ctx, tenant.Key(ctx, id))
	rdb.Get(ctx, fmt.Sprintf("%s:x", tenant.Key(ctx, id)))
}
