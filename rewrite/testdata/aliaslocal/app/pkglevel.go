package app

import (
	"context"

	"example.com/aliaslocal/kv"
)

// tenant2 takes the first alternative name at package level.
var tenant2 = "acme"

// Account is tenant-scoped.
type Account struct {
	TenantID string
}

// PkgLevel lives in a file of a package that declares tenant2.
func PkgLevel(ctx context.Context, s *kv.Store) {
	s.Get(ctx, "pkg:"+tenant2)
}
