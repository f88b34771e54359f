// Package tenant is another package named tenant.
package tenant

// Name is the legacy tenant name.
func Name() string { return "legacy" }
