// Package lru is a small analysistest stub of github.com/hashicorp/golang-lru
// v1.0.2 (before generics: interface{} keys) with the real method
// signatures.
package lru

// Cache is a thread-safe fixed size LRU cache.
type Cache struct{ items map[interface{}]interface{} }

// New creates an LRU of the given size.
func New(size int) (*Cache, error) { return &Cache{items: map[interface{}]interface{}{}}, nil }

func (c *Cache) Add(key, value interface{}) (evicted bool) { c.items[key] = value; return false }

func (c *Cache) Get(key interface{}) (value interface{}, ok bool) { value, ok = c.items[key]; return }

func (c *Cache) Contains(key interface{}) bool { _, ok := c.items[key]; return ok }

func (c *Cache) Remove(key interface{}) (present bool) { delete(c.items, key); return true }

// ARCCache is a thread-safe fixed size Adaptive Replacement Cache.
type ARCCache struct{ Cache }

// NewARC creates an ARC of the given size.
func NewARC(size int) (*ARCCache, error) { return &ARCCache{}, nil }
