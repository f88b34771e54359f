// Package tenant imports packages that hold models: those cannot import
// it back.
package tenant

import (
	"repo_fix_cycle/mid"
	"repo_fix_cycle/models"
)

type Repository[M any] struct{ table string }

func NewRepository[M any](table string) *Repository[M] { return &Repository[M]{table: table} }

var Schema = models.Version + mid.Version
