// Package ids re-exports uuid.UUID under other names.
package ids

import "repo_fields_tag/uuid"

// ID is an alias: the same type as uuid.UUID.
type ID = uuid.UUID

// NetworkID is a new type defined from uuid.UUID: not the same type.
type NetworkID uuid.UUID

// UUID has the name but is another type.
type UUID [16]byte
