package recv

import (
	"context"

	"github.com/redis/go-redis/v9"

	"cache_receivers/tenant"
)

// The preset's client types and interfaces.
func presetTypes(ctx context.Context, c *redis.Client, cmd redis.Cmdable, u redis.UniversalClient) {
	c.Get(ctx, "k") // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	cmd.Get(ctx, "k") // want `^redis\.Cmdable\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	u.Get(ctx, "k") // want `^redis\.UniversalClient\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	redis.NewClient(nil).Del(ctx, "k") // want `^redis\.Client\.Del key is not tenant-scoped`

	c.Get(ctx, tenant.Key(ctx, "k"))
	cmd.Get(ctx, tenant.Key(ctx, "k"))
	u.Get(ctx, tenant.Key(ctx, "k"))
}

// Store embeds a *redis.Client: its methods are promoted.
type Store struct {
	*redis.Client
	name string
}

// Outer embeds Store: promoted twice.
type Outer struct {
	Store
}

// Repo holds a client in a named field.
type Repo struct {
	rdb redis.UniversalClient
}

func (s *Store) load(ctx context.Context, id string) {
	s.Get(ctx, s.name+id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	s.Client.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped`

	s.Get(ctx, tenant.Key(ctx, s.name+id))
}

func (o Outer) load(ctx context.Context, id string) {
	o.Set(ctx, id, 1, 0) // want `^redis\.Client\.Set key is not tenant-scoped`

	o.Set(ctx, tenant.Key(ctx, id), 1, 0)
}

func (r *Repo) load(ctx context.Context, id string) {
	r.rdb.Get(ctx, id) // want `^redis\.UniversalClient\.Get key is not tenant-scoped`

	r.rdb.Get(ctx, tenant.Key(ctx, id))
}

// KV embeds redis.Cmdable: calls through it count.
type KV interface {
	redis.Cmdable
	Name() string
}

// Deep embeds KV.
type Deep interface {
	KV
}

func throughInterfaces(ctx context.Context, kv KV, d Deep) {
	kv.Get(ctx, kv.Name()) // want `^redis\.Cmdable\.Get key is not tenant-scoped`

	d.Del(ctx, "a", "b") // want `^redis\.Cmdable\.Del keys \(2\) are not tenant-scoped`

	kv.Get(ctx, tenant.Key(ctx, kv.Name()))
}

// Getter has a Get of the same shape, but it is no configured API.
type Getter interface {
	Get(ctx context.Context, key string) *redis.StringCmd
}

type getter struct{}

func (getter) Get(ctx context.Context, key string) *redis.StringCmd { return nil }

func lookalikes(ctx context.Context, g Getter, h getter) {
	g.Get(ctx, "k")
	h.Get(ctx, "k")
}

// Type parameters constrained by a configured interface.
func generic[C redis.Cmdable](ctx context.Context, c C) {
	c.Get(ctx, "k") // want `^redis\.Cmdable\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	c.Get(ctx, tenant.Key(ctx, "k"))
}

func genericInline[C interface {
	redis.Cmdable
	comparable
}](ctx context.Context, c C) {
	c.Get(ctx, "k") // want `^redis\.Cmdable\.Get key is not tenant-scoped`
}

func genericUser[C KV](ctx context.Context, c C) {
	c.Incr(ctx, "k") // want `^redis\.Cmdable\.Incr key is not tenant-scoped`
}

// Holder is a generic struct whose field has a constrained type.
type Holder[C redis.UniversalClient] struct {
	c C
}

func (h *Holder[C]) load(ctx context.Context) {
	h.c.Get(ctx, "k") // want `^redis\.UniversalClient\.Get key is not tenant-scoped`
}

func instantiate(ctx context.Context, c *redis.Client) {
	generic(ctx, c)
	generic[*redis.Client](ctx, c)
}

// Method expressions: the receiver is the first argument.
func methodExpressions(ctx context.Context, c *redis.Client, cmd redis.Cmdable) {
	(*redis.Client).Get(c, ctx, "k") // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	redis.Cmdable.Del(cmd, ctx, "a", "b") // want `^redis\.Cmdable\.Del keys \(2\) are not tenant-scoped`

	(*redis.Client).Get(c, ctx, tenant.Key(ctx, "k"))
}

// An alias of a client type is the type.
type RC = redis.Client

func alias(ctx context.Context, c *RC) {
	c.Get(ctx, "k") // want `^redis\.Client\.Get key is not tenant-scoped`

	(*RC).Get(c, ctx, "k") // want `^redis\.Client\.Get key is not tenant-scoped`
}

// Safe types are never reported, even when they embed a client, and
// neither is anything reached through one.
type Service struct {
	tenant.Cache
	cache *tenant.Cache
	store tenant.Store
}

func safe(ctx context.Context, tc *tenant.Cache, st tenant.Store, svc *Service) {
	tc.Get(ctx, "k")
	tc.Client.Get(ctx, "k") // want `^redis\.Client\.Get key is not tenant-scoped`

	st.Get(ctx, "k")
	svc.Get(ctx, "k")
	svc.cache.Get(ctx, "k")
	svc.store.Del(ctx, "a", "b")
	(*tenant.Cache).Get(tc, ctx, "k")
}

func safeGeneric[S tenant.Store](ctx context.Context, s S) {
	s.Get(ctx, "k")
}
