package bytwo

import "unicode/utf8"

// tenant and tenant2 are both taken: tenant3.
var (
	tenant  = "acme"
	tenant2 = "globex"
)

type User struct { // want `e\.g\. var UserRepo = tenant3\.NewRepository\[User\]\("users"\)$`
	TenantID string
}

func width() int { return utf8.RuneCountInString(tenant + tenant2) }
