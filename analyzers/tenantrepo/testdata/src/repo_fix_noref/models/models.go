package models

type User struct { // want `^User is tenant-scoped \(has field TenantID\) but has no tenant-aware repository; declare one at package level, e\.g\. var UserRepo Repo\[User\]$`
	TenantID string
}
