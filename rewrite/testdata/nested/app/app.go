package app

import (
	"context"
	"strings"

	"example.com/nested/kv"
)

// Nested builds a key with a closure that itself reads the cache: both
// keys are wrapped in one run.
func Nested(ctx context.Context, s *kv.Store) {
	s.Get(ctx, strings.ToLower(func() string { v, _ := s.Get(ctx, "inner"); return v }()))
	s.Get(ctx, "outer:"+func() string {
		v, _ := s.Get(ctx, "inner2")
		return v
	}())
}
