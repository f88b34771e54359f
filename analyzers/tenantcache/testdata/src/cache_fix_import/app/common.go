package app

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// Ctx lets files without imports take a context.
type Ctx = context.Context

var rdb = redis.NewClient(nil)
