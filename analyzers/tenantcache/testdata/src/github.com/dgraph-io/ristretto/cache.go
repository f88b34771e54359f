// Package ristretto is a small analysistest stub of
// github.com/dgraph-io/ristretto v0.2.0 (before generics: interface{}
// keys) with the real method signatures.
package ristretto

import "time"

// Config is passed to NewCache for creating new Cache instances.
type Config struct {
	NumCounters int64
	MaxCost     int64
	BufferItems int64
}

// Cache is a thread-safe implementation of a hashmap with a TinyLFU
// admission policy and a Sampled LFU eviction policy.
type Cache struct{ items map[interface{}]interface{} }

// NewCache returns a new Cache instance and any configuration errors, if
// any.
func NewCache(config *Config) (*Cache, error) {
	return &Cache{items: map[interface{}]interface{}{}}, nil
}

func (c *Cache) Get(key interface{}) (interface{}, bool) { v, ok := c.items[key]; return v, ok }

func (c *Cache) Set(key, value interface{}, cost int64) bool { c.items[key] = value; return true }

func (c *Cache) SetWithTTL(key, value interface{}, cost int64, ttl time.Duration) bool {
	return c.Set(key, value, cost)
}

func (c *Cache) Del(key interface{}) { delete(c.items, key) }

func (c *Cache) GetTTL(key interface{}) (time.Duration, bool) { _, ok := c.items[key]; return 0, ok }
