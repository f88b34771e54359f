// Package bigcache is a small analysistest stub of
// github.com/allegro/bigcache/v2 v2.2.5 with the real method signatures.
package bigcache

// BigCache is a fast, concurrent, evicting cache.
type BigCache struct{ items map[string][]byte }

func (c *BigCache) Get(key string) ([]byte, error) { return c.items[key], nil }

func (c *BigCache) Set(key string, entry []byte) error { c.items[key] = entry; return nil }

func (c *BigCache) Delete(key string) error { delete(c.items, key); return nil }
