// Package tenant carries the current tenant through a request and provides
// the tenant-aware building blocks (repositories, cache keys) that the rest
// of the shop must use.
package tenant

import (
	"context"
	"errors"
	"fmt"
)

// Model is embedded by every tenant-scoped model. Its TenantID column is
// filled in by Repository and never set by hand.
type Model struct {
	TenantID string
}

// ErrNoTenant is returned when a tenant-scoped operation runs on a context
// that carries no tenant.
var ErrNoTenant = errors.New("tenant: no tenant in context")

// errNoBackend is returned by the repository stubs: the example has no
// database behind them.
var errNoBackend = errors.New("no database configured")

type ctxKey struct{}

// WithTenant returns a copy of ctx that carries tenant id.
func WithTenant(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, ctxKey{}, id)
}

// FromContext returns the tenant carried by ctx, or "" if there is none.
func FromContext(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
}

// Key scopes a cache key to the tenant carried by ctx.
func Key(ctx context.Context, key string) string {
	return "t:" + FromContext(ctx) + ":" + key
}

// Repository reads and writes models of type M in one table, always
// filtered by the tenant carried by the context.
type Repository[M any] struct {
	table string
}

// NewRepository returns a repository for the models stored in table.
func NewRepository[M any](table string) *Repository[M] {
	return &Repository[M]{table: table}
}

// Get returns the model with the given id, if the current tenant owns it.
func (r *Repository[M]) Get(ctx context.Context, id string) (*M, error) {
	t, err := current(ctx)
	if err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%s: get %q for tenant %q: %w", r.table, id, t, errNoBackend)
}

// List returns all models of the current tenant.
func (r *Repository[M]) List(ctx context.Context) ([]M, error) {
	t, err := current(ctx)
	if err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%s: list for tenant %q: %w", r.table, t, errNoBackend)
}

// Save inserts or updates m under the current tenant.
func (r *Repository[M]) Save(ctx context.Context, m *M) error {
	t, err := current(ctx)
	if err != nil {
		return err
	}
	return fmt.Errorf("%s: save for tenant %q: %w", r.table, t, errNoBackend)
}

func current(ctx context.Context) (string, error) {
	if t := FromContext(ctx); t != "" {
		return t, nil
	}
	return "", ErrNoTenant
}
