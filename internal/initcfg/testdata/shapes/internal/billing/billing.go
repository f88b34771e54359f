// Package billing keys its records by organization.
package billing

import "sync"

// Payment belongs to an organization.
type Payment struct {
	sync.Mutex
	OrgID  string `bun:"org_id"`
	Amount int
}

// Refund belongs to an organization.
type Refund struct {
	sync.Mutex
	OrgID  string `bun:"org_id"`
	Amount int
}
