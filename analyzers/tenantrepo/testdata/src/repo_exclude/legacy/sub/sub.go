package sub

type User struct { // want `^User is tenant-scoped \(has field TenantID\)`
	TenantID string
}
