// Package tenant holds the repository of this case; no markers are
// configured, only field names.
package tenant

type Repository[M any] struct{ table string }

func NewRepository[M any](table string) *Repository[M] { return &Repository[M]{table: table} }
