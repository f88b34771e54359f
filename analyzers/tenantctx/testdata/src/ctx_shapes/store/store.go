// Package store has a repository recognised by its methods
// (repository.methods: tenant_param orgID).
package store

import "context"

type User struct{ ID, OrgID string }

type Users struct{}

func (u *Users) Find(ctx context.Context, orgID, id string) (*User, error) { return nil, nil }

// Clock takes a context but is no repository: no tenant parameter.
type Clock struct{}

func (Clock) Stamp(ctx context.Context, u *User) {}
