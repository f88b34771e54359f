// Package store has repositories recognised by their methods:
// Users by a tenant_method (it reads the tenant from the context: a
// sink), Orgs only by a tenant_param (it takes the tenant explicitly: no
// sink).
package store

import "context"

type User struct{ ID, OrgID string }

type Users struct{}

func (u *Users) Find(ctx context.Context, orgID, id string) (*User, error) { return nil, nil }

func (u *Users) OrgFromContext(ctx context.Context) string { return "" }

type Orgs struct{}

func (o *Orgs) Get(ctx context.Context, orgID string) (*User, error) { return nil, nil }

// Clock takes a context but is no repository: no tenant parameter.
type Clock struct{}

func (Clock) Stamp(ctx context.Context, u *User) {}
