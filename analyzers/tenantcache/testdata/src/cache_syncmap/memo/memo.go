// Package memo is an in-house cache keyed by any and by a struct
// (cache.apis).
package memo

// Key is a struct key.
type Key struct{ TenantID, ID string }

// Memo keeps values by keys of any comparable type.
type Memo struct{ m map[any]any }

// Get returns the value kept under key.
func (m *Memo) Get(key any) (any, bool) { v, ok := m.m[key]; return v, ok }

// PutKey keeps v under a struct key.
func (m *Memo) PutKey(k Key, v any) { m.m[k] = v }
