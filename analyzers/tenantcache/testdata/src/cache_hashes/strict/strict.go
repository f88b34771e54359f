// Package strict has no cache.tenant_values: hashes are not followed.
package strict

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/redis/go-redis/v9"

	"cache_hashes/tenant"
)

func strict(ctx context.Context, rdb *redis.Client, id string) {
	sum := sha256.Sum256([]byte(tenant.Key(ctx, id)))
	rdb.Get(ctx, hex.EncodeToString(sum[:])) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}
