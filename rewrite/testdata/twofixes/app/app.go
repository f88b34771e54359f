package app

import (
	"context"

	"example.com/twofixes/kv"
)

// Profile is tenant-scoped.
type Profile struct {
	TenantID string
}

// First needs the tenant import.
func First(ctx context.Context, s *kv.Store) {
	s.Get(ctx, "first")
}

// Second needs it too.
func Second(ctx context.Context, s *kv.Store) {
	s.Get(ctx, "second")
}
