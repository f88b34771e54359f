// Package apisuse calls a cache.apis cache keyed by any and by a struct
// under the strict rule: a string given for the any key is checked, the
// other keys are unchecked.
package apisuse

import (
	"context"

	"cache_syncmap/memo"
	"cache_syncmap/tenant"
)

func Use(ctx context.Context, m *memo.Memo, tenantID, id string) {
	m.Get("user:" + id) // want `^memo\.Memo\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	m.Get(tenant.Key(ctx, "user:"+id))
	m.Get(7)                                    // unchecked: non-string key
	m.PutKey(memo.Key{TenantID: tenantID}, nil) // unchecked: non-string key
	m.PutKey(memo.Key{ID: id}, nil)             // unchecked: non-string key
}
