// Package tenant is the marker and repository package of this case.
package tenant

// Model is the marker. It has a TenantID field, yet as a marker it is not
// reported itself.
type Model struct{ TenantID string }

// Repository is the tenant-aware repository.
type Repository[M any] struct{ table string }

// NewRepository returns a repository for M.
func NewRepository[M any](table string) *Repository[M] { return &Repository[M]{table: table} }
