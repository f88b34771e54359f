package app

import (
	"context"

	"example.com/aliasimport/kv"
	"example.com/aliasimport/legacy/tenant"
)

// Customer is tenant-scoped.
type Customer struct {
	TenantID string
}

// Legacy imports another package named tenant.
func Legacy(ctx context.Context, s *kv.Store) {
	s.Get(ctx, "legacy:"+tenant.Name())
}
