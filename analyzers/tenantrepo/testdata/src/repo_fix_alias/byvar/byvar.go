package byvar

// The package declares tenant: the import is named tenant2, and the
// template's tenant. qualifier is rewritten to it.
var tenant = "acme"

type User struct { // want `^User is tenant-scoped \(has field TenantID\) but has no tenant-aware repository; declare one at package level, e\.g\. var UserRepo = tenant2\.NewRepository\[User\]\("users"\)$`
	TenantID string
}
