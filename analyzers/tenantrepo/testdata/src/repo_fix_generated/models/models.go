package models

// Queries wraps the generated models.
type Queries struct{}
