// Package tenant is the fixture's tenant package: Key is cache.key_func;
// FromContext, Lookup and Session.Tenant are tenant values.
package tenant

import (
	"context"
	"fmt"
)

// Key scopes a cache key to the tenant carried by ctx.
func Key(ctx context.Context, key string) string { return FromContext(ctx) + ":" + key }

// FromContext returns the tenant carried by ctx.
func FromContext(ctx context.Context) string {
	id, _ := ctx.Value("tenant").(string)
	return id
}

// Lookup returns the tenant's number and whether ctx carries one.
func Lookup(ctx context.Context) (int64, bool) {
	id, ok := ctx.Value("tenant").(int64)
	return id, ok
}

// UUID is an identifier with a String method.
type UUID [16]byte

func (u UUID) String() string { return fmt.Sprintf("%x", u[:]) }

// Session has the tenant (configured) and the user (not).
type Session struct{ tenant, user UUID }

// Tenant is a tenant value: cache_values/tenant.Session.Tenant.
func (s *Session) Tenant() UUID { return s.tenant }

// User is not a tenant value.
func (s *Session) User() UUID { return s.user }

// Account has the configured fields TenantID and OrgID, and Name.
type Account struct {
	TenantID int64
	OrgID    UUID
	Name     string
}
