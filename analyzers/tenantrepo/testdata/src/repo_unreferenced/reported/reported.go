// Package reported has models.unreferenced: report (the default): a
// model that nothing refers to is reported as before.
package reported

type Unused struct { // want `^Unused is tenant-scoped`
	TenantID string
}
