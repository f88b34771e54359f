package store

import (
	"repobasic/models"
	"repobasic/tenant"
)

var Orders = tenant.NewRepository[models.Order]("orders")
