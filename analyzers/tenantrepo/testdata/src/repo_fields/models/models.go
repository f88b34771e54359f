package models

import "repo_fields/shared"

// Direct fields, of any type.
type Direct struct { // want `^Direct is tenant-scoped \(has field TenantID\) but has no tenant-aware repository; declare a package-level var of type tenant\.Repository\[Direct\]$`
	ID       int
	TenantID string
}

type NumericID struct { // want `^NumericID is tenant-scoped \(has field TenantID\)`
	TenantID int64
}

// Every configured name counts.
type Org struct { // want `^Org is tenant-scoped \(has field OrgID\)`
	OrgID string
}

// Several fields on one line.
type Multi struct { // want `^Multi is tenant-scoped \(has field TenantID\)`
	Name, TenantID string
}

// The name must match exactly.
type LowerCamel struct {
	tenantId string
}

type Camel struct {
	TenantId string
}

type Plural struct {
	TenantIDs []string
}

type Prefixed struct {
	MyTenantID string
}

type Unexported struct {
	tenantID string
}

// Base has the field; the types below embed it.
type Base struct { // want `^Base is tenant-scoped \(has field TenantID\)`
	TenantID string
}

type ThroughBase struct { // want `^ThroughBase is tenant-scoped \(has field TenantID \(through embedded Base\)\)`
	Base
}

type ThroughPtrBase struct { // want `^ThroughPtrBase is tenant-scoped \(has field TenantID \(through embedded Base\)\)`
	*Base
}

type Mid struct { // want `^Mid is tenant-scoped \(has field TenantID \(through embedded Base\)\)`
	*Base
}

type Deep struct { // want `^Deep is tenant-scoped \(has field TenantID \(through embedded Mid\.Base\)\)`
	Mid
}

type ThroughOther struct { // want `^ThroughOther is tenant-scoped \(has field TenantID \(through embedded Stamp\)\)`
	shared.Stamp
}

type ThroughOtherPtr struct { // want `^ThroughOtherPtr is tenant-scoped \(has field TenantID \(through embedded Stamp\)\)`
	*shared.Stamp
}

// An embedded type named TenantID is a field named TenantID.
type TenantID string

type EmbedsIDType struct { // want `^EmbedsIDType is tenant-scoped \(has field TenantID\)`
	TenantID
}

// A named field of struct type does not propagate, by value or pointer.
type Owner struct {
	Account Base
	Stamp   *shared.Stamp
}

// Nor does an anonymous struct field.
type Nested struct {
	Meta struct {
		TenantID string
	}
}

// Types declared in functions are not package-level.
func local() {
	type Local struct{ TenantID string }
	_ = Local{}
}
