package benchgen

// tenantSrc is the generated module's tenant package: the marker, the
// generic repository and the key function.
const tenantSrc = `// Package tenant carries the current tenant through a request and
// provides the tenant-aware building blocks that service packages use.
package tenant

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
)

// Model is embedded by every tenant-scoped model.
type Model struct {
	TenantID string
}

// ErrNoTenant is returned when a context carries no tenant.
var ErrNoTenant = errors.New("tenant: no tenant in context")

// ErrNotFound is returned by Repository.Get for a missing row.
var ErrNotFound = errors.New("tenant: not found")

type ctxKey struct{}

// WithTenant returns a copy of ctx that carries tenant id.
func WithTenant(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, ctxKey{}, id)
}

// FromContext returns the tenant carried by ctx, or "".
func FromContext(ctx context.Context) string {
	id, _ := ctx.Value(ctxKey{}).(string)
	return id
}

// Key scopes a cache key to the tenant carried by ctx.
func Key(ctx context.Context, key string) string {
	return "t:" + FromContext(ctx) + ":" + key
}

// Repository stores models of type M in one table, partitioned by tenant.
type Repository[M any] struct {
	table string
	mu    sync.Mutex
	rows  map[string]map[string]*M
}

// NewRepository returns an empty repository for table.
func NewRepository[M any](table string) *Repository[M] {
	return &Repository[M]{table: table, rows: map[string]map[string]*M{}}
}

// Table is the repository's table name.
func (r *Repository[M]) Table() string { return r.table }

func current(ctx context.Context) (string, error) {
	if t := FromContext(ctx); t != "" {
		return t, nil
	}
	return "", ErrNoTenant
}

// Get returns the row with the given id of the current tenant.
func (r *Repository[M]) Get(ctx context.Context, id string) (*M, error) {
	t, err := current(ctx)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	m, ok := r.rows[t][id]
	if !ok {
		return nil, fmt.Errorf("%s %q: %w", r.table, id, ErrNotFound)
	}
	return m, nil
}

// Save stores m under id for the current tenant.
func (r *Repository[M]) Save(ctx context.Context, id string, m *M) error {
	t, err := current(ctx)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.rows == nil {
		r.rows = map[string]map[string]*M{}
	}
	if r.rows[t] == nil {
		r.rows[t] = map[string]*M{}
	}
	r.rows[t][id] = m
	return nil
}

// IDs lists the current tenant's ids, sorted.
func (r *Repository[M]) IDs(ctx context.Context) ([]string, error) {
	t, err := current(ctx)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	ids := make([]string, 0, len(r.rows[t]))
	for id := range r.rows[t] {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, nil
}
`

// tenantCacheSrc is the tenant package's safe cache; its kv.Store calls
// are scoped with Key.
const tenantCacheSrc = `package tenant

import (
	"context"

	"example.com/bench/internal/kv"
)

// Cache scopes every key to the tenant carried by the context, so callers
// pass plain keys.
type Cache struct {
	store *kv.Store
}

// NewCache returns a tenant-aware cache over store.
func NewCache(store *kv.Store) *Cache { return &Cache{store: store} }

// Get returns the tenant's value for key.
func (c *Cache) Get(ctx context.Context, key string) (string, bool) {
	return c.store.Get(ctx, Key(ctx, key))
}

// Set stores the tenant's value for key.
func (c *Cache) Set(ctx context.Context, key, value string) {
	c.store.Set(ctx, Key(ctx, key), value)
}

// Del drops the tenant's key.
func (c *Cache) Del(ctx context.Context, key string) int {
	return c.store.Del(ctx, Key(ctx, key))
}
`

// tenantCacheCalls is the number of (scoped) kv.Store calls in
// tenantCacheSrc.
const tenantCacheCalls = 3

