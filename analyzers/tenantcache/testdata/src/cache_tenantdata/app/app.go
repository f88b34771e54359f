// Package app caches in front of the billing store: the calls about
// tenant data are findings whatever their key's type, the others are not.
package app

import (
	"context"
	"encoding/json"

	"cache_tenantdata/billing"
	"cache_tenantdata/kv"
	"cache_tenantdata/uuid"

	"github.com/allegro/bigcache/v3"
	"github.com/dgraph-io/ristretto/v2"
	lru "github.com/hashicorp/golang-lru/v2"
	"github.com/hashicorp/golang-lru/v2/expirable"
	"github.com/patrickmn/go-cache"
)

// invoiceKey scopes a key by its OrgID field.
type invoiceKey struct {
	OrgID string
	ID    uuid.UUID
}

// idKey has no tenant.
type idKey struct{ ID uuid.UUID }

// RouteMeta is route metadata: no tenant data.
type RouteMeta struct{ Path, Handler string }

// Product is shared by every tenant: no tenant field.
type Product struct {
	ID   uuid.UUID
	Name string
}

type Service struct {
	store    *billing.Store
	invoices *lru.Cache[uuid.UUID, *billing.Invoice]
	byKey    *lru.Cache[invoiceKey, *billing.Invoice]
	byID     *lru.Cache[idKey, *billing.Invoice]
	pairs    *expirable.LRU[[2]string, *billing.Invoice]
	totals   *ristretto.Cache[int64, []billing.Invoice]
	routes   *lru.Cache[string, *RouteMeta]
	products *lru.Cache[uuid.UUID, *Product]
	gc       *cache.Cache
	big      *bigcache.BigCache
	kv       *kv.Store
}

// Invoice is the pattern that leaks: an LRU keyed by the invoice's UUID
// in front of a tenant-filtered lookup. Another organisation that
// presents the UUID gets the cached invoice and skips the filter.
func (s *Service) Invoice(ctx context.Context, orgID string, id uuid.UUID) (*billing.Invoice, error) {
	if inv, ok := s.invoices.Get(id); ok { // want `^lru\.Cache\.Get key is not tenant-scoped; it caches \*billing\.Invoice, the values of this lru\.Cache; the key has no tenant value \(looked for: params orgID; fields OrgID\) \(manual fix: no cache\.key_func is configured\)$`
		return inv, nil
	}
	inv, err := s.store.Get(ctx, orgID, id)
	if err != nil {
		return nil, err
	}
	s.invoices.Add(id, inv) // want `^lru\.Cache\.Add key is not tenant-scoped; it caches \*billing\.Invoice from Store\.Get, a tenant-filtered lookup; the key has no tenant value \(looked for: params orgID; fields OrgID\) \(manual fix: no cache\.key_func is configured\)$`
	return inv, nil
}

// Struct keys are scoped when a field holds the tenant.
func (s *Service) StructKeys(ctx context.Context, orgID string, id uuid.UUID) {
	inv, _ := s.store.Get(ctx, orgID, id)
	s.byKey.Add(invoiceKey{OrgID: orgID, ID: id}, inv)
	s.byKey.Get(invoiceKey{orgID, id})
	k := invoiceKey{ID: id}
	k.OrgID = orgID
	s.byKey.Get(k)
	s.byKey.Get(invoiceKey{ID: id}) // want `^lru\.Cache\.Get key is not tenant-scoped; it caches \*billing\.Invoice, the values of this lru\.Cache; `
	s.byID.Add(idKey{id}, inv)      // want `^lru\.Cache\.Add key is not tenant-scoped; it caches \*billing\.Invoice from Store\.Get, a tenant-filtered lookup; `
}

// Arrays and integers: an array with the tenant is scoped, an integer
// given by the caller is not.
func (s *Service) OtherKeys(ctx context.Context, orgID string, id uuid.UUID, n int64) {
	inv, _ := s.store.Get(ctx, orgID, id)
	s.pairs.Add([2]string{orgID, id.String()}, inv)
	s.totals.Set(n, []billing.Invoice{*inv}, 1) // want `^ristretto\.Cache\.Set key is not tenant-scoped; it caches \[\]billing\.Invoice; the key has no tenant value`
}

// A key made by a call given a context (which may read the tenant from
// it) is unchecked: no finding, counted apart.
func (s *Service) FromContext(ctx context.Context) {
	s.invoices.Get(idFrom(ctx))
}

func idFrom(ctx context.Context) uuid.UUID { return uuid.UUID{} }

// Interface-valued caches: what is stored, what the result is asserted
// to, and the other calls on the same cache.
func (s *Service) Untyped(ctx context.Context, orgID string, id uuid.UUID) *billing.Invoice {
	inv, _ := s.store.Get(ctx, orgID, id)
	s.gc.Set("inv:"+id.String(), inv, 0)             // want `^cache\.Cache\.Set key is not tenant-scoped; it caches \*billing\.Invoice from Store\.Get, a tenant-filtered lookup; the key has no tenant value`
	if v, ok := s.gc.Get("inv:" + id.String()); ok { // want `^cache\.Cache\.Get key is not tenant-scoped; it caches \*billing\.Invoice; `
		return v.(*billing.Invoice)
	}
	s.gc.Delete("inv:" + id.String()) // want `^cache\.Cache\.Delete key is not tenant-scoped; it caches \*billing\.Invoice from Store\.Get, a tenant-filtered lookup \(as the call at app\.go:\d+ does\); `
	s.gc.Set(orgID+":inv:"+id.String(), inv, 0)
	return nil
}

// Encoded tenant data is tenant data; a function of another package
// that returns it is known by its fact.
func (s *Service) Encoded(ctx context.Context, orgID, org string, id uuid.UUID, n int64) {
	inv, _ := s.store.Get(ctx, orgID, id)
	b, _ := json.Marshal(inv)
	s.big.Set("inv:"+id.String(), b) // want `^bigcache\.BigCache\.Set key is not tenant-scoped; it caches \*billing\.Invoice from Store\.Get, a tenant-filtered lookup encoded; `
	rep := billing.Latest(s.store, org)
	raw, _ := json.Marshal(rep)
	s.kv.Put(n, raw) // want `^kv\.Store\.Put key is not tenant-scoped; it caches billing\.Report from Store\.Report, a tenant-filtered lookup encoded; the key has no tenant value`
	s.kv.Put(n, []byte("ok"))
}

// The negatives: route metadata keyed by a constant, a dedupe flag keyed
// by topic, an LRU of values no tenant owns.
func (s *Service) Negatives(topic string, id uuid.UUID) {
	s.routes.Add("/api/v1/invoices", &RouteMeta{Path: "/api/v1/invoices"})
	s.routes.Get("/api/v1/invoices")
	s.gc.Set("seen:"+topic, true, 0)
	s.products.Add(id, &Product{ID: id})
	s.products.Get(id)
}
