package bylocal

// A parameter of a function of this file is named tenant: the import
// would be shadowed there, so it is named tenant2.
type User struct { // want `e\.g\. var UserRepo = tenant2\.NewRepository\[User\]\("users"\)$`
	TenantID string
}

func (u *User) Move(tenant string) { u.TenantID = tenant }
