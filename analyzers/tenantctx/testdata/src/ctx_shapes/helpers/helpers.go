// Package helpers passes contexts on to sinks: its functions are sinks
// for their callers in other packages, through facts.
package helpers

import (
	"context"
	"time"

	"ctx_shapes/audit"
	"ctx_shapes/store"
)

// LoadUser passes its context to a recognised repository.
func LoadUser(ctx context.Context, users *store.Users, id string) (*store.User, error) {
	return users.Find(ctx, "org", id)
}

// Audit passes a context derived from its own, through another helper.
func Audit(msg string, ctx context.Context) {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	logNow(tctx, msg)
}

func logNow(ctx context.Context, msg string) {
	audit.Log(ctx, msg)
}

// Detached drops the tenant of its context: a finding here, whose fix
// passes ctx on, so Detached is a sink for its callers already (fixes
// converge in one pass).
func Detached(ctx context.Context, msg string) {
	audit.Log(context.Background(), msg) // want `^context\.Background\(\) passed to audit\.Log drops the tenant carried by ctx; pass ctx$`
}
