// Package store is an in-house cache API declared in cache.apis.
package store

import "context"

// Entry is what Put stores: its key is Name.
type Entry struct {
	Name  string
	Value []byte
}

// Store is a cache.
type Store struct{}

func (s *Store) Get(ctx context.Context, key string) ([]byte, error) { return nil, nil }
func (s *Store) Set(ctx context.Context, key string, v []byte) error { return nil }
func (s *Store) Del(ctx context.Context, keys ...string) error       { return nil }
func (s *Store) Copy(ctx context.Context, src, dst string) error     { return nil }
func (s *Store) Union(ctx context.Context, dst string, srcs ...string) error {
	return nil
}
func (s *Store) MGet(ctx context.Context, keys []string) ([][]byte, error) { return nil, nil }
func (s *Store) Put(ctx context.Context, e *Entry) error                   { return nil }
func (s *Store) PutValue(ctx context.Context, e Entry) error               { return nil }
func (s *Store) Lookup(id int) ([]byte, error)                             { return nil, nil }
func (s *Store) Close() error                                              { return nil }

// Fetch reads one key.
func Fetch(ctx context.Context, key string) []byte { return nil }

// FetchAll reads several keys.
func FetchAll(ctx context.Context, keys ...string) [][]byte { return nil }

// FetchTyped reads a key of any string type.
func FetchTyped[K ~string](key K) []byte { return nil }
