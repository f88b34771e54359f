// Package lru is a small analysistest stub of
// github.com/hashicorp/golang-lru/v2 with the real method signatures.
package lru

import "sync"

// Cache is a thread-safe fixed size LRU cache.
type Cache[K comparable, V any] struct {
	size  int
	lock  sync.RWMutex
	items map[K]V
}

// New creates an LRU of the given size.
func New[K comparable, V any](size int) (*Cache[K, V], error) {
	return &Cache[K, V]{size: size, items: make(map[K]V)}, nil
}

// Add adds a value to the cache. Returns true if an eviction occurred.
func (c *Cache[K, V]) Add(key K, value V) (evicted bool) {
	c.lock.Lock()
	defer c.lock.Unlock()
	c.items[key] = value
	return false
}

// Get looks up a key's value from the cache.
func (c *Cache[K, V]) Get(key K) (value V, ok bool) {
	c.lock.Lock()
	defer c.lock.Unlock()
	value, ok = c.items[key]
	return value, ok
}

// Contains checks if a key is in the cache, without updating the
// recent-ness or deleting it for being stale.
func (c *Cache[K, V]) Contains(key K) bool {
	_, ok := c.Peek(key)
	return ok
}

// Peek returns the key value (or undefined if not found) without updating
// the "recently used"-ness of the key.
func (c *Cache[K, V]) Peek(key K) (value V, ok bool) {
	c.lock.RLock()
	defer c.lock.RUnlock()
	value, ok = c.items[key]
	return value, ok
}

// Remove removes the provided key from the cache.
func (c *Cache[K, V]) Remove(key K) (present bool) {
	c.lock.Lock()
	defer c.lock.Unlock()
	_, present = c.items[key]
	delete(c.items, key)
	return present
}

// Len returns the number of items in the cache.
func (c *Cache[K, V]) Len() int {
	c.lock.RLock()
	defer c.lock.RUnlock()
	return len(c.items)
}
