package app

import (
	"context"

	"example.com/closure/kv"
)

// Closure uses the outer ctx inside closures.
func Closure(ctx context.Context, s *kv.Store, ids []string) {
	load := func(id string) {
		s.Get(ctx, "user:"+id)
	}
	for _, id := range ids {
		load(id)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Set(ctx, "last", ids[len(ids)-1])
	}()
	<-done
}

// Shadow has a closure with its own ctx: the nearest one is used.
func Shadow(ctx context.Context, s *kv.Store) func(context.Context) {
	return func(inner context.Context) {
		s.Get(inner, "inner")
	}
}
