// Package tenant holds the case's repository type.
package tenant

// Repository is a tenant-aware repository of M.
type Repository[M any] struct{}
