package app

import "example.com/models/tenant"

// User embeds the marker.
type User struct {
	tenant.Model
	Name string
}

// OrderLine has a TenantID field and a TableName method.
type OrderLine struct {
	TenantID string
}

// TableName names the table.
func (OrderLine) TableName() string { return "sales_lines" }

const refundTable = "money_back"

// Refund's TableName returns a named constant.
type Refund struct{ TenantID string }

// TableName names the table.
func (*Refund) TableName() string { return refundTable }

// Category is not tenant-scoped.
type Category struct{ Name string }

// Box has a trailing comment after its declaration.
type Box struct{ TenantID string } // box comment

// Covered already has a repository.
type Covered struct{ TenantID string }

var CoveredRepo = tenant.NewRepository[Covered]("covered")
