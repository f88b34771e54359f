package ctxs

import (
	"context"
	"time"
)

// Locals that hold only an empty context, however they got it, carry no
// tenant: the fix has no context to pass to key_func (internal/ctxscope).

// Derived only from Background.
func derivedFromBackground(id string, d time.Duration) {
	c, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	rdb.Get(c, id) // want `\(manual fix: no context\.Context in scope`
}

// Copied from an empty local.
func copiedFromEmpty(id string) {
	base := context.TODO()
	c := base
	rdb.Get(c, id) // want `\(manual fix: no context\.Context in scope`
}

// Assigned nil.
func assignedNil(id string) {
	var c context.Context = nil
	rdb.Get(c, id) // want `\(manual fix: no context\.Context in scope`
}
