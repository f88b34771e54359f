package models

// Its only repository is in a _test.go file, which is skipped: reported.
type User struct { // want `^User is tenant-scoped`
	TenantID string
}

// Its only repository is in another package's _test.go file: reported.
type Remote struct { // want `^Remote is tenant-scoped`
	TenantID string
}
