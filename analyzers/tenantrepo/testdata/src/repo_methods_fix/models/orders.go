package models

import "repo_methods_fix/tenant"

var OrderRepo = tenant.NewRepository[Order]("orders")
