package models

import "repo_scope_pkg/tenant"

type User struct { // want `^User is tenant-scoped \(embeds tenant\.Model\) but has no tenant-aware repository`
	tenant.Model
}

type Order struct { // want `^Order is tenant-scoped`
	tenant.Model
}

// Covered in its own package.
type Invoice struct {
	tenant.Model
}

var Invoices = tenant.NewRepository[Invoice]("invoices")
