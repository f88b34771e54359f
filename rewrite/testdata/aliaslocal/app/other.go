package app

import (
	"context"

	"example.com/aliaslocal/kv"
)

// Other has no local tenant: the import is plain.
func Other(ctx context.Context, s *kv.Store) {
	s.Get(ctx, "other")
}
