// Package sub is below repo_ignore/legacy by path segment.
package sub

type Older struct {
	TenantID string
}
