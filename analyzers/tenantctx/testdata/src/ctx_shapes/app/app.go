package app

import (
	"context"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"ctx_shapes/audit"
	"ctx_shapes/helpers"
	"ctx_shapes/store"
	"ctx_shapes/tenant"
)

type Order struct{ ID string }

type ctxKey struct{}

var (
	orders = &tenant.Repository[Order]{}
	cache  = &tenant.Cache{}
	users  = &store.Users{}
	orgs   = &store.Orgs{}
	clock  = store.Clock{}
	logger = &audit.Logger{}
	rdb    = redis.NewClient(nil)
)

// A context parameter, and every kind of sink.
func param(ctx context.Context, id string) {
	orders.Get(context.Background(), id)     // want `^context\.Background\(\) passed to tenant\.Repository\.Get drops the tenant carried by ctx; pass ctx$`
	orders.Save(context.TODO(), &Order{})    // want `^context\.TODO\(\) passed to tenant\.Repository\.Save drops the tenant carried by ctx; pass ctx$`
	cache.Set(context.Background(), id, "v") // want `^context\.Background\(\) passed to tenant\.Cache\.Set drops`
	_ = tenant.Key(context.Background(), id) // want `^context\.Background\(\) passed to tenant\.Key drops`
	rdb.Get(context.Background(), id)        // want `^context\.Background\(\) passed to redis\.Client\.Get drops`
	users.Find(context.TODO(), "org", id)    // want `^context\.TODO\(\) passed to store\.Users\.Find drops`
	audit.Log(context.Background(), "x")     // want `^context\.Background\(\) passed to audit\.Log drops`
	logger.Write(context.Background(), "x")  // want `^context\.Background\(\) passed to audit\.Logger\.Write drops`

	audit.Plain(context.Background(), "not configured")
	clock.Stamp(context.Background(), nil)
	orgs.Get(context.Background(), "org") // the tenant is the explicit orgID
	orders.Get(ctx, id)
	cache.Get(context.WithoutCancel(ctx), id)
	rdb.Get(ctx, tenant.Key(ctx, id))
}

// Any name: the parameter is the context in scope.
func named(c context.Context, id string) {
	orders.Get(context.Background(), id) // want `carried by c; pass c$`
}

// r.Context() of a request parameter; a request the code built itself
// carries no tenant.
func handler(w http.ResponseWriter, r *http.Request) {
	orders.Get(context.Background(), r.URL.Path) // want `carried by r\.Context\(\); pass r\.Context\(\)$`
	orders.Get(r.Context(), r.URL.Path)
}

func ownRequest(id string) {
	req, _ := http.NewRequest("GET", "/", nil)
	orders.Get(req.Context(), id)
	orders.Get(context.Background(), id)
}

// Closures see the contexts of the functions around them; in a go
// statement the fix detaches the context from the request's cancellation.
func closures(ctx context.Context, ids []string) {
	for _, id := range ids {
		func() {
			orders.Get(context.Background(), id) // want `carried by ctx; pass ctx$`
		}()
	}
	go func() {
		orders.Get(context.Background(), "x") // want `carried by ctx; pass context\.WithoutCancel\(ctx\)$`
	}()
	go orders.Get(context.TODO(), "y") // want `carried by ctx; pass context\.WithoutCancel\(ctx\)$`
	_ = func(inner context.Context) {
		orders.Get(context.Background(), "z") // want `carried by inner; pass inner$`
	}
}

// Derived contexts: from the tenant's, they carry it; from Background,
// they do not.
func derived(ctx context.Context, id string) {
	tctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	orders.Get(tctx, id) // want `^tctx \(from context\.Background\(\)\) passed to tenant\.Repository\.Get drops the tenant carried by ctx; derive it from ctx$`

	dctx, cancel2 := context.WithTimeout(ctx, time.Second)
	defer cancel2()
	orders.Get(dctx, id)
	vctx := context.WithValue(dctx, ctxKey{}, "v")
	orders.Get(vctx, id)

	orders.Get(context.WithoutCancel(ctx), id)
	orders.Get(context.WithoutCancel(context.Background()), id) // want `^context\.WithoutCancel\(context\.Background\(\)\) passed to tenant\.Repository\.Get drops the tenant carried by ctx; pass ctx$`
}

