// Package app reads the cache with keys that carry comments.
package app

import (
	"context"

	"example.com/comments/kv"
)

// Comments has comments before, inside and after the key expressions.
func Comments(ctx context.Context, s *kv.Store, id string) {
	// A comment on the line before the call.
	s.Get(ctx /* before */, "user:"+id /* after */) // trailing
	s.Get(ctx, "user:" /* inside */ +id)
	s.Set(ctx,
		// doc line before the key
		"order:"+id, // after the key, on its line
		"v")         // after the call
	s.Get(ctx, "plain:"+id) /* block after the call */
}
