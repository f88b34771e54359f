package app

import "context" // for the ctx parameter

func singleComment(ctx context.Context, id string) {
	rdb.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped`
}
