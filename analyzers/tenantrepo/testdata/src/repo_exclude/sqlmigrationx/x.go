// Package sqlmigrationx only starts like an excluded package: /... is by
// path segment.
package sqlmigrationx

type User struct { // want `^User is tenant-scoped \(has field TenantID\)`
	TenantID string
}
