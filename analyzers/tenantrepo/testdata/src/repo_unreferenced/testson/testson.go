// Package testson checks its tests (ignore.tests: false): a reference
// from a test file counts.
package testson

type UsedByTests struct { // want `^UsedByTests is tenant-scoped`
	TenantID string
}

type Unused struct {
	TenantID string
}
