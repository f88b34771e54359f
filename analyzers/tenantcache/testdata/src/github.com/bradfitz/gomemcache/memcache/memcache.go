// Package memcache is a small analysistest stub of
// github.com/bradfitz/gomemcache/memcache with the real method signatures.
package memcache

import (
	"errors"
	"sync"
)

var (
	// ErrCacheMiss means that a Get failed because the item wasn't present.
	ErrCacheMiss = errors.New("memcache: cache miss")

	// ErrNotStored means that a conditional write operation (i.e. Add or
	// CompareAndSwap) failed because the condition was not satisfied.
	ErrNotStored = errors.New("memcache: item not stored")
)

// Client is a memcache client.
type Client struct {
	servers []string

	mu    sync.Mutex
	items map[string]*Item
}

// New returns a memcache client using the provided server(s).
func New(server ...string) *Client {
	return &Client{servers: server, items: map[string]*Item{}}
}

// Item is an item to be got or stored in a memcached server.
type Item struct {
	// Key is the Item's key (250 bytes maximum).
	Key string

	// Value is the Item's value.
	Value []byte

	// Flags are server-opaque flags whose semantics are entirely
	// up to the app.
	Flags uint32

	// Expiration is the cache expiration time, in seconds.
	Expiration int32

	// CasID is the compare and swap ID.
	CasID uint64
}

func (c *Client) Get(key string) (item *Item, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.items[key]
	if !ok {
		return nil, ErrCacheMiss
	}
	return it, nil
}

func (c *Client) Touch(key string, seconds int32) (err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	it, ok := c.items[key]
	if !ok {
		return ErrCacheMiss
	}
	it.Expiration = seconds
	return nil
}

func (c *Client) GetMulti(keys []string) (map[string]*Item, error) {
	m := make(map[string]*Item)
	for _, key := range keys {
		if it, err := c.Get(key); err == nil {
			m[key] = it
		}
	}
	return m, nil
}

func (c *Client) store(item *Item, onlyIfAbsent, onlyIfPresent bool) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.items[item.Key]
	if onlyIfAbsent && ok || onlyIfPresent && !ok {
		return ErrNotStored
	}
	c.items[item.Key] = item
	return nil
}

func (c *Client) Set(item *Item) error { return c.store(item, false, false) }

func (c *Client) Add(item *Item) error { return c.store(item, true, false) }

func (c *Client) Replace(item *Item) error { return c.store(item, false, true) }

func (c *Client) Append(item *Item) error { return c.store(item, false, true) }

func (c *Client) Prepend(item *Item) error { return c.store(item, false, true) }

func (c *Client) CompareAndSwap(item *Item) error { return c.store(item, false, true) }

func (c *Client) Delete(key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[key]; !ok {
		return ErrCacheMiss
	}
	delete(c.items, key)
	return nil
}

func (c *Client) Increment(key string, delta uint64) (newValue uint64, err error) {
	return delta, nil
}

func (c *Client) Decrement(key string, delta uint64) (newValue uint64, err error) {
	return 0, nil
}
