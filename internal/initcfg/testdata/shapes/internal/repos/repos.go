// Package repos declares the repositories, apart from the models.
package repos

import (
	"example.com/shapes/internal/models"
	"example.com/shapes/internal/store"
)

// Users stores users.
var Users = store.NewRepo[models.User]("users")

// Orders stores orders.
var Orders *store.Repo[models.Order]

// Stores groups the other repositories.
type Stores struct {
	Invoices *store.Repo[models.Invoice]
}

// FirstPage lists users.
func FirstPage() store.Page[models.User] {
	return store.Page[models.User]{}
}
