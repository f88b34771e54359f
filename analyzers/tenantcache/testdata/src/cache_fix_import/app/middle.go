package app

import (
	"context"

	"cache_fix_import/aaa"
	"cache_fix_import/zzz"
)

func middle(ctx context.Context, id string) {
	rdb.Get(ctx, aaa.Name+zzz.Name+id) // want `^redis\.Client\.Get key is not tenant-scoped`
}
