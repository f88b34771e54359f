package models

// Its repository is in a _test.go file, which is checked: covered.
type User struct {
	TenantID string
}

// Its repository is in another package's _test.go file: covered.
type Remote struct {
	TenantID string
}

type Uncovered struct { // want `^Uncovered is tenant-scoped`
	TenantID string
}
