// Package sub is below an ignored package whose pattern has no /...: it
// is checked.
package sub

type Below struct { // want `^Below is tenant-scoped`
	TenantID string
}
