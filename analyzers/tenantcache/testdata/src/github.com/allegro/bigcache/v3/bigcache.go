// Package bigcache is a small analysistest stub of
// github.com/allegro/bigcache/v3 with the real method signatures.
package bigcache

import (
	"context"
	"errors"
	"sync"
	"time"
)

// ErrEntryNotFound is an error type struct which is returned when entry
// was not found for provided key.
var ErrEntryNotFound = errors.New("Entry not found")

// Config for BigCache.
type Config struct {
	Shards             int
	LifeWindow         time.Duration
	CleanWindow        time.Duration
	MaxEntriesInWindow int
	MaxEntrySize       int
	Verbose            bool
	HardMaxCacheSize   int
}

// DefaultConfig initializes config with default values.
func DefaultConfig(eviction time.Duration) Config {
	return Config{Shards: 1024, LifeWindow: eviction, CleanWindow: time.Second, MaxEntriesInWindow: 1000 * 10 * 60, MaxEntrySize: 500}
}

// BigCache is a fast, concurrent, evicting cache.
type BigCache struct {
	config Config

	mu      sync.Mutex
	entries map[string][]byte
}

// New initializes a new instance of BigCache.
func New(ctx context.Context, config Config) (*BigCache, error) {
	return &BigCache{config: config, entries: make(map[string][]byte)}, nil
}

// Get reads entry for the key.
func (c *BigCache) Get(key string) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return nil, ErrEntryNotFound
	}
	return e, nil
}

// Set saves entry under the key.
func (c *BigCache) Set(key string, entry []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[key] = entry
	return nil
}

// Append appends entry under the key if key exists, otherwise it will set
// the key (same behaviour as Set()).
func (c *BigCache) Append(key string, entry []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[key] = append(c.entries[key], entry...)
	return nil
}

// Delete removes the key.
func (c *BigCache) Delete(key string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok {
		return ErrEntryNotFound
	}
	delete(c.entries, key)
	return nil
}

// Close is used to signal a shutdown of the cache.
func (c *BigCache) Close() error { return nil }
