// Package kv is a cache client whose keys are not tenant-scoped.
package kv

import "context"

// Store is a key-value cache.
type Store struct{}

// Item is a cache entry.
type Item struct {
	Key   string
	Value string
}

// Get reads key.
func (s *Store) Get(ctx context.Context, key string) (string, error) { return "", nil }

// Set writes key.
func (s *Store) Set(ctx context.Context, key, value string) error { return nil }

// MGet reads keys.
func (s *Store) MGet(ctx context.Context, keys []string) ([]string, error) { return nil, nil }

// Put writes an item.
func (s *Store) Put(ctx context.Context, item *Item) error { return nil }

// Del deletes keys.
func (s *Store) Del(ctx context.Context, keys ...string) error { return nil }
