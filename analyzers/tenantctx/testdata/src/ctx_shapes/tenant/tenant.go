// Package tenant is the fixture's tenancy library: a context carries the
// tenant, and the repository, the cache and Key read it from there.
package tenant

import "context"

type ctxKey struct{}

// With returns a context carrying the tenant id.
func With(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, ctxKey{}, id)
}

// Key scopes a cache key to the context's tenant (cache.key_func).
func Key(ctx context.Context, key string) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id + ":" + key
}

// Cache is a tenant-aware cache (cache.safe_types).
type Cache struct{}

func (c *Cache) Get(ctx context.Context, key string) (string, bool) { return "", false }
func (c *Cache) Set(ctx context.Context, key, val string)           {}
func (c *Cache) Len() int                                           { return 0 }

// Repository is the tenant-aware repository (repository.types).
type Repository[M any] struct{}

func (r *Repository[M]) Get(ctx context.Context, id string) (*M, error) { return nil, nil }
func (r *Repository[M]) Save(ctx context.Context, m *M) error           { return nil }
