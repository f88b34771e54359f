package app

type Order struct { // want `^Order is tenant-scoped`
	TenantID string
}

// Covered by a repository declared in an ignored package: ignored
// packages are not checked, but their declarations still cover.
type Covered struct {
	TenantID string
}
