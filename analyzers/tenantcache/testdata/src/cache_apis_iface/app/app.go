package app

import (
	"context"

	"cache_apis_iface/kv"
	"cache_apis_iface/tenant"
)

// Extended embeds the configured interface.
type Extended interface {
	kv.KV
	Close() error
}

func use(ctx context.Context, c kv.KV, e Extended, id string) {
	c.Load(id) // want `^kv\.KV\.Load key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	e.Store(id, nil) // want `^kv\.KV\.Store key is not tenant-scoped`

	c.Load(tenant.Key(ctx, id))
	e.Store(tenant.Key(ctx, id), nil)
	e.Close()
}
