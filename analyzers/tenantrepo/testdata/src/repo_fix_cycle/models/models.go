package models

const Version = 3

// The repository package imports this one: no fix.
type User struct { // want `^User is tenant-scoped \(has field TenantID\) but has no tenant-aware repository; declare one at package level, e\.g\. var UserRepo = tenant\.NewRepository\[User\]\("users"\) \(manual fix: importing repo_fix_cycle/tenant would make an import cycle: repo_fix_cycle/tenant imports repo_fix_cycle/models\)$`
	TenantID string
}
