package app

import (
	"context"

	"example.com/aliasimport/kv"
	t "example.com/aliasimport/tenant"
)

// Renamed already imports the key function's package as t.
func Renamed(ctx context.Context, s *kv.Store) {
	s.Get(ctx, t.Key(ctx, "scoped"))
	s.Get(ctx, "unscoped")
}
