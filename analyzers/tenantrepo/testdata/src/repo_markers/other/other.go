// Package other declares structs that embed the marker, for embedding
// across packages.
package other

import "repo_markers/tenant"

// Audit embeds the marker; it is covered so that only its embedders show.
type Audit struct {
	tenant.Model
	By string
}

var AuditRepo tenant.Repository[Audit]
