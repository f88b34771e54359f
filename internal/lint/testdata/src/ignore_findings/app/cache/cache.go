package cache

import (
	"context"

	"ignore_findings/tenant"
)

// The entries name gen/ only.
func Read(ctx context.Context, s *tenant.Store, id string) string {
	return s.Get(ctx, id) // want `tenant\.Store\.Get key is not tenant-scoped`
}
