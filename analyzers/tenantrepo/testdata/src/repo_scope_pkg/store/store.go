// Package store declares repositories for models of another package:
// with scope: package they do not cover.
package store

import (
	"repo_scope_pkg/models"
	"repo_scope_pkg/tenant"
)

var Users = tenant.NewRepository[models.User]("users")

type Repos struct {
	Orders *tenant.Repository[models.Order]
}

// Its own model is covered by its own repository.
type Audit struct{ tenant.Model }

var Audits tenant.Repository[Audit]
