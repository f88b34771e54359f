package app

import (
	"net/http"

	"example.com/httphandler/kv"
)

var store = &kv.Store{}

// Handle has only the request: the fix uses r.Context().
func Handle(w http.ResponseWriter, r *http.Request) {
	v, _ := store.Get(r.Context(), "page:"+r.URL.Path)
	w.Write([]byte(v))
}

// Server is a handler type.
type Server struct{ s *kv.Store }

// ServeHTTP names its request req and has a ctx local.
func (h *Server) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	ctx := req.Context()
	h.s.Get(ctx, "a")
	h.s.Get(req.Context(), "b")
}

// Func is a handler literal.
var Func = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	store.Set(r.Context(), "seen:"+r.RemoteAddr, "1")
})
