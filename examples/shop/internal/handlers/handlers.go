// Package handlers serves the shop's HTTP API.
package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
	"github.com/redis/go-redis/v9"

	"example.com/shop/internal/store"
	"example.com/shop/internal/tenant"
)

// Handler holds the dependencies of the HTTP handlers.
type Handler struct {
	rdb   *redis.Client
	mc    *memcache.Client
	cache *tenant.Cache
}

// New returns a Handler using the given cache clients.
func New(rdb *redis.Client, mc *memcache.Client) *Handler {
	return &Handler{rdb: rdb, mc: mc, cache: tenant.NewCache(rdb)}
}

// WithTenant reads the tenant from the X-Tenant-ID header and puts it in the
// request's context.
func WithTenant(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Tenant-ID")
		if id == "" {
			http.Error(w, "missing X-Tenant-ID", http.StatusBadRequest)
			return
		}
		next.ServeHTTP(w, r.WithContext(tenant.WithTenant(r.Context(), id)))
	})
}

// GetProduct serves a product, reading through the tenant's Redis cache.
func (h *Handler) GetProduct(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if v, err := h.rdb.Get(r.Context(), tenant.Key(r.Context(), "product:"+id)).Result(); err == nil {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(v))
		return
	}
	p, err := store.Products.Get(r.Context(), id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	writeJSON(w, p)
}

// GetProductName serves a product's name from the legacy cache, whose keys
// predate tenant scoping.
func (h *Handler) GetProductName(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	name, err := h.rdb.Get(ctx, "product:"+id).Result()
	if err != nil {
		http.Error(w, "not cached", http.StatusNotFound)
		return
	}
	writeJSON(w, map[string]string{"id": id, "name": name})
}

// DeleteProduct drops a product's cache entries after it was edited.
func (h *Handler) DeleteProduct(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	if err := h.rdb.Del(ctx, "product:"+id, tenant.Key(ctx, "products:all")).Err(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// Recent serves the tenant's recently viewed product ids. It uses
// tenant.Cache, which scopes keys itself.
func (h *Handler) Recent(w http.ResponseWriter, r *http.Request) {
	ids, err := h.cache.Get(r.Context(), "recent")
	if err != nil {
		ids = "[]"
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(ids))
}

// Flags serves the feature flags.
func (h *Handler) Flags(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	//tenantlint:ignore tenantcache global feature flags are shared by all tenants
	flags, err := h.rdb.Get(ctx, "feature-flags").Result()
	if err != nil {
		flags = "{}"
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(flags))
}

// SaveSession stores a session blob in memcached.
func (h *Handler) SaveSession(ctx context.Context, id string, b []byte) error {
	return h.mc.Set(&memcache.Item{Key: "session:" + id, Value: b})
}

// CartItems returns the cached cart and its totals.
func (h *Handler) CartItems(ctx context.Context, cartID string) (map[string]*memcache.Item, error) {
	return h.mc.GetMulti([]string{tenant.Key(ctx, "cart:"+cartID), "cart-totals:" + cartID})
}

// WarmCache preloads the landing pages into Redis. It runs from a cron job,
// outside any request, so it has no tenant.
func WarmCache(rdb *redis.Client) error {
	for _, x := range []string{"home", "bestsellers", "new"} {
		if err := rdb.Set(context.Background(), "warm:"+x, "{}", time.Hour).Err(); err != nil {
			return err
		}
	}
	return nil
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
