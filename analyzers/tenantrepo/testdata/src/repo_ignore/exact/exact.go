// Package exact is ignored by a pattern without /...
package exact

type Exact struct {
	TenantID string
}
