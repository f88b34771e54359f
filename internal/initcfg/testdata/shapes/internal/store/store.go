// Package store has the generic building blocks of persistence.
package store

// Repo stores models of type M for one tenant at a time.
type Repo[M any] struct {
	table string
}

// NewRepo returns a repository for table.
func NewRepo[M any](table string) *Repo[M] {
	return &Repo[M]{table: table}
}

// Page is one page of a listing.
type Page[T any] struct {
	Items []T
	Next  string
}
