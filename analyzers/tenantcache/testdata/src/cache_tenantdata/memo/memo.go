// Package memo is an in-house cache whose keys are not strings: any,
// a struct and an array (cache.apis).
package memo

import "cache_tenantdata/uuid"

// Key is a struct key; OrgID holds the tenant when it is set.
type Key struct {
	OrgID string
	ID    uuid.UUID
}

// Memo keeps values by keys of any comparable type.
type Memo struct{ m map[any]any }

// Get returns the value kept under key.
func (m *Memo) Get(key any) (any, bool) { v, ok := m.m[key]; return v, ok }

// Put keeps v under key.
func (m *Memo) Put(key, v any) { m.m[key] = v }

// PutKey keeps v under a struct key.
func (m *Memo) PutKey(k Key, v any) { m.m[k] = v }

// Remember keeps v under a pair of strings.
func Remember(m *Memo, k [2]string, v any) { m.m[k] = v }
