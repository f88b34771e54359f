package app

import "context"
import "strings"

func twoDecls(ctx context.Context, id string) {
	rdb.Get(ctx, strings.ToLower(id)) // want `^redis\.Client\.Get key is not tenant-scoped`
}
