// Package repo holds the repository type, apart from the key function.
package repo

// Repository stores models of type M.
type Repository[M any] struct{ table string }

// New returns a repository for table.
func New[M any](table string) *Repository[M] { return &Repository[M]{table: table} }
