// Package legacy is excluded by a pattern without /...: only itself.
package legacy

type User struct {
	TenantID string
}
