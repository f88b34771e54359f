// Package ristretto is a small analysistest stub of
// github.com/dgraph-io/ristretto/v2 with the real method signatures.
package ristretto

import (
	"sync"
	"time"
)

// Key is the generic type to represent the keys type in key-value stores.
// (In the real package it is an alias of z.Key.)
type Key interface {
	~uint64 | ~string | ~[]byte | ~byte | ~int | ~uint | ~int32 | ~uint32 | ~int64
}

// Config is passed to NewCache for creating new Cache instances.
type Config[K Key, V any] struct {
	NumCounters int64
	MaxCost     int64
	BufferItems int64
	Metrics     bool
}

// Cache is a thread-safe implementation of a hashmap with a TinyLFU
// admission policy and a Sampled LFU eviction policy.
type Cache[K Key, V any] struct {
	mu    sync.Mutex
	items map[string]V
}

// NewCache returns a new Cache instance and any configuration errors, if
// any.
func NewCache[K Key, V any](config *Config[K, V]) (*Cache[K, V], error) {
	return &Cache[K, V]{items: make(map[string]V)}, nil
}

func keyString[K Key](key K) string {
	switch k := any(key).(type) {
	case string:
		return k
	case []byte:
		return string(k)
	}
	return ""
}

// Wait blocks until all buffered writes have been applied.
func (c *Cache[K, V]) Wait() {}

func (c *Cache[K, V]) Get(key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.items[keyString(key)]
	return v, ok
}

func (c *Cache[K, V]) Set(key K, value V, cost int64) bool {
	return c.SetWithTTL(key, value, cost, 0)
}

func (c *Cache[K, V]) SetWithTTL(key K, value V, cost int64, ttl time.Duration) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[keyString(key)] = value
	return true
}

func (c *Cache[K, V]) Del(key K) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.items, keyString(key))
}

func (c *Cache[K, V]) GetTTL(key K) (time.Duration, bool) {
	_, ok := c.Get(key)
	return 0, ok
}

func (c *Cache[K, V]) Close() {}
