package sup

import (
	"context"

	"github.com/redis/go-redis/v9"
)

var rdb = redis.NewClient(nil)

// A directive on the flagged line or the line above suppresses it.
func suppressed(ctx context.Context, id string) {
	rdb.Get(ctx, "global:"+id) //tenantlint:ignore tenantcache feature flags are shared by all tenants

	//tenantlint:ignore tenantcache feature flags are shared by all tenants
	rdb.Get(ctx, "global:"+id)

	//tenantlint:ignore tenantcache,tenantrepo both checks are named
	rdb.Get(ctx, "global:"+id)

	//tenantlint:ignore tenantrepo,tenantcache in either order
	rdb.Get(ctx, "global:"+id)

	//tenantlint:ignore tenantcache the finding is at the start of the call
	rdb.Get(ctx,
		"global:"+id)
}

// Directives that do not suppress the finding.
func notSuppressed(ctx context.Context, id string) {
	rdb.Get(ctx, id) //tenantlint:ignore tenantcach misspelt // want `^unknown check "tenantcach" in //tenantlint:ignore \(known checks: tenantrepo, tenantcache, tenantctx, tenantsql\)$` `^redis\.Client\.Get key is not tenant-scoped`

	/* want `^//tenantlint:ignore tenantcache needs a reason after the check names$` */ /* want +1 `^redis\.Client\.Get key is not tenant-scoped` */ //tenantlint:ignore tenantcache
	rdb.Get(ctx, id)

	//tenantlint:ignore tenantrepo only the other check is named
	rdb.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped`

	//tenantlint:ignore tenantcache two lines above is too far // want `^unused //tenantlint:ignore directive: no tenantcache finding on this line or the next$`

	rdb.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped`

	// want +1 `^redis\.Client\.Get key is not tenant-scoped`
	rdb.Get(ctx,
		id) //tenantlint:ignore tenantcache not on the call's first line // want `^unused //tenantlint:ignore directive`
}

// Directives that suppress nothing are reported.
func unused(ctx context.Context, id string) {
	//tenantlint:ignore tenantcache nothing to suppress here // want `^unused //tenantlint:ignore directive: no tenantcache finding on this line or the next$`
	_ = id

	//tenantlint:ignore tenantcache,tenantrepo both named, still unused // want `^unused //tenantlint:ignore directive: no tenantcache finding on this line or the next$`
	_ = id

	//tenantlint:ignore tenantrepo tenantcache does not judge the other check's directives
	_ = id

	// A directive naming no check is reported once, by tenantrepo (the
	// first check), not here.
	//tenantlint:ignore
	_ = id

	//tenantlint:ignoreall is not a directive
	_ = id
}
