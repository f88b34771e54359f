package v2

type User struct {
	TenantID string
}
