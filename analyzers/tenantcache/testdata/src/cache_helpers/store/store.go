// Package store wraps the cache clients: with cache.follow_helpers, a
// function that passes its string parameter into a cache key unscoped is
// a cache API itself, checked at its callers (in other packages, through
// facts) instead of in its body.
package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/redis/go-redis/v9"
)

// Store is the application's cache.
type Store struct {
	rdb *redis.Client
	mc  *memcache.Client
}

// Get is a helper: key reaches redis.Client.Get.
func (s *Store) Get(ctx context.Context, key string) (string, error) {
	return s.rdb.Get(ctx, "app:"+key).Result()
}

// GetIn builds its key from a namespace and a key: a scoped value in
// either scopes it.
func (s *Store) GetIn(ctx context.Context, ns, key string) {
	s.rdb.Get(ctx, ns+":"+key)
}

// Touch uses key alone in one call and with ns in another: ns is no
// alternative.
func (s *Store) Touch(ctx context.Context, ns, key string) {
	s.rdb.Get(ctx, ns+":"+key)
	s.rdb.Get(ctx, key)
}

// Set is a helper with its key second.
func (s *Store) Set(ctx context.Context, key string, v any) error {
	return s.rdb.Set(ctx, key, v, 0).Err()
}

// Del takes variadic keys.
func (s *Store) Del(ctx context.Context, keys ...string) error {
	return s.rdb.Del(ctx, keys...).Err()
}

// MGet takes a slice of keys.
func (s *Store) MGet(ctx context.Context, keys []string) []any {
	v, _ := s.rdb.MGet(ctx, keys...).Result()
	return v
}

// Put puts key in a memcache item.
func (s *Store) Put(key string, v []byte) error {
	return s.mc.Set(&memcache.Item{Key: key, Value: v})
}

// ForTenant scopes its key itself: it is not a helper.
func (s *Store) ForTenant(ctx context.Context, tenantID, key string) {
	s.rdb.Get(ctx, tenantID+":"+key)
}

// Normalized gives its parameter a new value: it cannot be followed, so
// the call in its body is a finding.
func (s *Store) Normalized(ctx context.Context, key string) {
	key = strings.ToLower(key)
	s.rdb.Get(ctx, key) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

// ByID's parameter is not a string: a finding in its body.
func (s *Store) ByID(ctx context.Context, id int) {
	s.rdb.Get(ctx, strconv.Itoa(id)) // want `^redis\.Client\.Get key is not tenant-scoped`
}

// Flags uses a fixed key: nothing to follow.
func (s *Store) Flags(ctx context.Context) {
	s.rdb.Get(ctx, "flags") // want `^redis\.Client\.Get key is not tenant-scoped`
}

// Lock passes key to its callers, but its fixed key is a finding here.
func (s *Store) Lock(ctx context.Context, key string) {
	s.rdb.Del(ctx, key, "lock") // want `^redis\.Client\.Del key is not tenant-scoped`
}

// Load is a generic helper.
func Load[T any](ctx context.Context, s *Store, key string) (T, error) {
	var zero T
	_, err := s.rdb.Get(ctx, key).Result()
	return zero, err
}

// Fetch is a helper of a helper of this package.
func Fetch(ctx context.Context, s *Store, key string) string {
	v, _ := s.Get(ctx, "fetch:"+key)
	return v
}

// Later passes its parameter to a closure that uses it as a key.
func Later(ctx context.Context, s *Store, key string) {
	go func() { s.rdb.Get(ctx, key) }()
}
