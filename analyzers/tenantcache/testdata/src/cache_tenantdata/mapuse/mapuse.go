// Package mapuse caches tenant data in map fields (cache.apis field)
// under cache.report: tenant-data: the map's value type says what it
// caches, and a map of values no tenant owns is not a finding.
package mapuse

import (
	"context"

	"cache_tenantdata/billing"
	"cache_tenantdata/uuid"
)

type invoiceKey struct {
	OrgID string
	ID    uuid.UUID
}

type Service struct {
	store    *billing.Store
	invoices map[uuid.UUID]*billing.Invoice
	byKey    map[invoiceKey]*billing.Invoice
	seen     map[string]bool
	untyped  map[string]any
}

func (s *Service) Invoice(ctx context.Context, orgID string, id uuid.UUID) *billing.Invoice {
	if inv, ok := s.invoices[id]; ok { // want `^mapuse\.Service\.invoices key is not tenant-scoped; it caches \*billing\.Invoice, the values of this map; the key has no tenant value`
		return inv
	}
	inv, _ := s.store.Get(ctx, orgID, id)
	s.byKey[invoiceKey{OrgID: orgID, ID: id}] = inv
	s.byKey[invoiceKey{ID: id}] = inv // want `^mapuse\.Service\.byKey key is not tenant-scoped; it caches \*billing\.Invoice, the values of this map; `
	delete(s.invoices, id)            // want `^mapuse\.Service\.invoices key is not tenant-scoped; it caches \*billing\.Invoice, the values of this map; `
	s.seen["seen:"+id.String()] = true
	return inv
}

// An untyped map: what its result is asserted to says what it caches,
// and the other accesses to the same field hold the same.
func (s *Service) Untyped(ctx context.Context, orgID string, id uuid.UUID) *billing.Invoice {
	if v, ok := s.untyped["inv:"+id.String()]; ok { // want `^mapuse\.Service\.untyped key is not tenant-scoped; it caches \*billing\.Invoice; the key has no tenant value`
		return v.(*billing.Invoice)
	}
	s.untyped[orgID+":inv:"+id.String()] = nil
	delete(s.untyped, "inv:"+id.String()) // want `^mapuse\.Service\.untyped key is not tenant-scoped; it caches \*billing\.Invoice \(as the call at mapuse\.go:\d+ does\); `
	return nil
}
