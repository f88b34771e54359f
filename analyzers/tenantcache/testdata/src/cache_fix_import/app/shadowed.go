package app

import (
	"context"

	"cache_fix_import/tenant"
)

// A local named tenant hides the import where the key is built.
func shadowed(ctx context.Context, id string) {
	rdb.Get(ctx, tenant.Key(ctx, id))
	{
		tenant := struct{ ID string }{"acme"}
		rdb.Get(ctx, tenant.ID+id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: tenant is shadowed where the key is built\)$`
	}
}
