package models

import "repo_exclude/sqlmigration"

type User struct { // want `^User is tenant-scoped \(has field TenantID\)`
	TenantID string
}

// A model of this package that embeds an excluded struct is a model:
// exclude is about where a struct is declared.
type Wrapped struct { // want `^Wrapped is tenant-scoped \(has field TenantID \(through embedded User\)\)`
	sqlmigration.User
}

// Covered by a repository declared in an excluded package.
type Covered struct {
	TenantID string
}
