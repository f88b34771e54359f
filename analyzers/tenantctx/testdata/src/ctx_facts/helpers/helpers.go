package helpers

import (
	"context"
	"time"

	"ctx_facts/sink"
)

// The context itself, a derived one, a local assigned only derived ones.
func Direct(ctx context.Context, msg string) { // want Direct:"tenantctx sink: parameter 0 to sink.Log"
	sink.Log(ctx, msg)
}

func Derived(msg string, ctx context.Context) { // want Derived:"tenantctx sink: parameter 1 to sink.Store.Save"
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	var s sink.Store
	s.Save(tctx, msg)
}

// Through another helper, declared after it; and as a method.
func Outer(ctx context.Context) { // want Outer:"tenantctx sink: parameter 0 to sink.Log"
	inner(ctx)
}

func inner(ctx context.Context) { // want inner:"tenantctx sink: parameter 0 to sink.Log"
	Direct(ctx, "x")
}

type Service struct{}

func (Service) Do(id string, ctx context.Context) { // want Do:"tenantctx sink: parameter 1 to sink.Log"
	go func() { sink.Log(context.WithoutCancel(ctx), id) }()
}

// Detached drops its context (a tenantctx finding); the fix passes it
// on, so it is a sink for its callers already and fixes converge in one
// pass.
func Detached(ctx context.Context) { // want Detached:"tenantctx sink: parameter 0 to sink.Log"
	sink.Log(context.Background(), "x")
}

// Not helpers: the context passed on is not the parameter's.
type holder struct{ ctx context.Context }

func (h *holder) Field(ctx context.Context) {
	sink.Log(h.ctx, "x")
}

func Mixed(a, b context.Context, pick bool) {
	c := a
	if pick {
		c = b
	}
	sink.Log(c, "x")
}

func NoSink(ctx context.Context) { _ = ctx }