// A local holding more than Background is a tenant context.
func local(id string) {
	ctx := tenant.With(context.Background(), id)
	orders.Get(context.TODO(), id) // want `carried by ctx; pass ctx$`
	orders.Get(ctx, id)
}

// A ctx hidden by a local of its name cannot be named: a manual finding.
// Another context in scope is used instead when there is one.
func shadowed(ctx context.Context, id string) {
	{
		ctx := context.Background()
		orders.Get(ctx, id) // want `^ctx \(from context\.Background\(\)\) passed to tenant\.Repository\.Get drops the tenant carried by ctx; derive it from ctx \(manual fix: a declaration of ctx hides the ctx that carries the tenant; rename it\)$`
	}
}

func shadowedWithRequest(ctx context.Context, r *http.Request, id string) {
	{
		ctx := context.Background()
		orders.Get(ctx, id) // want `^ctx \(from context\.Background\(\)\) passed to tenant\.Repository\.Get drops the tenant carried by r\.Context\(\); derive it from r\.Context\(\)$`
	}
}

// Method values and method expressions, called through a local.
func methodValues(ctx context.Context, id string) {
	get := orders.Get
	get(context.Background(), id) // want `^context\.Background\(\) passed to tenant\.Repository\.Get drops`
	save := (*tenant.Repository[Order]).Save
	save(orders, context.TODO(), &Order{}) // want `^context\.TODO\(\) passed to tenant\.Repository\.Save drops`
	get(ctx, id)
}

// Helpers that pass their context on to a sink are sinks: in this
// package, and in others through facts.
func viaHelpers(ctx context.Context, id string) {
	helpers.LoadUser(context.Background(), users, id) // want `^context\.Background\(\) passed to helpers\.LoadUser \(which passes it to store\.Users\.Find\) drops the tenant carried by ctx; pass ctx$`
	helpers.Audit("x", context.TODO())                // want `passed to helpers\.Audit \(which passes it to audit\.Log\) drops`
	helpers.Detached(context.Background(), "x")       // want `passed to helpers\.Detached \(which passes it to audit\.Log\) drops`
	loadOrder(context.Background(), id)               // want `passed to app\.loadOrder \(which passes it to tenant\.Repository\.Get\) drops`
}

func loadOrder(c context.Context, id string) (*Order, error) {
	return orders.Get(c, id)
}

// Nil contexts.
func nils(ctx context.Context, id string) {
	orders.Get(nil, id) // want `^nil passed to tenant\.Repository\.Get drops the tenant carried by ctx; pass ctx$`
	var none context.Context
	orders.Get(none, id) // want `^none \(from nil\) passed to tenant\.Repository\.Get drops the tenant carried by ctx; derive it from ctx \(manual fix: none is declared without a value; assign it from ctx\)$`
}

// Generics: a generic repository's method, and a cache reached through a
// type parameter.
func generic[M any](ctx context.Context, repo *tenant.Repository[M], id string) {
	repo.Get(context.Background(), id) // want `passed to tenant\.Repository\.Get drops`
}

type cacheOf interface {
	*tenant.Cache
	Get(ctx context.Context, key string) (string, bool)
}

func constrained[C cacheOf](ctx context.Context, c C, id string) {
	c.Get(context.Background(), id) // want `passed to tenant\.Cache\.Get drops`
}

// A plain interface that embeds a configured sink interface: its Write
// is the sink's method.
type flushingSink interface {
	audit.Sink
	Flush()
}

func embeddedSink(ctx context.Context, s flushingSink) {
	s.Write(context.Background(), "x") // want `^context\.Background\(\) passed to audit\.Sink\.Write drops`
	s.Flush()
}

// Directives.
func suppressed(ctx context.Context, id string) {
	//tenantlint:ignore tenantctx warming every tenant's entry on purpose
	orders.Get(context.Background(), id)
	//tenantlint:ignore tenantctx nothing to suppress here // want `unused //tenantlint:ignore directive: no tenantctx finding on this line or the next`
	orders.Get(ctx, id)
}

// A context declared after the call is not in scope there.
func after(id string) {
	orders.Get(context.Background(), id)
	ctx := tenant.With(context.Background(), id)
	orders.Get(ctx, id)
}
