package models

import "plugin/tenant"

type Invoice struct{ TenantID string } // want "Invoice is tenant-scoped"

type Item struct{ TenantID string }

var ItemRepo tenant.Repository[Item]
