package models

// The entries name gen/ only.
type OrderRow struct{ TenantID string } // want "OrderRow is tenant-scoped"
