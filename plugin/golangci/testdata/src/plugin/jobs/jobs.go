package jobs

import (
	"context"

	"plugin/tenant"
)

func Warm(ctx context.Context, s *tenant.Store) string {
	return s.Get(ctx, "warm") // want "tenant.Store.Get key is not tenant-scoped"
}

func Scoped(ctx context.Context, s *tenant.Store) string {
	return s.Get(ctx, tenant.Key(ctx, "warm"))
}
