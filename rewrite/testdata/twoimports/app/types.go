package app

import (
	"context"

	"example.com/twoimports/kv"
)

// Ctx and Store let other files use the types without importing.
type (
	Ctx   = context.Context
	Store = kv.Store
)
