package models

// The package already declares UserRepo: no fix.
type User struct { // want `^User is tenant-scoped \(has field TenantID\) but has no tenant-aware repository; declare one at package level, e\.g\. var UserRepo = tenant\.NewRepository\[User\]\("users"\) \(manual fix: the declaration would redeclare UserRepo\)$`
	TenantID string
}

// UserRepo is something else.
var UserRepo = map[string]User{}
