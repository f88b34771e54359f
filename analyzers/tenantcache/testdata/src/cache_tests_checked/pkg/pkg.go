package pkg

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// Client is used by the tests.
var Client = redis.NewClient(nil)

func get(ctx context.Context, id string) {
	Client.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped`
}
