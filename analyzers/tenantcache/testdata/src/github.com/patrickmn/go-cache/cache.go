// Package cache is a small analysistest stub of github.com/patrickmn/go-cache
// with the real method signatures. As in the real package, the methods are
// defined on the unexported *cache and promoted into Cache by embedding.
package cache

import (
	"fmt"
	"sync"
	"time"
)

const (
	// NoExpiration is for use with functions that take an expiration time.
	NoExpiration time.Duration = -1
	// DefaultExpiration is for use with functions that take an expiration
	// time: the cache's default expiration is used.
	DefaultExpiration time.Duration = 0
)

type Item struct {
	Object     interface{}
	Expiration int64
}

type Cache struct {
	*cache
}

type cache struct {
	defaultExpiration time.Duration
	items             map[string]Item
	mu                sync.RWMutex
}

func (c *cache) Set(k string, x interface{}, d time.Duration) {
	var e int64
	if d == DefaultExpiration {
		d = c.defaultExpiration
	}
	if d > 0 {
		e = time.Now().Add(d).UnixNano()
	}
	c.mu.Lock()
	c.items[k] = Item{Object: x, Expiration: e}
	c.mu.Unlock()
}

func (c *cache) Add(k string, x interface{}, d time.Duration) error {
	if _, found := c.Get(k); found {
		return fmt.Errorf("Item %s already exists", k)
	}
	c.Set(k, x, d)
	return nil
}

func (c *cache) Get(k string) (interface{}, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	item, found := c.items[k]
	if !found {
		return nil, false
	}
	return item.Object, true
}

func (c *cache) IncrementInt(k string, n int) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, found := c.items[k]
	if !found {
		return 0, fmt.Errorf("Item %s not found", k)
	}
	rv, ok := v.Object.(int)
	if !ok {
		return 0, fmt.Errorf("The value for %s is not an int", k)
	}
	nv := rv + n
	v.Object = nv
	c.items[k] = v
	return nv, nil
}

func (c *cache) Delete(k string) {
	c.mu.Lock()
	delete(c.items, k)
	c.mu.Unlock()
}

// New returns a new cache with a given default expiration duration and
// cleanup interval.
func New(defaultExpiration, cleanupInterval time.Duration) *Cache {
	if defaultExpiration == 0 {
		defaultExpiration = -1
	}
	return &Cache{&cache{defaultExpiration: defaultExpiration, items: make(map[string]Item)}}
}
