// Package app holds the cache groups of tenantcache's fix: the calls on
// one cache with one key form are wrapped together or not at all.
package app

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"cache_fix_groups/tenant"
)

// Store has two caches.
type Store struct {
	rdb  *redis.Client
	meta *redis.Client
}

// A group wrapped whole: the Get and the Set of "user:"+id both have a
// context; the Set builds the same key with fmt.Sprintf. A call already
// scoped is no member: it needs no fix.
func (s *Store) User(ctx context.Context, id string) {
	s.rdb.Get(ctx, "user:"+id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

func (s *Store) SaveUser(ctx context.Context, id string, v []byte) {
	s.rdb.Set(ctx, fmt.Sprintf("user:%s", id), v, 0) // want `^redis\.Client\.Set key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

func (s *Store) DropUser(ctx context.Context, id string) {
	s.rdb.Del(ctx, tenant.Key(ctx, "user:"+id))
}

// A group left whole: the Set of "order:"+id has no context, so the Get
// (whose key is a local of the same form) is left as it is too.
func (s *Store) Order(ctx context.Context, id string) {
	k := "order:" + id
	s.rdb.Get(ctx, k) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: the Set at app\.go:43 shares this cache and key form and cannot be wrapped \(no context\.Context in scope\); wrapping only this call would make the cache miss\)$`
}

func (s *Store) WarmOrder(id string, v []byte) {
	s.rdb.Set(context.Background(), "order:"+id, v, 0) // want `^redis\.Client\.Set key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: no\ context\.Context\ in\ scope;\ struct\ fields\ and\ context\.Background/TODO\ carry\ no\ tenant,\ so\ pass\ a\ ctx\ in; the Get at app\.go:39 shares this cache and key form, so it is left unwrapped too\)$`
}

// Another cache with the same key form is another group: still wrapped.
func (s *Store) OrderMeta(ctx context.Context, id string) {
	s.meta.Get(ctx, "order:"+id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

// One cache, two key forms: "invoice:"+id and the key builder
// invoiceKey are independent groups; the builder's group is held back by
// the Del without a context.
func (s *Store) Invoice(ctx context.Context, id string) {
	s.rdb.Get(ctx, "invoice:"+id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	s.rdb.Get(ctx, invoiceKey(id)) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: the Del at app\.go:61 shares this cache and key form and cannot be wrapped \(no context\.Context in scope\); wrapping only this call would make the cache miss\)$`
}

func (s *Store) PurgeInvoice(id string) {
	s.rdb.Del(context.Background(), invoiceKey(id)) // want `^redis\.Client\.Del key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: no\ context\.Context\ in\ scope;\ struct\ fields\ and\ context\.Background/TODO\ carry\ no\ tenant,\ so\ pass\ a\ ctx\ in; the Get at app\.go:57 shares this cache and key form, so it is left unwrapped too\)$`
}

func invoiceKey(id string) string { return "invoice:" + id }

// A call with keys of two forms joins their groups: the Get of "b:"
// without a context holds back the Del of "a:" and "b:", and with it the
// Get of "a:".
func (s *Store) Pair(ctx context.Context, id string) {
	s.rdb.Del(ctx, "a:"+id, "b:"+id) // want `^redis\.Client\.Del keys\ \(2\)\ are not tenant-scoped; wrap each as tenant\.Key\(ctx, key\) \(manual fix: the Get at app\.go:75 shares this cache and key form and cannot be wrapped \(no context\.Context in scope\); wrapping only this call would make the cache miss\)$`
	s.rdb.Get(ctx, "a:"+id)          // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: the Get at app\.go:75 shares this cache and key form and cannot be wrapped \(no context\.Context in scope\); wrapping only this call would make the cache miss\)$`
}

func (s *Store) B(id string) {
	s.rdb.Get(context.TODO(), "b:"+id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: no\ context\.Context\ in\ scope;\ struct\ fields\ and\ context\.Background/TODO\ carry\ no\ tenant,\ so\ pass\ a\ ctx\ in; the Del at app\.go:70\ \(and\ 1\ more\ call\) shares this cache and key form, so it is left unwrapped too\)$`
}

// A deliberately shared key holds back the calls of its group.
func (s *Store) Flag(ctx context.Context, name string) {
	s.rdb.Get(ctx, "flag:"+name) //tenantlint:ignore tenantcache feature flags are shared by all tenants

	s.rdb.Set(ctx, "flag:"+name, 1, 0) // want `^redis\.Client\.Set key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: the Get at app\.go:80 shares this cache and key form and cannot be wrapped \(suppressed: feature flags are shared by all tenants\); wrapping only this call would make the cache miss\)$`
}

// Keys of no visible form (parameters) match nothing: each call is a
// group of its own.
func (s *Store) Raw(ctx context.Context, key string) {
	s.rdb.Get(ctx, key) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

func (s *Store) RawWarm(key string) {
	s.rdb.Get(context.Background(), key) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: no\ context\.Context\ in\ scope;\ struct\ fields\ and\ context\.Background/TODO\ carry\ no\ tenant,\ so\ pass\ a\ ctx\ in\)$`
}

// A call that an ignore.findings entry drops (Store.Legacy, in
// .tenantlint.yaml) holds back its group too.
func (s *Store) Legacy(ctx context.Context, id string) {
	s.rdb.Set(ctx, "theme:"+id, 1, 0)
}

func (s *Store) Theme(ctx context.Context, id string) {
	s.rdb.Get(ctx, "theme:"+id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: the Set at app\.go:98 shares this cache and key form and cannot be wrapped \(suppressed: legacy themes are shared by all tenants\); wrapping only this call would make the cache miss\)$`
}

// Sessions embeds its cache: the embedded field is the cache of every
// method, whatever the receiver's name.
type Sessions struct {
	*redis.Client
}

func (s *Sessions) Load(ctx context.Context, id string) {
	s.Get(ctx, "session:"+id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: the Set at app\.go:116 shares this cache and key form and cannot be wrapped \(no context\.Context in scope\); wrapping only this call would make the cache miss\)$`
}

func (sess *Sessions) Warm(id string) {
	sess.Set(context.Background(), "session:"+id, 1, 0) // want `^redis\.Client\.Set key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: no\ context\.Context\ in\ scope;\ struct\ fields\ and\ context\.Background/TODO\ carry\ no\ tenant,\ so\ pass\ a\ ctx\ in; the Get at app\.go:112 shares this cache and key form, so it is left unwrapped too\)$`
}

// Package-level caches are their variables.
var (
	pages = redis.NewClient(nil)
	other = redis.NewClient(nil)
)

func Page(ctx context.Context, path string) {
	pages.Get(ctx, "page:"+path) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: the Set at app\.go:132 shares this cache and key form and cannot be wrapped \(no context\.Context in scope\); wrapping only this call would make the cache miss\)$`

	other.Get(ctx, "page:"+path) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

func WarmPage(path string) {
	pages.Set(context.Background(), "page:"+path, 1, 0) // want `^redis\.Client\.Set key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: no\ context\.Context\ in\ scope;\ struct\ fields\ and\ context\.Background/TODO\ carry\ no\ tenant,\ so\ pass\ a\ ctx\ in; the Get at app\.go:126 shares this cache and key form, so it is left unwrapped too\)$`
}
