// Package app caches in map fields.
package app

import (
	"context"
	"sync"

	"cache_mapfield/tenant"
)

type userKey struct{ TenantID, ID string }

type Service struct {
	mu    sync.Mutex
	users map[string]int
	byKey map[userKey]int
	names map[string]string // not configured: no cache
}

// Embedded: the field is reached through Outer.
type Outer struct{ *Service }

func (s *Service) Unscoped(ctx context.Context, id string) int {
	s.users["user:"+id] = 1 // want `^app\.Service\.users key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	n := s.users["user:"+id] // want `^app\.Service\.users key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`

	if v, ok := s.users[id]; ok { // want `^app\.Service\.users key is not tenant-scoped`
		n += v
	}

	delete(s.users, id) // want `^app\.Service\.users key is not tenant-scoped`

	s.names[id] = "x"
	return n + len(s.users)
}

func (o Outer) Promoted(ctx context.Context, id string) {
	o.users[id]++ // want `^app\.Service\.users key is not tenant-scoped`
}

func (s *Service) Scoped(ctx context.Context, tenantID, id string) {
	s.users[tenant.Key(ctx, "user:"+id)] = 1
	s.users[tenantID+":"+id] = 2
	delete(s.users, tenant.Key(ctx, id))
	for k := range s.users { // ranging is no keyed access
		_ = k
	}
}

// A struct key is unchecked under the strict rule.
func (s *Service) Other(tenantID, id string) {
	s.byKey[userKey{TenantID: tenantID, ID: id}] = 1 // unchecked: non-string key
	delete(s.byKey, userKey{ID: id})                 // unchecked: non-string key
}
