// Package app caches in sync.Maps: string keys are checked, other keys
// are unchecked under the strict rule.
package app

import (
	"context"
	"sync"

	"cache_syncmap/tenant"
)

type userKey struct{ TenantID, ID string }

// ID is a string type: a key of it is a string key.
type ID string

type Service struct {
	users sync.Map
	byKey *sync.Map
}

// Every keyed method, with an unscoped string key.
func (s *Service) Unscoped(ctx context.Context, id string) {
	s.users.Load("user:" + id)               // want `^sync\.Map\.Load key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	s.users.Store("user:"+id, 1)             // want `^sync\.Map\.Store key is not tenant-scoped; wrap it as tenant\.Key\(ctx, key\)$`
	s.users.LoadOrStore("user:"+id, 1)       // want `^sync\.Map\.LoadOrStore key is not tenant-scoped`
	s.users.LoadAndDelete("user:" + id)      // want `^sync\.Map\.LoadAndDelete key is not tenant-scoped`
	s.users.Delete("user:" + id)             // want `^sync\.Map\.Delete key is not tenant-scoped`
	s.users.Swap("user:"+id, 2)              // want `^sync\.Map\.Swap key is not tenant-scoped`
	s.users.CompareAndSwap("user:"+id, 1, 2) // want `^sync\.Map\.CompareAndSwap key is not tenant-scoped`
	s.users.CompareAndDelete("user:"+id, 1)  // want `^sync\.Map\.CompareAndDelete key is not tenant-scoped`
	s.byKey.Load(ID(id))                     // want `^sync\.Map\.Load key is not tenant-scoped`
	s.users.Range(func(k, v any) bool { return true })
	s.users.Clear()
}

// Scoped string keys: through key_func or a tenant value.
func (s *Service) Scoped(ctx context.Context, tenantID, id string) {
	s.users.Load(tenant.Key(ctx, "user:"+id))
	s.users.Store(tenantID+":user:"+id, 1)
	s.byKey.Delete(tenant.Key(ctx, id))
}

// Other keys are unchecked under the strict rule, with or without the
// tenant: a struct, an integer.
func (s *Service) Other(tenantID, id string, n int) {
	s.byKey.Load(userKey{TenantID: tenantID, ID: id}) // unchecked: non-string key
	s.byKey.Store(userKey{ID: id}, 1)                 // unchecked: non-string key
	s.users.Delete(n)                                 // unchecked: non-string key
}
