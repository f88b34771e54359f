package ctxs

import (
	"context"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"cache_fix_ctx/tenant"
)

var rdb = redis.NewClient(nil)

// A context.Context parameter, whatever its name.
func param(c context.Context, id string) {
	rdb.Get(c, id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

// A local declared before the call.
func localBefore(id string) {
	ctx := tenant.With(context.Background(), id)
	rdb.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	ctx2, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	rdb.Get(ctx2, id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

// A local declared after the call is not in scope there.
func localAfter(id string) {
	rdb.Get(context.TODO(), id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: no context\.Context in scope; struct fields and context\.Background/TODO carry no tenant, so pass a ctx in\)$`

	ctx := tenant.With(context.Background(), id)
	rdb.Get(ctx, tenant.Key(ctx, id))
}

// Nor is one declared in a block that does not enclose the call.
func otherBlock(id string, cond bool) {
	if cond {
		ctx := tenant.With(context.Background(), id)
		rdb.Get(ctx, tenant.Key(ctx, id))
	}
	rdb.Get(context.TODO(), id) // want `\(manual fix: no context\.Context in scope`
}

// context.Background() and context.TODO() carry no tenant; nor does a
// nil context.
func emptyContexts(id string) {
	ctx := context.Background()
	rdb.Get(ctx, id) // want `\(manual fix: no context\.Context in scope`

	todo := context.TODO()
	rdb.Get(todo, id) // want `\(manual fix: no context\.Context in scope`

	var none context.Context
	rdb.Get(none, id) // want `\(manual fix: no context\.Context in scope`
}

// A context in a struct field is not used.
type Server struct {
	ctx context.Context
	rdb *redis.Client
}

func (s *Server) get(id string) {
	s.rdb.Get(s.ctx, id) // want `\(manual fix: no context\.Context in scope`
}

// An *http.Request parameter: the fix uses r.Context().
func handler(w http.ResponseWriter, r *http.Request) {
	rdb.Get(r.Context(), r.URL.Path) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

// A request the code made itself carries no tenant.
func ownRequest(id string) {
	req, _ := http.NewRequest("GET", "/", nil)
	rdb.Get(req.Context(), id) // want `\(manual fix: no context\.Context in scope`
}

// A context parameter wins over a request.
func both(ctx context.Context, r *http.Request) {
	rdb.Get(ctx, r.URL.Path) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
}

// Closures see the contexts of the functions around them.
func closures(ctx context.Context, ids []string) {
	for _, id := range ids {
		func() {
			rdb.Get(ctx, id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
		}()
	}
	go func(id string) {
		rdb.Get(context.Background(), id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	}("x")
	_ = func(inner context.Context, id string) {
		rdb.Get(inner, id) // want `^redis\.Client\.Get key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	}
}

// A closure parameter of http.HandlerFunc shape.
var mux = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
	rdb.Del(req.Context(), "a", req.URL.Path) // want `^redis\.Client\.Del keys \(2\) are not tenant-scoped`
})

// A ctx shadowed by a variable that is not a context.
func shadowed(ctx context.Context, id string) {
	{
		ctx := "not a context"
		_ = ctx
		rdb.Get(context.Background(), id) // want `\(manual fix: no context\.Context in scope`
	}
}

// Keys built before the context exists cannot be wrapped with it.
func builtEarly(id string) {
	keys := []string{id}
	ctx := tenant.With(context.Background(), id)
	rdb.Del(ctx, keys...) // want `^redis\.Client\.Del key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\) \(manual fix: ctx is not in scope where the key is built\)$`
}

// No context at all.
func none(id string) {
	rdb.Get(context.Background(), id) // want `\(manual fix: no context\.Context in scope`
}
