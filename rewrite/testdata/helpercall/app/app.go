// Package app calls the cache through cachex's helpers.
package app

import (
	"context"
	"net/http"

	"example.com/helpercall/cachex"
)

// Server serves profiles.
type Server struct{ cache *cachex.Cache }

// ServeHTTP reads the request's user from the cache.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	user := r.URL.Query().Get("user")
	_ = s.cache.Load(r.Context(), "user:"+user)
	_ = cachex.Profile(r.Context(), s.cache, user)
}

// Evict deletes a user's entries.
func (s *Server) Evict(ctx context.Context, r *http.Request) error {
	user := r.FormValue("user")
	return s.cache.Forget(ctx, "user:"+user, "profile:"+user)
}
