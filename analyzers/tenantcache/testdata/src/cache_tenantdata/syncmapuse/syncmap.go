// Package syncmapuse caches tenant data in sync.Maps (the sync-map
// preset) under cache.report: tenant-data: a string key is judged as a
// string, a struct or array key is scoped when an element holds the
// tenant, and calls about no tenant data are not findings.
package syncmapuse

import (
	"context"
	"sync"

	"cache_tenantdata/billing"
	"cache_tenantdata/uuid"
)

type invoiceKey struct {
	OrgID string
	ID    uuid.UUID
}

type Service struct {
	store    *billing.Store
	invoices sync.Map
	seen     sync.Map
}

// Keys of any type: the tenant in a field or element scopes them.
func (s *Service) Invoice(ctx context.Context, orgID string, id uuid.UUID) *billing.Invoice {
	if v, ok := s.invoices.Load(id); ok { // want `^sync\.Map\.Load key is not tenant-scoped; it caches \*billing\.Invoice; the key has no tenant value \(looked for: params orgID; fields OrgID\) \(manual fix: no cache\.key_func is configured\)$`
		return v.(*billing.Invoice)
	}
	inv, _ := s.store.Get(ctx, orgID, id)
	s.invoices.Store(id, inv) // want `^sync\.Map\.Store key is not tenant-scoped; it caches \*billing\.Invoice from Store\.Get, a tenant-filtered lookup; the key has no tenant value \(looked for: params orgID; fields OrgID\) \(manual fix: no cache\.key_func is configured\)$`
	s.invoices.Store(invoiceKey{OrgID: orgID, ID: id}, inv)
	s.invoices.LoadOrStore([2]string{orgID, id.String()}, inv)
	s.invoices.Swap(invoiceKey{ID: id}, inv) // want `^sync\.Map\.Swap key is not tenant-scoped; it caches \*billing\.Invoice from Store\.Get, a tenant-filtered lookup; `
	return inv
}

// A string given for the any key is a string key.
func (s *Service) Strings(ctx context.Context, orgID string, id uuid.UUID) {
	inv, _ := s.store.Get(ctx, orgID, id)
	s.invoices.Store("inv:"+id.String(), inv) // want `^sync\.Map\.Store key is not tenant-scoped; it caches \*billing\.Invoice from Store\.Get, a tenant-filtered lookup; the key has no tenant value`
	s.invoices.Store(orgID+":inv:"+id.String(), inv)
}

// No tenant data: a dedupe flag by topic is not a finding.
func (s *Service) Negatives(topic string, n int) {
	s.seen.Store("seen:"+topic, true)
	s.seen.Store(n, true)
}
