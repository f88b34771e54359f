package app

import (
	"context"

	t "cache_fix_import/tenant"
)

// The file imports key_func's package under another name.
func aliased(ctx context.Context, id string) {
	rdb.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	rdb.Get(ctx, t.Key(ctx, id))
}
