package models

import (
	"repo_alias_cfg/orm"
	"repo_alias_cfg/tenant"
)

type Through struct{ TenantID string }

var ThroughRepo tenant.Repo[Through]

type ThroughPtr struct{ TenantID string }

var ThroughPtrRepo *tenant.Repo[ThroughPtr]

type Chained struct{ TenantID string }

var ChainedRepo tenant.Scoped[Chained]

type Field struct{ TenantID string }

type Holder struct {
	Fields tenant.Repo[Field]
}

// Written as the alias's target, the instantiation is not an instance of
// the configured name.
type Direct struct { // want `^Direct is tenant-scoped \(has field TenantID\) but has no tenant-aware repository; declare a package-level var of type tenant\.Repo\[Direct\]$`
	TenantID string
}

var DirectTable orm.Table[Direct]

// Covered by package store.
type Remote struct{ TenantID string }
