package db

// Note is written by hand: tenantrepo's rule applies to it whether or
// not tenantsql runs.
type Note struct { // want `^Note is tenant-scoped \(has field TenantID\) but has no tenant-aware repository`
	ID       int64
	TenantID string
}
