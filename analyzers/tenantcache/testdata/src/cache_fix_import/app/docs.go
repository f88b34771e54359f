package app

import (
	// context carries the tenant.
	"context"
)

func docs(ctx context.Context, id string) {
	rdb.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped`
}
