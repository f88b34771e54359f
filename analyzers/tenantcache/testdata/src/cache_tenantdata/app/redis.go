package app

import (
	"context"
	"encoding/json"

	"cache_tenantdata/billing"

	"github.com/redis/go-redis/v9"
)

// Redis returns commands: what a result is decoded into says what the
// cache holds.
func Redis(ctx context.Context, rdb *redis.Client, orgID, id string) *billing.Invoice {
	val, err := rdb.Get(ctx, "inv:"+id).Result() // want `^redis\.Client\.Get key is not tenant-scoped; it caches billing\.Invoice, decoded from the result; the key has no tenant value`
	if err != nil {
		return nil
	}
	var inv billing.Invoice
	_ = json.Unmarshal([]byte(val), &inv)
	rdb.Get(ctx, orgID+":inv:"+id)
	rdb.Get(ctx, "feature-flags") // not tenant data: its result is not used
	return &inv
}
