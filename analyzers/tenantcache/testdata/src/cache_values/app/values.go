package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"

	"cache_values/tenant"
)

// Keys that contain a tenant value are scoped: parameters, fields and
// funcs named in cache.tenant_values, through concatenation, fmt,
// strings.Join, strconv, conversions and .String().
func values(ctx context.Context, rdb *redis.Client, tenantID, tenantId string, orgID int64, id string, n int, acct tenant.Account, s *tenant.Session) {
	rdb.Get(ctx, fmt.Sprintf("user:%s:%s", tenantId, id))
	rdb.Get(ctx, tenantID+":"+id)
	rdb.Get(ctx, strings.Join([]string{"user", tenantID, id}, ":"))
	rdb.Get(ctx, "org:"+strconv.FormatInt(orgID, 10))
	rdb.Get(ctx, strconv.Itoa(int(orgID))+id)
	rdb.Get(ctx, strconv.Quote(tenantID))
	rdb.Get(ctx, s.Tenant().String()+":"+id)
	rdb.Get(ctx, fmt.Sprint(acct.TenantID, id))
	rdb.Get(ctx, fmt.Sprintf("%v:%s", acct.OrgID, id))
	rdb.Get(ctx, fmt.Sprintln((&acct).TenantID))
	rdb.Get(ctx, tenant.FromContext(ctx)+id)
	rdb.Get(ctx, tenant.Key(ctx, id))

	rdb.Get(ctx, "user:"+id)                      // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	rdb.Get(ctx, fmt.Sprintf("user:%d", n))       // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, s.User().String())               // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, acct.Name)                       // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, strings.ToUpper(tenantID))       // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, strings.Join([]string{id}, ":")) // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, strconv.Itoa(n))                 // want `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx, fmt.Sprint(len(tenantID)))       // want `^redis\.Client\.Get key is not tenant-scoped`
}

// Locals assigned from tenant values are scoped when every assignment is.
func locals(ctx context.Context, rdb *redis.Client, tenantID, id string, cond bool) {
	t := tenant.FromContext(ctx)
	rdb.Get(ctx, t+":"+id)

	if num, ok := tenant.Lookup(ctx); ok {
		rdb.Get(ctx, strconv.FormatInt(num, 10))
	}

	_, found := tenant.Lookup(ctx)
	flag := fmt.Sprint(found)
	rdb.Get(ctx, flag) // want `^redis\.Client\.Get key is not tenant-scoped`

	parts := []string{"user", tenantID}
	parts = append(parts, id)
	rdb.Get(ctx, strings.Join(parts, ":"))

	var others []string
	others = append(others, id)
	rdb.Get(ctx, strings.Join(others, ":")) // want `^redis\.Client\.Get key is not tenant-scoped`

	overwritten := []string{tenantID, id}
	overwritten[0] = "global"
	rdb.Get(ctx, strings.Join(overwritten, ":")) // want `^redis\.Client\.Get key is not tenant-scoped`

	k := tenantID + id
	if cond {
		k = id
	}
	rdb.Get(ctx, k) // want `^redis\.Client\.Get key is not tenant-scoped`
}

// A local that redeclares a parameter's name is not the parameter.
func shadowed(ctx context.Context, rdb *redis.Client, id string) {
	tenantID := id
	rdb.Get(ctx, tenantID) // want `^redis\.Client\.Get key is not tenant-scoped`
}

func shadowedInBlock(ctx context.Context, rdb *redis.Client, tenantID, id string) {
	{
		tenantID := "global"
		rdb.Get(ctx, tenantID+id) // want `^redis\.Client\.Get key is not tenant-scoped`
	}
	rdb.Get(ctx, tenantID+id)
}

// A parameter given a new value may hold anything.
func modified(ctx context.Context, rdb *redis.Client, tenantID, id string) {
	tenantID = strings.TrimSpace(tenantID)
	rdb.Get(ctx, tenantID+id) // want `^redis\.Client\.Get key is not tenant-scoped`
}

// Closures see the values they capture; a closure's own parameter named
// as configured is a tenant parameter too.
func closures(ctx context.Context, rdb *redis.Client, tenantID string, ids []string) {
	for _, id := range ids {
		func() { rdb.Get(ctx, tenantID+":"+id) }()
	}
	go func(orgID string) { rdb.Get(ctx, orgID) }(tenantID)
	get := func(x string) {
		rdb.Get(ctx, x) // want `^redis\.Client\.Get key is not tenant-scoped`
	}
	get(tenantID)
}
