package app

import "fmt"

// Account is tenant-scoped.
type Account struct {
	TenantID string
}

// Single reads the cache: its fix needs another import than the model's.
func Single(ctx Ctx, s *Store, id int) {
	s.Get(ctx, fmt.Sprint("account:", id))
}
