// Package legacyx only shares a string prefix with repo_ignore/legacy.
package legacyx

type New struct { // want `^New is tenant-scoped`
	TenantID string
}
