// Package apisuse calls a cache.apis cache keyed by any, a struct and an
// array under cache.report: tenant-data: a string given for the any key
// is a string key, a struct or array key is scoped when an element holds
// the tenant.
package apisuse

import (
	"context"

	"cache_tenantdata/billing"
	"cache_tenantdata/memo"
	"cache_tenantdata/uuid"
)

func Use(ctx context.Context, m *memo.Memo, store *billing.Store, orgID string, id uuid.UUID) *billing.Invoice {
	inv, _ := store.Get(ctx, orgID, id)
	m.Put(id, inv)                 // want `^memo\.Memo\.Put key is not tenant-scoped; it caches \*billing\.Invoice from Store\.Get, a tenant-filtered lookup; the key has no tenant value \(looked for: params orgID; fields OrgID\) \(manual fix: no cache\.key_func is configured\)$`
	m.Put("inv:"+id.String(), inv) // want `^memo\.Memo\.Put key is not tenant-scoped; it caches \*billing\.Invoice from Store\.Get, a tenant-filtered lookup; the key has no tenant value`
	m.Put(orgID+":inv:"+id.String(), inv)
	m.PutKey(memo.Key{OrgID: orgID, ID: id}, inv)
	m.PutKey(memo.Key{ID: id}, inv) // want `^memo\.Memo\.PutKey key is not tenant-scoped; it caches \*billing\.Invoice from Store\.Get, a tenant-filtered lookup; `
	memo.Remember(m, [2]string{orgID, id.String()}, inv)
	memo.Remember(m, [2]string{"inv", id.String()}, inv) // want `^memo\.Remember key is not tenant-scoped; it caches \*billing\.Invoice from Store\.Get, a tenant-filtered lookup; `
	if v, ok := m.Get(memo.Key{OrgID: orgID, ID: id}); ok {
		return v.(*billing.Invoice)
	}
	m.Put(7, true) // a flag: no tenant data
	return inv
}