// kvSrc is the generated module's cache API, declared in cache.apis.
const kvSrc = `// Package kv is an in-process key-value cache with a Redis-like API.
// Its keys are global: callers scope them with tenant.Key.
package kv

import (
	"context"
	"sync"
)

// Store is a concurrency-safe string cache.
type Store struct {
	mu   sync.RWMutex
	data map[string]string
}

// NewStore returns an empty store.
func NewStore() *Store { return &Store{data: map[string]string{}} }

// Get returns the value stored under key.
func (s *Store) Get(ctx context.Context, key string) (string, bool) {
	if ctx.Err() != nil {
		return "", false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	v, ok := s.data[key]
	return v, ok
}

// Set stores value under key.
func (s *Store) Set(ctx context.Context, key, value string) {
	if ctx.Err() != nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.data == nil {
		s.data = map[string]string{}
	}
	s.data[key] = value
}

// Del drops keys and returns how many were present.
func (s *Store) Del(ctx context.Context, keys ...string) int {
	if ctx.Err() != nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, k := range keys {
		if _, ok := s.data[k]; ok {
			delete(s.data, k)
			n++
		}
	}
	return n
}
`

type callKind int

const (
	callScoped callKind = iota
	callSafe
	callFixable
	callManual
	callSuppressed
)

// cacheSnippet is a method or function of a service package with cache
// calls of one kind.
type cacheSnippet struct {
	kind    callKind
	calls   int  // cache calls of that kind in text
	always  bool // in every package; the others in about half
	imports []string
	text    string
}

