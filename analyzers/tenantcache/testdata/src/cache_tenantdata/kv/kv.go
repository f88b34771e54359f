// Package kv is an in-house cache keyed by integers (cache.apis).
package kv

// Store keeps bytes by a numeric ID.
type Store struct{ m map[int64][]byte }

// Get returns the bytes kept under id.
func (s *Store) Get(id int64) ([]byte, bool) { b, ok := s.m[id]; return b, ok }

// Put keeps b under id.
func (s *Store) Put(id int64, b []byte) { s.m[id] = b }
