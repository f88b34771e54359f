// Package store holds repositories for models declared elsewhere: with
// scope: module (the default) they cover.
package store

import (
	"repo_cover/models"
	"repo_cover/tenant"
)

var Users = tenant.NewRepository[models.User]("users")

// An alias of the model as the type argument covers the model.
type AccountAlias = models.Account

var Accounts tenant.Repository[AccountAlias]

// A generic alias of the repository type, declared in this package.
type LocalRepo[M any] = tenant.Repository[M]

var Invoices LocalRepo[models.Invoice]

// Only the first type argument is the model.
var Pairs tenant.Repository[models.Pair]

// Not covering: a pointer type argument is not the model (*M is not
// identical to M).
var PtrArgs tenant.Repository[*models.PtrArg]

// Not covering: a generic type that is not a configured repository.
var Cached tenant.Cache[models.CachedOnly]

// Not covering: instantiations in signatures and bodies.
func Lookup(r *tenant.Repository[models.InSignature]) {}

func Make() *tenant.Repository[models.InResult] { return nil }

func init() {
	_ = tenant.NewRepository[models.InBody]("in_body")
}

// A repository of a repository is still fine to write; it covers nothing
// here.
var Nested tenant.Repository[tenant.Repository[models.InNested]]