var cacheSnippets = []cacheSnippet{
	// Scoped.
	{kind: callScoped, calls: 1, always: true, text: `
// LoadUser reads a user's cached profile.
func (s *Service) LoadUser(ctx context.Context, id string) (string, bool) {
	return s.store.Get(ctx, tenant.Key(ctx, "user:"+id))
}
`},
	{kind: callScoped, calls: 1, always: true, text: `
// SaveOrder caches an order's rendered payload.
func (s *Service) SaveOrder(ctx context.Context, id, payload string) {
	key := tenant.Key(ctx, "order:"+id)
	s.store.Set(ctx, key, payload)
	s.hits++
}
`},
	{kind: callScoped, calls: 1, imports: []string{"fmt"}, text: `
// SaveVersion caches one version of a document.
func (s *Service) SaveVersion(ctx context.Context, id string, version int, payload string) {
	s.store.Set(ctx, fmt.Sprintf("%s:v%d", tenant.Key(ctx, id), version), payload)
}
`},
	{kind: callScoped, calls: 1, text: `
// Meta reads a document's cached metadata.
func (s *Service) Meta(ctx context.Context, id string) (string, bool) {
	return s.store.Get(ctx, tenant.Key(ctx, id)+":meta")
}
`},
	{kind: callScoped, calls: 1, text: `
// DropList forgets a cached list and its count.
func (s *Service) DropList(ctx context.Context, id string) int {
	return s.store.Del(ctx, tenant.Key(ctx, "list:"+id), tenant.Key(ctx, "count:"+id))
}
`},
	{kind: callScoped, calls: 1, text: `
// Lookup reads a document or its draft.
func (s *Service) Lookup(ctx context.Context, id string, draft bool) (string, bool) {
	key := tenant.Key(ctx, "doc:"+id)
	if draft {
		key = tenant.Key(ctx, "draft:"+id)
	}
	key += ":body"
	return s.store.Get(ctx, key)
}
`},
	// Safe type.
	{kind: callSafe, calls: 2, always: true, text: `
// Profile reads through the tenant-aware cache, which scopes keys itself.
func (s *Service) Profile(ctx context.Context, id string) string {
	if v, ok := s.cache.Get(ctx, "profile:"+id); ok {
		return v
	}
	s.cache.Set(ctx, "profile:"+id, "{}")
	return "{}"
}
`},
	// Fixable: raw keys with a context in scope.
	{kind: callFixable, calls: 1, always: true, text: `
// Session reads a session blob. Its key is not tenant-scoped.
func (s *Service) Session(ctx context.Context, id string) (string, bool) {
	return s.store.Get(ctx, "session:"+id)
}
`},
	{kind: callFixable, calls: 1, text: `
// Put stores value under a caller's key; a parameter is never scoped.
func (s *Service) Put(ctx context.Context, key, value string) {
	s.store.Set(ctx, key, value)
}
`},
	{kind: callFixable, calls: 1, imports: []string{"fmt", "net/http"}, text: `
// ServePage serves a cached page; the request carries the context.
func (s *Service) ServePage(w http.ResponseWriter, r *http.Request) {
	v, ok := s.store.Get(r.Context(), "page:"+r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprint(w, v)
}
`},
	{kind: callFixable, calls: 1, text: `
// Evict drops an entry and its scoped index; the first key is raw.
func (s *Service) Evict(ctx context.Context, id string) int {
	return s.store.Del(ctx, "entry:"+id, tenant.Key(ctx, "index:"+id))
}
`},
	{kind: callFixable, calls: 1, text: `
// MarkAll flags ids from a closure; the context comes from the enclosing
// method.
func (s *Service) MarkAll(ctx context.Context, ids []string) {
	for _, id := range ids {
		func() {
			s.store.Set(ctx, "mark:"+id, "1")
		}()
	}
}
`},
	{kind: callFixable, calls: 1, imports: []string{"time"}, text: `
// Fetch reads with a deadline derived from the caller's context.
func (s *Service) Fetch(parent context.Context, id string) (string, bool) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return s.store.Get(ctx, "fetch:"+id)
}
`},
	{kind: callFixable, calls: 1, imports: []string{"strings"}, text: `
// Invoice reads through a local key that is never scoped.
func (s *Service) Invoice(ctx context.Context, id string) (string, bool) {
	key := "inv:" + strings.ToLower(id)
	return s.store.Get(ctx, key)
}
`},
	{kind: callFixable, calls: 1, text: `
// Legacy reads a key that is scoped on one path only.
func (s *Service) Legacy(ctx context.Context, id string, legacy bool) (string, bool) {
	key := "legacy:" + id
	if !legacy {
		key = tenant.Key(ctx, "doc:"+id)
	}
	return s.store.Get(ctx, key)
}
`},
	{kind: callFixable, calls: 1, text: `
type shard struct {
	*kv.Store
	name string
}

// Touch marks the shard through a method promoted from kv.Store.
func (sh *shard) Touch(ctx context.Context) {
	sh.Set(ctx, "shard:"+sh.name, "1")
}
`},
	{kind: callFixable, calls: 1, text: `
var defaultStore = kv.NewStore()

// Remember caches v in the package's default store.
func Remember(ctx context.Context, k, v string) {
	defaultStore.Set(ctx, "mem:"+k, v)
}
`},
	// Manual: no context that carries a tenant.
	{kind: callManual, calls: 1, always: true, text: `
// Warm preloads keys outside any request.
func (s *Service) Warm(keys []string) {
	for _, k := range keys {
		s.store.Set(context.Background(), "warm:"+k, "")
	}
}
`},
	{kind: callManual, calls: 1, text: `
// Refresh uses the context stored in the service, which carries no
// request's tenant.
func (s *Service) Refresh(name string) {
	s.store.Set(s.ctx, "cfg:"+name, "")
}
`},
	{kind: callManual, calls: 1, text: `
// Stat reads a counter with a background context.
func (s *Service) Stat(name string) string {
	bg := context.Background()
	v, _ := s.store.Get(bg, "stat:"+name)
	return v
}
`},
	{kind: callManual, calls: 1, text: `
// warmAll preloads names from a cron job.
var warmAll = func(st *kv.Store, names []string) {
	for _, n := range names {
		st.Set(context.TODO(), "w:"+n, "")
	}
}
`},
	// Suppressed.
	{kind: callSuppressed, calls: 1, text: `
// Flags reads the feature flags, which every tenant shares.
func (s *Service) Flags(ctx context.Context) (string, bool) {
	//tenantlint:ignore tenantcache feature flags are shared by every tenant
	return s.store.Get(ctx, "feature-flags")
}
`},
}
