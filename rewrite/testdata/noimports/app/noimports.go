// Package app has a file with no imports.
package app

// Account is tenant-scoped.
type Account struct {
	TenantID string
	Name     string
}

// NoImports reads the cache.
func NoImports(ctx Ctx, s *Store, id string) {
	s.Get(ctx, "account:"+id)
}
