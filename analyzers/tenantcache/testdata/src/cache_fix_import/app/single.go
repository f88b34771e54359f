package app

import "context"

func single(ctx context.Context, id string) {
	rdb.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped`

	rdb.Del(ctx, id) // want `^redis\.Client\.Del key is not tenant-scoped`
}
