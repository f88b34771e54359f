// Package expirable is a small analysistest stub of
// github.com/hashicorp/golang-lru/v2/expirable with the real method
// signatures.
package expirable

import (
	"sync"
	"time"
)

// EvictCallback is used to get a callback when a cache entry is evicted.
type EvictCallback[K comparable, V any] func(key K, value V)

// LRU implements a thread-safe LRU with expirable entries.
type LRU[K comparable, V any] struct {
	size    int
	ttl     time.Duration
	onEvict EvictCallback[K, V]

	mu    sync.Mutex
	items map[K]V
}

// NewLRU returns a new thread-safe cache with expirable entries.
func NewLRU[K comparable, V any](size int, onEvict EvictCallback[K, V], ttl time.Duration) *LRU[K, V] {
	return &LRU[K, V]{size: size, ttl: ttl, onEvict: onEvict, items: make(map[K]V)}
}

// Add adds a value to the cache. Returns true if an eviction occurred.
func (c *LRU[K, V]) Add(key K, value V) (evicted bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[key] = value
	return false
}

// Get looks up a key's value from the cache.
func (c *LRU[K, V]) Get(key K) (value V, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	value, ok = c.items[key]
	return value, ok
}

// Remove removes the provided key from the cache, returning if the key was
// contained.
func (c *LRU[K, V]) Remove(key K) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.items[key]
	delete(c.items, key)
	return ok
}
