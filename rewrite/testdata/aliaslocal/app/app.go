package app

import (
	"context"

	"example.com/aliaslocal/kv"
)

// ByTenant has a parameter named tenant: the import cannot use that name.
func ByTenant(ctx context.Context, s *kv.Store, tenant string) {
	s.Get(ctx, "settings:"+tenant)
}
