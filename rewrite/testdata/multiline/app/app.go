package app

import (
	"context"
	"fmt"

	"example.com/multiline/kv"
)

// Multi builds keys over several lines.
func Multi(ctx context.Context, s *kv.Store, org, id string) {
	s.Get(ctx, "user:"+
		org+
		":"+id)
	s.Set(ctx, fmt.Sprintf(
		"order:%s:%s",
		org,
		id,
	), "v")
	s.Get(ctx,
		"session:"+id,
	)
}
