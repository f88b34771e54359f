// Package audit holds what every record carries.
package audit

import "time"

// Stamp is embedded by records with and without a tenant.
type Stamp struct {
	CreatedAt time.Time
}
