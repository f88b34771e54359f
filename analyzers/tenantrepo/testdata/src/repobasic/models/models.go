package models

import "repobasic/tenant"

type User struct { // want `User is tenant-scoped \(embeds tenant.Model\) but has no tenant-aware repository`
	tenant.Model
	Name string
}

type Order struct {
	TenantID string
}
