package app

import (
	"context"
)

// The name tenant is taken in this file: the import gets another name.
func taken(ctx context.Context, id string) {
	tenant := "acme"
	rdb.Get(ctx, tenant+id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}
