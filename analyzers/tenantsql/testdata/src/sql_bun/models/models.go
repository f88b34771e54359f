// Package models declares bun models, as SigNoz does: the table in the
// bun.BaseModel tag, the tenant column in the OrgID field's tag.
package models

import "github.com/uptrace/bun"

type User struct {
	bun.BaseModel `bun:"table:users"`

	ID    string `bun:"id,pk"`
	OrgID string `bun:"org_id"`
	Email string `bun:"email"`
}

type Invoice struct {
	bun.BaseModel `bun:"table:invoices,alias:i"`

	ID     string `bun:"id,pk"`
	UserID string `bun:"user_id"`
	OrgID  string `bun:"org_id"`
}

// Membership's primary key holds the tenant column: WherePK constrains it.
type Membership struct {
	bun.BaseModel `bun:"memberships"`

	OrgID  string `bun:"org_id,pk"`
	UserID string `bun:"user_id,pk"`
}

// Organization is not tenant-scoped.
type Organization struct {
	bun.BaseModel `bun:"table:organizations"`

	ID string `bun:"id,pk"`
}

// StorableRule's table is its tag's, not its name's plural.
type StorableRule struct {
	bun.BaseModel `bun:"table:rule"`

	ID    string `bun:"id,pk"`
	OrgID string `bun:"org_id,type:text"`
}

// RuleWithOwner extends StorableRule: its table is rule.
type RuleWithOwner struct {
	*StorableRule `bun:",extend"`
	Owner         *User `bun:"rel:belongs-to,join:owner_id=id"`
}
