package app

func noImports(ctx Ctx, id string) {
	rdb.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	rdb.Del(ctx, id) // want `^redis\.Client\.Del key is not tenant-scoped`
}
